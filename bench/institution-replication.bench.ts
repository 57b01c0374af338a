/**
 * Replication into the institution's PostgreSQL against a bare `pg` batch insert of the same rows.
 *
 *   node --import tsx bench/institution-replication.bench.ts     (or: npm run bench institution-replication)
 *
 * Target (issue 14): the sender moves at least half the rows per second of a bare batch insert.
 * - One throwaway PostgreSQL 15 (fsync on, synchronous_commit on: a real server's durability), the
 *   institution schema migrated, one window provisioned (row-level security applies to it).
 * - The window's SQLite holds N changes (BENCH_CHANGES, default 20,000): N/2 settlements confirmed and
 *   answered by the center (two changes each), made through the store's own repositories.
 * - Timed: the real sender (institution/replication/sender.ts) draining the queue, batchSize 500:
 *   reading each batch from SQLite, mapping, one transaction per batch (guarded upsert of the
 *   settlements, the changes, the window's status), the ack in SQLite.
 * - Baseline: the same rows, precomputed in memory, INSERTed by `pg` as multi-row VALUES into plain
 *   copies of the two tables (no row-level security, no conflict handling, no SQLite), 500 changes
 *   per transaction; once before the sender and once after (the mean is the baseline).
 * Rates are changes per second (a change is one pos.settlement_changes row and, per batch, its
 * settlement's row). The machine is shared: figures move with the neighbours' load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startPgCluster } from '../src/institution-demo/pg-cluster.js';
import { InstitutionConfig } from '../src/main/institution/config.js';
import { migrateInstitution } from '../src/main/institution/pg/migrate.js';
import { provisionWindow } from '../src/main/institution/pg/provision.js';
import { batchRows, type PgChangeRow, type PgSettlementRow } from '../src/main/institution/replication/row.js';
import { createReplicationSender } from '../src/main/institution/replication/sender.js';
import { createStore } from '../src/main/store/index.js';
import { sampleItems, sampleRecord } from '../test/helpers/records.js';

const N = Number(process.env.BENCH_CHANGES ?? 20_000);
const BATCH = 500;
const TARGET = 0.5;
const W = { terminalId: 'B01', fixmedinsCode: 'P53060200001' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-inst-repl-'));
const cluster = await startPgCluster({ fsync: true });
const cleanup = () => {
  cluster.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => (cleanup(), process.exit(130)));

try {
  const boot = new pg.Client({ connectionString: cluster.url() });
  await boot.connect();
  await boot.query('CREATE DATABASE institution');
  await boot.end();
  const owner = new pg.Client({ connectionString: cluster.url('institution') });
  await owner.connect();
  await migrateInstitution(owner);
  await provisionWindow(owner, { terminalId: W.terminalId, fixmedinsCode: W.fixmedinsCode, role: 'pos_w_b01', password: 'bench-password', label: 'bench' });
  await owner.query('CREATE SCHEMA bench');
  await owner.query('CREATE TABLE bench.settlements (LIKE pos.settlements INCLUDING ALL)');
  await owner.query('CREATE TABLE bench.settlement_changes (LIKE pos.settlement_changes INCLUDING ALL)');
  const pwFile = path.join(dir, 'w.pw');
  fs.writeFileSync(pwFile, 'bench-password', { mode: 0o600 });

  // the window's backlog: N/2 settlements, each confirmed and answered
  const store = createStore(path.join(dir, 'terminal.db'), { fixmedinsCode: W.fixmedinsCode, stamp14: () => '20261202101500' });
  const t0 = performance.now();
  for (let done = 0; done < N / 2; ) {
    store.transaction(() => {
      for (let k = 0; k < 1000 && done < N / 2; k++, done++) {
        const rec = sampleRecord({ terminal_id: W.terminalId, business_date: '2026-12-02' });
        store.settlements.commitConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'settlement.confirm' });
        store.replication.enqueue({ settlement_id: rec.id, kind: 'confirmed', detail: { offline: false, cash: null } });
        store.settlements.update(rec.id, { status: 'settled', center_split: rec.local_split, mdtrt_id: `M${done}`, setl_id: `S${done}` });
        store.replication.enqueue({ settlement_id: rec.id, kind: 'answered', detail: { infno: '2102' } });
      }
    });
  }
  console.log(`backlog of ${N} changes made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // the baseline's rows, in memory before the clock starts
  const snaps = store.replication.batch(N, 0);
  const batches: Array<{ settlements: PgSettlementRow[]; changes: PgChangeRow[] }> = [];
  for (let i = 0; i < snaps.length; i += BATCH) batches.push(batchRows(snaps.slice(i, i + BATCH), W));

  const bare = async (): Promise<number> => {
    await owner.query('TRUNCATE bench.settlements, bench.settlement_changes');
    const c = new pg.Client({ connectionString: cluster.url('institution') });
    await c.connect();
    const start = performance.now();
    for (const b of batches) {
      await c.query('BEGIN');
      await insertValues(c, 'bench.settlements', b.settlements);
      await insertValues(c, 'bench.settlement_changes', b.changes);
      await c.query('COMMIT');
    }
    const s = (performance.now() - start) / 1000;
    await c.end();
    return N / s;
  };

  const before = await bare();
  const connection = InstitutionConfig.parse({ database: { url: `postgres://pos_w_b01@127.0.0.1:${cluster.port}/institution`, passwordFile: pwFile, tls: { mode: 'disable' } } }).database!;
  const sender = createReplicationSender({
    store,
    connection,
    replication: InstitutionConfig.parse({ replication: { batchSize: BATCH } }).replication,
    window: W,
    cashier: () => '1001',
    appVersion: 'bench',
    log: (l) => console.log(l),
    onChange: () => undefined,
  });
  const s0 = performance.now();
  const state = await sender.drain();
  const senderSeconds = (performance.now() - s0) / 1000;
  await sender.stop();
  const after = await bare();
  const arrived = (await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM pos.settlement_changes WHERE terminal_id = 'B01'")).rows[0]!.n;
  if (state !== 'ok' || arrived !== N) throw new Error(`the sender ended ${state} with ${arrived} of ${N} changes`);

  const senderRate = N / senderSeconds;
  const baseline = (before + after) / 2;
  const ratio = senderRate / baseline;
  console.log(`bare pg INSERT VALUES (500/transaction): ${before.toFixed(0)} and ${after.toFixed(0)} changes/s (mean ${baseline.toFixed(0)})`);
  console.log(`replication sender (SQLite → PostgreSQL, upserts, RLS, ack): ${senderRate.toFixed(0)} changes/s (${senderSeconds.toFixed(2)} s for ${N})`);
  console.log(`ratio ${ratio.toFixed(2)}× (goal ≥ ${TARGET}×) ${ratio >= TARGET ? 'MET' : 'NOT MET'}`);
  store.close();
  await owner.end();
} finally {
  cleanup();
}

async function insertValues(c: pg.Client, table: string, rows: Array<PgSettlementRow | PgChangeRow>): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    const rec = r as unknown as Record<string, unknown>;
    return `(${cols.map((k) => {
      const v = rec[k];
      params.push(k === 'detail' ? JSON.stringify(v) : v);
      return `$${params.length}`;
    }).join(', ')})`;
  });
  await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}
