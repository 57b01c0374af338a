/**
 * The windows overview and the cashier pull on a real PostgreSQL (a throwaway cluster).
 *
 *   node --import tsx bench/windows-overview.bench.ts      (or: npm run bench windows)
 *   BENCH_SETTLEMENTS=1000000 for a bigger day
 *
 * The overview runs every 10 s on a supervisor's screen, the pull every heartbeat at every window:
 * both must stay small beside what they read. Baselines in this run:
 * - overview: a bare `count(*), sum(medfee)` per window over the same day's rows (one index scan);
 * - pull: the bare SELECT of the same cashier rows, without writing them into SQLite.
 * Figures: median of 15 runs after 3 warm-ups. The machine is shared: read the ratios, not the ms.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startPgCluster } from '../src/institution-demo/pg-cluster.js';
import { migrateInstitution } from '../src/main/institution/pg/migrate.js';
import { provisionWindow } from '../src/main/institution/pg/provision.js';
import { ownerAddCashier, fetchInstitutionCashiers } from '../src/main/institution/pg/cashiers-sql.js';
import { readWindowsOverview } from '../src/main/institution/windows/overview.js';
import { createStore } from '../src/main/store/index.js';
import { hashPin } from '../src/main/store/pin-hash.js';

const N = Number(process.env.BENCH_SETTLEMENTS ?? 100_000);
const WINDOWS = 20;
const CASHIERS = 200;
const H = 'P53060200001';
const DAY = '2026-12-01';

async function median(fn: () => Promise<unknown>, runs = 15, warm = 3): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
}

const cluster = await startPgCluster({ fsync: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-windows-'));
try {
  const c0 = new pg.Client({ connectionString: cluster.url() });
  await c0.connect();
  await c0.query('CREATE DATABASE institution');
  await c0.end();
  const owner = new pg.Client({ connectionString: cluster.url('institution') });
  await owner.connect();
  await migrateInstitution(owner);
  for (let w = 1; w <= WINDOWS; w++) await provisionWindow(owner, { terminalId: `W${String(w).padStart(2, '0')}`, fixmedinsCode: H, role: `pos_w_w${w}`, password: `pw${w}` });
  const g0 = performance.now();
  // the day's settlements spread over the windows (80% on the day, 20% the day before), 1% reversed today
  await owner.query(
    `INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no,
       psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
       psn_cash_pay, counted_from, rv_setl_id, rv_business_date, detail)
     SELECT 's' || i, 'W' || lpad((1 + i % $2)::text, 2, '0'), $3, i, 'pharmacy', '41', CASE WHEN i % 100 = 0 THEN 'reversed' ELSE 'settled' END,
            CASE WHEN i % 5 = 0 THEN $4::date - 1 ELSE $4::date END, now(), now(), '1001', 'P' || i, '张*', '530602********0119',
            CASE WHEN i % 2 = 0 THEN '310' ELSE '390' END, '530602', '41', true, 1000 + i % 9000, (1000 + i % 9000) / 2, (1000 + i % 9000) / 4, 0,
            (1000 + i % 9000) - (1000 + i % 9000) / 2 - (1000 + i % 9000) / 4, 'center',
            CASE WHEN i % 100 = 0 THEN 'rv' || i END, CASE WHEN i % 100 = 0 THEN $4::date END, '{}'
       FROM generate_series(1, $1) AS i`,
    [N, WINDOWS, H, DAY],
  );
  await owner.query(
    `INSERT INTO pos.window_status (terminal_id, heard_at, acked_seq, local_seq, backlog) SELECT terminal_id, now(), 10, 10, 0 FROM pos.windows`,
  );
  await owner.query('ANALYZE pos.settlements');
  console.log(`generated ${N.toLocaleString()} settlements over ${WINDOWS} windows in ${((performance.now() - g0) / 1000).toFixed(1)} s`);

  const pool = new pg.Pool({ connectionString: cluster.url('institution'), max: 2 });
  const overviewMs = await median(() => readWindowsOverview(pool, { fixmedinsCode: H, businessDate: DAY, staleAfterMs: 180_000 }));
  const bareMs = await median(() =>
    pool.query('SELECT terminal_id, count(*), sum(medfee_sumamt) FROM pos.settlements WHERE fixmedins_code = $1 AND business_date = $2 GROUP BY terminal_id', [H, DAY]),
  );
  console.log(`windows overview (${WINDOWS} windows, ${N.toLocaleString()} rows): ${overviewMs.toFixed(1)} ms · bare count+sum per window ${bareMs.toFixed(1)} ms · ratio ${(overviewMs / bareMs).toFixed(2)}×`);

  // cashier pull: CASHIERS rows into a window's SQLite (the second and later pulls find nothing changed; the first writes all)
  const hash = hashPin('2580');
  for (let i = 0; i < CASHIERS; i++) await ownerAddCashier(owner, H, { no: String(2000 + i), name: `收费${i}`, role: i === 0 ? 'administrator' : 'cashier', pinHash: hash, createdAt: new Date().toISOString() });
  const store = createStore(path.join(tmp, 'terminal.db'), { fixmedinsCode: H, stamp14: () => '20261201101500' });
  const first0 = performance.now();
  store.cashierCache.mirror(await fetchInstitutionCashiers(pool));
  const firstMs = performance.now() - first0;
  const pullMs = await median(async () => store.cashierCache.mirror(await fetchInstitutionCashiers(pool)));
  const fetchMs = await median(() => fetchInstitutionCashiers(pool));
  console.log(`cashier pull (${CASHIERS} cashiers): first ${firstMs.toFixed(1)} ms (writes all), later ${pullMs.toFixed(2)} ms (nothing changed) · bare SELECT ${fetchMs.toFixed(2)} ms · ratio ${(pullMs / fetchMs).toFixed(2)}×`);
  store.close();
  await pool.end();
  await owner.end();
} finally {
  cluster.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
}
