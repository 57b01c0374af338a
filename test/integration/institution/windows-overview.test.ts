/**
 * The windows overview on a real PostgreSQL: rows written straight into pos.window_status and
 * pos.settlements (as the replication will) give each window's figures to the fen, the institution's
 * total as their sum, another institution's windows left out, and the markers: never heard, silent,
 * behind, ok. Through the terminal's router: a supervisor only, and only with institution.finance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../../../src/main/institution/pg/connect.js';
import { readWindowsOverview } from '../../../src/main/institution/windows/overview.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';

const H = 'P53060200001';
const OTHER = 'H53060299999';
const DAY = '2026-12-01';
const tmp = tempDir('pos-inst-windows-');
let inst: InstitutionPg;
let fin: Awaited<ReturnType<InstitutionPg['addFinance']>>;
let app: AppUnderTest;

let n = 0;
async function settlement(terminal: string, code: string, s: { status: string; day?: string; medfee: number; fund: number; acct: number; mulaid?: number; cash: number; from?: string; rvDay?: string }) {
  n += 1;
  await inst.admin.query(
    `INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no,
       psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
       psn_cash_pay, counted_from, rv_setl_id, rv_business_date, detail)
     VALUES ($1, $2, $3, $4, 'pharmacy', '41', $5, $6, now(), now(), '1001', 'P1', '张*', '530602********0119', '310', '530602', '41', true,
       $7, $8, $9, $10, $11, $12, $13, $14, '{}')`,
    [`s${n}`, terminal, code, n, s.status, s.day ?? DAY, s.medfee, s.fund, s.acct, s.mulaid ?? 0, s.cash, s.from ?? 'center', s.rvDay ? `rv${n}` : null, s.rvDay ?? null],
  );
}
async function status(terminal: string, st: { agoMs: number; acked: number; local: number; backlog: number; centerQueue?: number; conflicts?: number }) {
  await inst.admin.query(
    `INSERT INTO pos.window_status (terminal_id, heard_at, acked_seq, local_seq, backlog, oldest_unsent_date, center_queue, open_conflicts, cashier_no, app_version)
     VALUES ($1, now() - make_interval(secs => $2::double precision / 1000), $3, $4, $5, $6, $7, $8, '1001', '0.1.0')`,
    [terminal, st.agoMs, st.acked, st.local, st.backlog, st.backlog > 0 ? DAY : null, st.centerQueue ?? 0, st.conflicts ?? 0],
  );
}

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
  for (const [id, label] of [['W01', '门诊一'], ['W02', '门诊二'], ['W03', '药房'], ['W04', '住院']] as const) await inst.addWindow(id, H, label);
  await inst.addWindow('X01', OTHER);
  fin = await inst.addFinance();

  // W01: two settled (one counted from the local preview), one reversed today, one queued, one refused, one of yesterday
  await settlement('W01', H, { status: 'settled', medfee: 12_345, fund: 8_000, acct: 3_000, cash: 1_345 });
  await settlement('W01', H, { status: 'settled', medfee: 5_001, fund: 0, acct: 2_000, mulaid: 1_000, cash: 2_001, from: 'local' });
  await settlement('W01', H, { status: 'reversed', medfee: 3_000, fund: 1_000, acct: 1_000, cash: 1_000, rvDay: DAY });
  await settlement('W01', H, { status: 'queued', medfee: 777, fund: 0, acct: 0, cash: 777, from: 'local' });
  await settlement('W01', H, { status: 'refused', medfee: 999, fund: 0, acct: 0, cash: 999, from: 'local' });
  await settlement('W01', H, { status: 'settled', day: '2026-11-30', medfee: 100_000, fund: 50_000, acct: 0, cash: 50_000 });
  // W02: settled yesterday, reversed today: counts today only as a reversal
  await settlement('W02', H, { status: 'reversed', day: '2026-11-30', medfee: 2_500, fund: 2_000, acct: 0, cash: 500, rvDay: DAY });
  await settlement('W02', H, { status: 'reversing', medfee: 10_000, fund: 7_000, acct: 2_000, cash: 1_000 });
  // another institution's window: never in this overview
  await settlement('X01', OTHER, { status: 'settled', medfee: 50_000, fund: 0, acct: 0, cash: 50_000 });

  await status('W01', { agoMs: 2_000, acked: 6, local: 6, backlog: 0, centerQueue: 1 });
  await status('W02', { agoMs: 5_000, acked: 7, local: 12, backlog: 5, conflicts: 2 });
  await status('W03', { agoMs: 600_000, acked: 3, local: 3, backlog: 0 });
  // W04 registered, never heard from

  app = await startApp({ institution: { finance: asConfig(fin), replication: { staleAfterMs: 180_000 } } });
}, 90_000);
afterAll(async () => {
  await app?.close();
  await inst?.close();
  tmp.cleanup();
});

describe('windows overview', () => {
  it("gives each window's figures to the fen and marks the silent, the behind and the never heard", async () => {
    const pool = openPool(asConfig(fin));
    try {
      const o = await readWindowsOverview(pool, { fixmedinsCode: H, businessDate: DAY, staleAfterMs: 180_000 });
      expect(o.windows.map((w) => [w.terminalId, w.label, w.state])).toEqual([
        ['W01', '门诊一', 'ok'],
        ['W02', '门诊二', 'behind'],
        ['W03', '药房', 'silent'],
        ['W04', '住院', 'never'],
      ]);
      const [w1, w2, w3, w4] = o.windows;
      expect(w1!.today).toEqual({
        settledCount: 3, medfee: 20_346, fund: 9_000, acct: 6_000, acctMulaid: 1_000, cash: 4_346,
        reversedCount: 1, reversedMedfee: 3_000, netMedfee: 17_346, queuedCount: 1, queuedMedfee: 777, countedLocal: 1,
      });
      expect(w1!.today.fund + w1!.today.acct + w1!.today.acctMulaid + w1!.today.cash).toBe(w1!.today.medfee);
      expect(w1).toMatchObject({ centerQueue: 1, backlog: 0, ackedSeq: 6, localSeq: 6, openConflicts: 0, cashierNo: '1001' });
      expect(w2!.today).toMatchObject({ settledCount: 1, medfee: 10_000, reversedCount: 1, reversedMedfee: 2_500, netMedfee: 7_500 });
      expect(w2).toMatchObject({ backlog: 5, ackedSeq: 7, localSeq: 12, oldestUnsentDate: DAY, openConflicts: 2 });
      expect(w3!.silentMs).toBeGreaterThan(590_000);
      expect(w3!.today.settledCount).toBe(0);
      expect(w4).toMatchObject({ heardAt: null, backlog: null, centerQueue: null });
      expect(o.total).toMatchObject({ settledCount: 4, medfee: 30_346, reversedMedfee: 5_500, netMedfee: 24_846, queuedCount: 1 });
    } finally {
      await pool.end();
    }
  });

  it('through the router: a supervisor only; a window without institution.finance says so', async () => {
    await app.login(); // 1001, a cashier
    expect((await app.call('institution.windows', { businessDate: DAY })).error.code).toBe('AUTH');
    await app.call('session.logout');
    expect((await app.call('session.login', { cashierNo: '9001', pin: '9999' })).ok).toBe(true);
    const r = await app.call('institution.windows', { businessDate: DAY });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data.windows).toHaveLength(4);
    expect(r.data.total.netMedfee).toBe(24_846);
    expect((await app.call('institution.windows', { businessDate: '2026-12-1' })).error.code).toBe('VALIDATION');

    const plain = await startApp();
    try {
      expect((await plain.call('session.login', { cashierNo: '9001', pin: '9999' })).ok).toBe(true);
      const no = await plain.call('institution.windows', {});
      expect(no.error.code).toBe('CONFLICT');
      expect((no.error as { key?: string }).key).toBe('institution.noFinance');
    } finally {
      await plain.close();
    }
  });
});
