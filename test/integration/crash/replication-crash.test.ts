/**
 * A terminal SIGKILLed during replication (issue 14): a window with a backlog of settlement changes
 * (pharmacy, outpatient, co-pay with cash, reversals) is replicated by a child process that is
 * killed at random moments, many times, then runs to the end. After every kill the window never
 * acked more than PostgreSQL holds, and PostgreSQL's changes are 1..max with no gap; at the end
 * pos.settlements holds each settlement exactly once in its final state with the local amounts to the fen,
 * and every change once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/app-core.js';
import { loadConfig } from '../../../src/main/config.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';
import { seededRandom } from '../../crash/seeded-random.js';
import { waitStatus } from '../sync/helpers.js';
import { centerDone, expectRowsEqualLocal, FIXMEDINS, replicatingTerminal, settleOne } from '../institution/replication-helpers.js';

const ROOT = path.resolve(__dirname, '../../..');
const tmp = tempDir('pos-repl-crash-');
let inst: InstitutionPg;
let bundle = '';

beforeAll(async () => {
  inst = await startInstitutionPg(path.join(tmp.dir, 'pg'));
  const dir = path.join(ROOT, 'node_modules/.cache/crash-test');
  fs.mkdirSync(dir, { recursive: true });
  bundle = path.join(dir, `repl-child-${process.pid}-${Date.now()}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/crash/repl-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    external: ['better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'electron', 'pinyin-pro', 'exceljs', 'pdfkit'],
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    logLevel: 'error',
  });
}, 120_000);
afterAll(async () => {
  fs.rmSync(bundle, { force: true });
  await inst?.close();
  tmp.cleanup();
});

function runChild(overrides: Record<string, unknown>, killAfterReadyMs: number | null): Promise<{ out: string; killed: boolean }> {
  const proc = spawn(process.execPath, [bundle, '--overrides', JSON.stringify(overrides)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      if (killAfterReadyMs !== null && out.includes('ready\n')) setTimeout(() => proc.kill('SIGKILL'), killAfterReadyMs);
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ out, killed: true });
      else if (code === 0) resolve({ out, killed: false });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('SIGKILL during replication', () => {
  it('replays idempotently: each settlement once, final state, amounts equal, every change once', async () => {
    const database = asConfig(await inst.addWindow('K01', FIXMEDINS));
    // the backlog, made while the institution database is configured but not reachable (a port nobody listens on)
    const away = { ...database, url: database.url.replace(/:\d+\//, ':1/'), connectTimeoutMs: 300 };
    const t = await replicatingTerminal('K01', away, { batchSize: 3, retryBaseMs: 5_000, retryMaxMs: 10_000, heartbeatMs: 60_000, staleAfterMs: 60_000 });
    const dataDir = t.dir;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await settleOne(t, i));
    await centerDone(t);
    for (const id of ids.slice(0, 4)) {
      await waitStatus(t, id, 'settled');
      const rv = await t.reverse(id, '退药');
      expect(rv.ok, rv.error?.message).toBe(true);
    }
    await centerDone(t);
    const before = t.app.store.replication.counts();
    expect(before.backlog).toBeGreaterThan(60);
    await t.app.close();

    const overrides = { dataDir, terminal: { id: 'K01', msgidSlot: 1 }, center: { url: 'embedded' }, institution: { database, replication: { batchSize: 3, retryBaseMs: 50, retryMaxMs: 200, heartbeatMs: 60_000, staleAfterMs: 60_000 } } };
    const { config } = loadConfig(undefined, overrides);
    const rand = seededRandom(14);
    let kills = 0;
    let progressed = 0;
    for (let i = 0; i < 12; i++) {
      const r = await runChild(overrides, Math.floor(rand() * 120));
      if (!r.killed) break;
      kills++;
      const store = openStore(config);
      const acked = store.replication.ackedSeq();
      store.close();
      const seqs = (await inst.admin.query("SELECT seq FROM pos.settlement_changes WHERE terminal_id = 'K01' ORDER BY seq")).rows.map((x) => x.seq as number);
      // PostgreSQL committed before the window acked: never the other way round; and never a gap
      expect(seqs.length).toBeGreaterThanOrEqual(acked);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
      if (seqs.length > acked) progressed++;
    }
    const last = await runChild(overrides, null);
    expect(last.out).toMatch(/drained ok .*"backlog":0/);
    expect(kills).toBeGreaterThan(3);

    // the final judgement against the window's own records
    const reopened = { app: { store: openStore(config) } } as unknown as Parameters<typeof expectRowsEqualLocal>[1];
    try {
      expect(await expectRowsEqualLocal(inst.admin, reopened, 'K01')).toBe(24);
      const changes = (await inst.admin.query("SELECT seq FROM pos.settlement_changes WHERE terminal_id = 'K01' ORDER BY seq")).rows.map((x) => x.seq as number);
      expect(changes).toEqual(Array.from({ length: before.local_seq }, (_, k) => k + 1));
      const reversed = (await inst.admin.query("SELECT id FROM pos.settlements WHERE terminal_id = 'K01' AND status = 'reversed' ORDER BY id")).rows.map((x) => x.id);
      expect(reversed).toEqual(ids.slice(0, 4).sort());
    } finally {
      reopened.app.store.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    // how many kills fell between PostgreSQL's commit and the window's ack (those were replayed)
    console.log(`[replication-crash] ${kills} kills, ${progressed} between a commit and its ack`);
  }, 300_000);
});
