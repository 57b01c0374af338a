/**
 * `pos reconcile` and `pos export` as cron runs them: a child process on the terminal's data
 * directory (the embedded simulator opens the same center-sim.db), with exit codes that say
 * balanced (0), not balanced (3), failed (1), usage (2).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim } from '../../../src/center-sim/index.js';
import { createClock } from '../../../src/main/clock.js';
import { createStore } from '../../../src/main/store/index.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { seedDay, type DaySeed } from './day-scenario.js';
import { call } from '../../helpers/app-call.js';
import { parseCsv } from '../../unit/reconcile/csv-parse.js';

const root = path.resolve(import.meta.dirname, '../../..');
const today = createClock('Asia/Shanghai').today();
let u: AppUnderTest;
let seed: DaySeed;
let dir: string;
let outpatientSetlId: string;

function pos(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  u = await startApp();
  await u.login();
  seed = await seedDay(u.app);
  outpatientSetlId = (await call<{ setl_id: string }>(u.app, 'settle.get', { id: seed.outpatient })).setl_id;
  await call(u.app, 'reconcile.devDrift', { lose: true });
  dir = u.dir;
  fs.writeFileSync(path.join(dir, 'pos.config.json'), JSON.stringify({ dataDir: dir, center: { url: 'embedded', timeoutMs: 3000 } }));
  fs.writeFileSync(path.join(dir, 'down.config.json'), JSON.stringify({ dataDir: dir, center: { url: 'http://127.0.0.1:9', timeoutMs: 1000, retryBaseMs: 50, retryMaxMs: 100 } }));
  await u.app.close(); // the terminal is closed at night; cron runs the command on its data directory
}, 90_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pos reconcile / pos export', () => {
  it('exit 3 when the center lost a settlement, naming it; pending settlements are sent first', () => {
    const r = pos('reconcile', '--date', today, '--config', path.join(dir, 'pos.config.json'), '--operator', '1001');
    expect(r.code, r.err).toBe(3);
    expect(r.out).toContain('不平');
    expect(r.out).toContain(`医保中心无此结算 (missing_at_center) setl_id ${outpatientSetlId}`);
    expect(r.out).toMatch(/审计链头 #\d+ [0-9a-f]{16}\n$/);
    expect(r.err).toContain('sending 1 pending settlement(s) first');
    const store = createStore(path.join(dir, 'terminal.db'), { fixmedinsCode: 'P53060200001', stamp14: () => '00000000000000' });
    try {
      expect(store.settlements.get(seed.pending)!.status).toBe('settled');
      expect(store.audit.list().some((a) => a.action === 'reconcile.run' && a.actor === '1001')).toBe(true);
    } finally {
      store.close();
    }
  });

  it('exit 0 when every group balances (the switch cleared), with --json for scripts', async () => {
    const sim = await startCenterSim({ dbPath: path.join(dir, 'center-sim.db') });
    sim.setReconcileDrift({ lose: null, alter: null });
    await sim.close();
    const r = pos('reconcile', '--date', today, '--config', path.join(dir, 'pos.config.json'), '--json');
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.status).toBe('balanced');
    expect(result.groups.every((g: { stmt_rslt: string }) => g.stmt_rslt === '0')).toBe(true);
  });

  it('exit 1 when the center cannot be reached', () => {
    const r = pos('reconcile', '--date', today, '--config', path.join(dir, 'down.config.json'), '--no-sync');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/failed/);
  });

  it('exit 2 on usage errors', () => {
    expect(pos('reconcile').code).toBe(2);
    expect(pos('reconcile', '--date', '2026-02-30').code).toBe(2);
    expect(pos('reconcile', '--date', '2026-11-24', '--to', '2026-11-01').code).toBe(2);
    expect(pos('export', '--date', today, '--format', 'doc', '--out', 'x').code).toBe(2);
    expect(pos('export', '--date', today, '--format', 'csv').code).toBe(2);
  });

  it('pos export writes the file, with the last reconciliation in the summary, and audits it', () => {
    const out = path.join(dir, 'out', 'day.csv');
    const r = pos('export', '--date', today, '--format', 'csv', '--out', out, '--config', path.join(dir, 'pos.config.json'), '--operator', '1001');
    expect(r.code, r.err).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, 'utf8').slice(1));
    expect(rows.length - 1).toBe(6);
    const pdf = path.join(dir, 'out', 'day.pdf');
    expect(pos('export', '--date', today, '--format', 'pdf', '--out', pdf, '--config', path.join(dir, 'pos.config.json')).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const store = createStore(path.join(dir, 'terminal.db'), { fixmedinsCode: 'P53060200001', stamp14: () => '00000000000000' });
    try {
      const exports = store.audit.list().filter((a) => a.action === 'reconcile.export');
      expect(exports.map((a) => a.actor)).toEqual(['1001', 'cli']);
    } finally {
      store.close();
    }
  });
});
