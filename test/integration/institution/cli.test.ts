/**
 * `pos institution` against a real PostgreSQL: init applies the schema once (again: nothing to apply),
 * add-window makes a role that writes as that window and prints its configuration, add-finance a
 * reader, a bad role name or a missing file is a usage error, and `status` says this window's backlog
 * and what the institution database last heard of it, or why it cannot reach it.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionCommand } from '../../../src/main/cli/institution.js';
import { startPgCluster, type PgCluster } from '../../../src/institution-demo/pg-cluster.js';
import { tempDir } from '../../helpers/tmp.js';
import { pgMigrations } from '../../../src/main/institution/pg/schema.js';

const tmp = tempDir('pos-inst-cli-');
let cluster: PgCluster;
const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out: () => out.join(''), err: () => err.join('') };
};

beforeAll(async () => {
  cluster = await startPgCluster({ fsync: false });
  const c = new pg.Client({ connectionString: cluster.url() });
  await c.connect();
  await c.query('CREATE DATABASE institution');
  await c.end();
  fs.writeFileSync(path.join(tmp.dir, 'admin.pw'), cluster.adminPassword, { mode: 0o600 });
  fs.writeFileSync(path.join(tmp.dir, 'w1.pw'), 'window-one-secret', { mode: 0o600 });
  fs.writeFileSync(path.join(tmp.dir, 'fin.pw'), 'finance-secret', { mode: 0o600 });
}, 60_000);
afterAll(() => {
  cluster?.destroy();
  tmp.cleanup();
});

describe('pos institution', () => {
  it('init, add-window, add-finance, status', async () => {
    const admin = ['--admin-url', `postgres://pos_admin@127.0.0.1:${cluster.port}/institution`, '--password-file', path.join(tmp.dir, 'admin.pw')];
    const a = io();
    expect(await institutionCommand(['init', ...admin], a.io)).toBe(0);
    // every migration the schema lists, applied by the first init
    const versions = pgMigrations.map((m) => m.version).sort((x, y) => x - y);
    expect(a.out()).toContain(`version ${versions.at(-1)} (applied ${versions.join(', ')})`);
    const b = io();
    expect(await institutionCommand(['init', ...admin], b.io)).toBe(0);
    expect(b.out()).toMatch(/nothing to apply/);

    const bad = io();
    expect(await institutionCommand(['add-window', ...admin.slice(0, 2), '--terminal', 'W1', '--fixmedins', 'P53060200001', '--role', 'Bad-Role', '--password-file', 'x'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--role/);

    const w = io();
    const url = admin[1]!;
    const adminPw = ['--admin-password-file', path.join(tmp.dir, 'admin.pw')];
    expect(await institutionCommand(['add-window', '--admin-url', url, ...adminPw, '--terminal', 'W1', '--fixmedins', 'P53060200001', '--role', 'pos_w1', '--password-file', path.join(tmp.dir, 'w1.pw'), '--label', '门诊1'], w.io)).toBe(0);
    const printed = JSON.parse(w.out().slice(w.out().indexOf('{')));
    expect(printed.institution.database.url).toBe(`postgres://pos_w1@127.0.0.1:${cluster.port}/institution`);
    const f = io();
    expect(await institutionCommand(['add-finance', '--admin-url', url, ...adminPw, '--role', 'pos_fin1', '--password-file', path.join(tmp.dir, 'fin.pw')], f.io)).toBe(0);

    // the window's role signs in with its password and is window W1; the finance role reads the windows
    const wc = new pg.Client({ connectionString: cluster.url('institution', 'pos_w1', 'window-one-secret') });
    await wc.connect();
    expect((await wc.query('SELECT pos.current_terminal() AS t')).rows[0].t).toBe('W1');
    await wc.end();
    const fc = new pg.Client({ connectionString: cluster.url('institution', 'pos_fin1', 'finance-secret') });
    await fc.connect();
    expect((await fc.query('SELECT terminal_id, label FROM pos.windows')).rows).toEqual([{ terminal_id: 'W1', label: '门诊1' }]);
    await fc.end();

    // status: a terminal configured as W1 with nothing settled; then one whose server is away
    const config = path.join(tmp.dir, 'pos.json');
    fs.writeFileSync(config, JSON.stringify({ dataDir: path.join(tmp.dir, 'data'), center: { url: 'embedded' }, terminal: { id: 'W1', msgidSlot: 1 }, institution: { database: { ...printed.institution.database, tls: { mode: 'disable' } } } }));
    const st = io();
    const stCode = await institutionCommand(["status", "--config", config, "--json"], st.io);
    expect(stCode, st.out() + st.err()).toBe(0);
    expect(JSON.parse(st.out())).toMatchObject({ configured: true, terminal: 'W1', backlog: 0, error: null, lastOkAt: null });
    fs.writeFileSync(config, JSON.stringify({ dataDir: path.join(tmp.dir, 'data'), center: { url: 'embedded' }, terminal: { id: 'W1', msgidSlot: 1 }, institution: { database: { ...printed.institution.database, url: 'postgres://pos_w1@127.0.0.1:1/institution', tls: { mode: 'disable' }, connectTimeoutMs: 500 } } }));
    const down = io();
    expect(await institutionCommand(['status', '--config', config], down.io)).toBe(1);
    expect(down.out()).toMatch(/not synced 0 .* error down: /);
  }, 60_000);
});
