/**
 * Institution end of day over PostgreSQL: 100,000 and 1,000,000 settlements from 20 windows, generated
 * into a throwaway PostgreSQL (one INSERT … SELECT generate_series) and the same records into the
 * simulator's SQLite (its side of 3201/3202). Each size runs in its own child process so its peak RSS
 * (resourceUsage().maxRSS) is its own; the simulator runs as a process of its own (src/center-sim/main.ts), as the
 * center is another machine in real life.
 *
 *   node --import tsx bench/institution-eod.bench.ts          (or: npm run bench institution-eod)
 *   BENCH_SIZES=100000 to run one size
 *
 * Goals (issue 14): totals < 2 s, the 3202 compare of the whole day < 60 s, CSV export < 20 s, peak RSS < 500 MB.
 * Same-run baselines: a bare SUM over the day (one aggregate, no grouping); fetching the center's 3202
 * pages alone (no PostgreSQL); reading the export rows (COPY, parsed) without formatting or writing.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openSimDb } from '../src/center-sim/store/db.js';
import { createCenterClient, formatMsgid } from '../src/main/center/index.js';
import { openPool } from '../src/main/institution/pg/connect.js';
import { eodPending, eodSums, eodWindows } from '../src/main/institution/pg/eod-totals.js';
import { exportRows, inEodTransaction } from '../src/main/institution/pg/eod-detail.js';
import { compareGroups, CENTER_PAGE_SIZE } from '../src/main/institution/eod/compare.js';
import { shapeTotals } from '../src/main/institution/eod/totals.js';
import { exportInstitution } from '../src/main/institution/eod/export.js';
import { runInstitutionEod } from '../src/main/institution/eod/run.js';
import { asConfig, startInstitutionPg } from '../test/helpers/institution-pg.js';

const CODE = 'P53060200099';
const DAY = '2026-11-24';
const WINDOWS = 20;
const GROUPS = [
  { insutype: '310', clr_type: '11' },
  { insutype: '310', clr_type: '41' },
  { insutype: '390', clr_type: '11' },
  { insutype: '390', clr_type: '41' },
];

/** the i-th settlement, the same formula in SQL (PostgreSQL) and here (simulator) */
function simRow(i: number) {
  const insutype = i % 4 === 0 ? '390' : '310';
  const medfee = 500 + ((i * 7919) % 50_000);
  const fund = Math.floor((medfee * 6) / 10);
  const acct = insutype === '310' ? Math.floor((medfee - fund) / 2) : 0;
  const reversed = i % 100 === 7;
  return {
    setl_id: `S${i}`, fixmedins_code: CODE, kind: i % 3 === 0 ? 'outpatient' : 'pharmacy', infno: '2102', msgid: `m${i}`, mdtrt_id: `M${i}`, psn_no: `P${i % 5000}`,
    insutype, med_type: i % 3 === 0 ? '11' : '41', setl_time: `${DAY} 09:00:00`, year: 2026, medfee_sumamt: medfee, fund_pay_sumamt: fund, acct_pay: acct,
    acct_mulaid_pay: 0, psn_cash_pay: medfee - fund - acct, status: reversed ? 'reversed' : 'settled', reversal_setl_id: reversed ? `RV${i}` : null, reversed_at: reversed ? `${DAY} 12:00:00` : null,
  };
}

const PG_GENERATE = `
INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no, psn_no,
  psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, mdtrt_id, setl_id, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
  psn_cash_pay, counted_from, rv_setl_id, rv_time, rv_business_date, detail)
SELECT 'id-' || i, 'BW' || lpad((i % ${WINDOWS})::text, 2, '0'), '${CODE}', i, CASE WHEN i % 3 = 0 THEN 'outpatient' ELSE 'pharmacy' END,
  CASE WHEN i % 3 = 0 THEN '11' ELSE '41' END, CASE WHEN i % 100 = 7 THEN 'reversed' ELSE 'settled' END, '${DAY}',
  timestamptz '${DAY} 08:00:00+08' + i * interval '30 milliseconds', timestamptz '${DAY} 08:00:00+08' + i * interval '30 milliseconds',
  'C' || (i % ${WINDOWS * 2}), 'P' || (i % 5000), '张*', '530602********1234', ins, '530600', CASE WHEN i % 3 = 0 THEN '11' ELSE '41' END, 'M' || i, 'S' || i,
  acct > 0, medfee, fund, acct, 0, medfee - fund - acct, 'center',
  CASE WHEN i % 100 = 7 THEN 'RV' || i END, CASE WHEN i % 100 = 7 THEN timestamptz '${DAY} 12:00:00+08' END, CASE WHEN i % 100 = 7 THEN date '${DAY}' END, '{}'::jsonb
FROM (SELECT i, ins, medfee, fund, CASE WHEN ins = '310' THEN (medfee - fund) / 2 ELSE 0 END AS acct
        FROM (SELECT i, CASE WHEN i % 4 = 0 THEN '390' ELSE '310' END AS ins, 500 + (i * 7919) % 50000 AS medfee, (500 + (i * 7919) % 50000) * 6 / 10 AS fund
                FROM generate_series(0::int8, $1::int8 - 1) AS i) a) b`;

const mb = (kb: number) => (kb / 1024).toFixed(0);
const secs = (ms: number) => (ms / 1000).toFixed(2);

async function child(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inst-eod-bench-'));
  const ipg = await startInstitutionPg(dir);
  const out: Record<string, number> = { n };
  let sim: ReturnType<typeof spawn> | null = null;
  try {
    for (let w = 0; w < WINDOWS; w++) await ipg.addWindow(`BW${String(w).padStart(2, '0')}`, CODE, `窗口${w}`);
    await ipg.admin.query(`INSERT INTO pos.window_status (terminal_id, acked_seq, local_seq, backlog) SELECT terminal_id, 0, 0, 0 FROM pos.windows`);
    let t = performance.now();
    await ipg.admin.query(PG_GENERATE, [n]);
    // as autovacuum leaves a table: statistics and the visibility map (index-only scans)
    await ipg.admin.query('VACUUM ANALYZE pos.settlements');
    out.genPgMs = performance.now() - t;

    // the simulator's side: the same records in its SQLite, then the simulator on that file
    const simPath = path.join(dir, 'sim.db');
    openSimDb(simPath, 2026).close();
    t = performance.now();
    const sdb = new Database(simPath);
    const ins = sdb.prepare(`INSERT INTO settlements (setl_id, fixmedins_code, kind, infno, msgid, mdtrt_id, psn_no, insutype, med_type, mulaid_psn_no, setl_time, year,
      medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay, split_json, ytd_delta_json, status, reversal_setl_id, reversed_at)
      VALUES (@setl_id, @fixmedins_code, @kind, @infno, @msgid, @mdtrt_id, @psn_no, @insutype, @med_type, NULL, @setl_time, @year,
      @medfee_sumamt, @fund_pay_sumamt, @acct_pay, @acct_mulaid_pay, @psn_cash_pay, '{}', '{}', @status, @reversal_setl_id, @reversed_at)`);
    sdb.transaction(() => {
      for (let i = 0; i < n; i++) ins.run(simRow(i));
      // the test switch: the center "lost" one record, so the compare has one difference to find
      sdb.prepare("INSERT INTO reconcile_drift (id, lose_setl_id) VALUES (1, 'S123')").run();
    })();
    sdb.close();
    out.genSimMs = performance.now() - t;
    sim = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../src/center-sim/main.ts'), '--port', '0', '--db', simPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      sim!.stdout!.on('data', (b: Buffer) => {
        text += b.toString();
        const m = /listening on (\S+)/.exec(text);
        if (m) resolve(m[1]!);
      });
      sim!.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
    });
    const client = createCenterClient({ url, fixmedins_code: CODE, fixmedins_name: '基准医院', mdtrtarea_admvs: '530600', opter: '0001', opter_name: '基准', timeoutMs: 120_000 });
    let seq = 0;
    const meta = () => ({ msgid: formatMsgid(CODE, new Date(), ++seq % 10000), insuplc_admdvs: '530600' });
    const center = { call3201: (i: never) => client.call('3201', i, meta()), call3202: (i: never) => client.call('3202', i, meta()) };
    const pool = openPool(asConfig(await ipg.addFinance()), { max: 4 });
    const p = { code: CODE, from: DAY, to: DAY };

    // totals: the sums, pending and windows as the run reads them, shaped
    t = performance.now();
    const [sums, , wins] = await Promise.all([eodSums(pool, p), eodPending(pool, p, 1000), eodWindows(pool, p, 180_000)]);
    const shaped = shapeTotals(sums, new Map(wins.map((w) => [w.terminal_id, w.label])));
    out.totalsMs = performance.now() - t;
    t = performance.now();
    await pool.query('SELECT sum(medfee_sumamt) FROM pos.settlements WHERE fixmedins_code = $1 AND business_date = $2', [CODE, DAY]);
    out.bareSumMs = performance.now() - t;
    const counted = [...shaped.groups.values()].reduce((s, g) => s + g.settlements.count + g.reversals.count, 0);

    // the 3202 compare of the whole day (every group), the center having lost one record
    t = performance.now();
    let diffs = 0;
    for (const d of (await compareGroups(pool, center as never, { ...p, setl_optins: '530600' }, GROUPS, [])).values()) diffs += d.differences.length;
    out.compareMs = performance.now() - t;
    out.differences = diffs;
    t = performance.now();
    let fetched = 0;
    for (const g of GROUPS) {
      for (let page = 1; ; page++) {
        const r = await client.call('3202', { data: { ...g, setl_optins: '530600', stmt_begndate: DAY, stmt_enddate: DAY, page_num: page, page_size: CENTER_PAGE_SIZE } } as never, meta());
        fetched += r.detail.length;
        if (r.detail.length === 0 || page * CENTER_PAGE_SIZE >= r.total) break;
      }
    }
    out.baseCenterPagesMs = performance.now() - t;

    // CSV export of the whole day with its per-window breakdown
    const result = await runInstitutionEod({ pool, center: null, institution: { fixmedins_code: CODE, fixmedins_name: '基准医院' }, setl_optins: '530600', staleAfterMs: 180_000, operator: { no: 'B', name: '基准' }, nowIso: () => new Date().toISOString(), runId: 'bench' }, { from: DAY, to: DAY });
    t = performance.now();
    const csv = await exportInstitution({ pool, operator: { no: 'B', name: '基准' }, nowIso: () => new Date().toISOString() }, p, result, 'csv', path.join(dir, 'inst.csv'));
    out.csvMs = performance.now() - t;
    out.csvRows = csv.rows;
    out.csvMB = csv.bytes / 1024 / 1024;
    t = performance.now();
    let read = 0;
    await inEodTransaction(pool, async (c) => {
      for await (const page of exportRows(c, p)) read += page.length;
    });
    out.baseCursorReadMs = performance.now() - t;
    out.counted = counted;
    out.fetched = fetched;
    out.read = read;
    await pool.end();
  } finally {
    sim?.kill();
    await ipg.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  out.maxRssKB = process.resourceUsage().maxRSS;
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function parent(): void {
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
  const results: Array<Record<string, number>> = [];
  for (const n of sizes) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, INST_EOD_CHILD: String(n) }, encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    const x = JSON.parse(line.slice(7)) as Record<string, number>;
    results.push(x);
    console.log(`\n${n.toLocaleString('en')} settlements from ${WINDOWS} windows (generated: PostgreSQL ${secs(x.genPgMs)} s, simulator ${secs(x.genSimMs)} s); machine shared (2 cores)`);
    console.log(`  totals (sums per window × group, pending, windows)  ${secs(x.totalsMs)} s   goal < 2 s   baseline bare SUM of the day ${secs(x.bareSumMs)} s   counted ${x.counted}`);
    console.log(`  3202 compare of the whole day (4 groups, 2 at a time)${secs(x.compareMs)} s   goal < 60 s  baseline fetching the center's pages alone ${secs(x.baseCenterPagesMs)} s (${x.fetched} rows)   differences ${x.differences} (1 lost at the center)`);
    console.log(`  CSV export (${x.csvRows} rows, ${x.csvMB.toFixed(1)} MB)                 ${secs(x.csvMs)} s   goal < 20 s  baseline reading the same rows (COPY, parsed) ${secs(x.baseCursorReadMs)} s`);
    console.log(`  peak RSS of the process                             ${mb(x.maxRssKB)} MB  goal < 500 MB`);
  }
  if (results.length === 2) {
    const [a, b] = results;
    const g = (k: string) => (b[k] / a[k]).toFixed(1);
    console.log(`\ngrowth ${a.n.toLocaleString('en')} → ${b.n.toLocaleString('en')} (×${b.n / a.n}): totals ×${g('totalsMs')}, compare ×${g('compareMs')}, CSV ×${g('csvMs')}, peak RSS ×${g('maxRssKB')}`);
  }
}

if (process.env.INST_EOD_CHILD) await child(Number(process.env.INST_EOD_CHILD));
else parent();
