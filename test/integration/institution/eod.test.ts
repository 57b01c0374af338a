/**
 * The institution's end of day against a real PostgreSQL and the real simulator: two windows of one
 * fixmedins_code settle at the center; their records (written into pos.settlements as the
 * replication would) reconcile as one institution; differences name the window and the cashier;
 * an incomplete window makes the day 'pending'.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCstDate } from '../../../src/main/center/index.js';
import { openPool } from '../../../src/main/institution/pg/connect.js';
import { runInstitutionEod, type InstitutionEodDeps } from '../../../src/main/institution/eod/run.js';
import { exportInstitution } from '../../../src/main/institution/eod/export.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { buyAtCenter, replicatedRow, reverseAtCenter } from '../../helpers/institution-center.js';
import { insertSettlements, putWindowStatus } from '../../helpers/institution-eod.js';
import { tempDir } from '../../helpers/tmp.js';
import { FIXMEDINS_CODE, startHarness, type Harness } from '../center/harness.js';

let ipg: InstitutionPg;
let h: Harness;
let pool: ReturnType<typeof openPool>;
const day = formatCstDate(new Date());
const W1 = 'WIN-OUT-01';
const W2 = 'WIN-PHA-02';

function deps(over: Partial<InstitutionEodDeps> = {}): InstitutionEodDeps {
  return {
    pool,
    center: { call3201: (i) => h.client.call('3201', i, h.meta()), call3202: (i) => h.client.call('3202', i, h.meta()) },
    institution: { fixmedins_code: FIXMEDINS_CODE, fixmedins_name: '测试医院' },
    setl_optins: '530600',
    staleAfterMs: 180_000,
    operator: { no: 'S001', name: '主管' },
    nowIso: () => new Date().toISOString(),
    runId: crypto.randomUUID(),
    ...over,
  };
}

const ids: string[] = [];

beforeAll(async () => {
  ipg = await startInstitutionPg(tempDir('inst-eod-').dir);
  await ipg.addWindow(W1, FIXMEDINS_CODE, '门诊一号窗');
  await ipg.addWindow(W2, FIXMEDINS_CODE, '药房二号窗');
  await ipg.addWindow('OTHER-01', 'P99999999999', '别的机构');
  pool = openPool(asConfig(await ipg.addFinance()), { max: 3 });
  h = await startHarness();
  const a = [await buyAtCenter(h, '账户充足', '310', 1250, 1), await buyAtCenter(h, '账户充足', '310', 1250, 2), await buyAtCenter(h, '城乡居民 王秀英', '390', 880, 3)];
  const b = [await buyAtCenter(h, '账户充足', '310', 2000, 1), await buyAtCenter(h, '赵志强', '310', 333, 7), await buyAtCenter(h, '城乡居民 王秀英', '390', 1999, 1)];
  await reverseAtCenter(h, b[0]!);
  ids.push(...(await insertSettlements(ipg.admin, a.map((s) => replicatedRow(h, s, FIXMEDINS_CODE, W1, 'C01')))));
  ids.push(...(await insertSettlements(ipg.admin, b.map((s) => replicatedRow(h, s, FIXMEDINS_CODE, W2, 'C02')))));
  // another institution's rows never count here
  await insertSettlements(ipg.admin, [{ terminal_id: 'OTHER-01', fixmedins_code: 'P99999999999', business_date: day, cashier_no: 'X', psn_no: 'p', insutype: '310', setl_id: 'ZZ1', medfee_sumamt: 100, fund_pay_sumamt: 100, acct_pay: 0, psn_cash_pay: 0 }]);
  for (const w of [W1, W2]) await putWindowStatus(ipg.admin, w);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await h?.close();
  await ipg?.close();
});

describe('institution end of day over PostgreSQL', () => {
  it('two windows reconcile as one institution: balanced, totals = sum of the windows to the fen, the run saved', async () => {
    const r = await runInstitutionEod(deps(), { from: day, to: day });
    expect(r.status, JSON.stringify(r.groups.map((g) => g.stmt_rslt_dscr))).toBe('balanced');
    expect(r.incomplete).toEqual([]);
    expect(r.groups.every((g) => g.status === 'balanced')).toBe(true);
    // per group: the institution's totals are the windows' added up, and what the raw rows say
    const sim = h.sim.settlements();
    for (const g of r.groups) {
      const wins = r.windows.filter((w) => w.insutype === g.insutype && w.clr_type === g.clr_type);
      for (const f of ['count', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay'] as const) {
        expect(g.local[f]).toBe(wins.reduce((n, w) => n + w.local[f], 0));
        expect(g.center![f]).toBe(g.local[f]);
      }
      const standing = sim.filter((s) => s.insutype === g.insutype && s.status === 'settled');
      expect(g.local.medfee_sumamt).toBe(standing.reduce((n, s) => n + s.medfee_sumamt, 0));
    }
    const g310 = r.groups.find((g) => g.insutype === '310')!;
    expect(g310.reversals.count).toBe(1);
    expect(g310.reversals.medfee_sumamt).toBe(-2000);
    expect(new Set(r.windows.map((w) => w.terminal_id))).toEqual(new Set([W1, W2]));
    const saved = await ipg.admin.query('SELECT status, result FROM pos.reconcile_runs WHERE id = $1', [r.id]);
    expect(saved.rows[0].status).toBe('balanced');
    expect(saved.rows[0].result.windows).toHaveLength(r.windows.length);
  });

  it('names each difference with its window and cashier: center-only, local-only, amounts differ', async () => {
    // center-only: settled at the center, the window still holds it as queued (the answer never arrived)
    const lost = await buyAtCenter(h, '账户充足', '310', 4100, 1);
    const queued = replicatedRow(h, lost, FIXMEDINS_CODE, W2, 'C02', { setl_id: null, status: 'queued', mdtrt_id: null });
    const [queuedId] = await insertSettlements(ipg.admin, [queued]);
    // local-only: a window counts a record the center does not have
    const [ghostId] = await insertSettlements(ipg.admin, [{ ...replicatedRow(h, lost, FIXMEDINS_CODE, W1, 'C01'), setl_id: 'GHOST0001', mdtrt_id: 'M-GHOST' }]);
    // amounts differ: the center reports one of W1's settlements with another account amount
    const victim = (await ipg.admin.query("SELECT setl_id FROM pos.settlements WHERE terminal_id = $1 AND insutype = '310' AND acct_pay > 0 LIMIT 1", [W1])).rows[0].setl_id;
    h.sim.setReconcileDrift({ alter: { setl_id: victim, field: 'acct_pay', delta: -1 } });
    try {
      const r = await runInstitutionEod(deps(), { from: day, to: day });
      expect(r.status).toBe('not_balanced');
      const diffs = r.groups.flatMap((g) => g.differences);
      const centerOnly = diffs.find((d) => d.kind === 'missing_here')!;
      expect(centerOnly).toMatchObject({ setl_id: lost, terminal_id: W2, cashier_no: 'C02', local_pending_id: queuedId });
      expect(diffs.find((d) => d.kind === 'missing_at_center')).toMatchObject({ setl_id: 'GHOST0001', terminal_id: W1, cashier_no: 'C01', settlement_id: ghostId });
      const differ = diffs.find((d) => d.kind === 'amounts_differ')!;
      expect(differ).toMatchObject({ setl_id: victim, terminal_id: W1, cashier_no: 'C01' });
      expect(differ.fields).toEqual([expect.objectContaining({ field: 'acct_pay', delta: -1 })]);
      expect(diffs).toHaveLength(3);
      expect(r.pending.map((p) => [p.settlement_id, p.terminal_id, p.cashier_no])).toEqual([[queuedId, W2, 'C02']]);
    } finally {
      h.sim.setReconcileDrift({ lose: null, alter: null });
      await ipg.admin.query('DELETE FROM pos.settlements WHERE id = ANY($1)', [[queuedId, ghostId]]);
      // the center keeps the lost one: reverse it there, and the window learns both, so the day balances again
      await reverseAtCenter(h, lost);
      await insertSettlements(ipg.admin, [replicatedRow(h, lost, FIXMEDINS_CODE, W2, 'C02')]);
    }
  });

  it('a window with a backlog reaching into the period, or silent, is named and the day is pending, never balanced', async () => {
    await putWindowStatus(ipg.admin, W2, { backlog: 4, oldest_unsent_date: day });
    const r = await runInstitutionEod(deps(), { from: day, to: day });
    expect(r.status).toBe('pending');
    expect(r.groups.every((g) => g.status === 'balanced')).toBe(true);
    expect(r.incomplete).toEqual([expect.objectContaining({ terminal_id: W2, reason: 'backlog', backlog: 4, label: '药房二号窗' })]);

    // a backlog of a later day does not touch this period; a window silent since an hour does
    await putWindowStatus(ipg.admin, W2, { backlog: 2, oldest_unsent_date: '2999-01-01' });
    await putWindowStatus(ipg.admin, W1, { heard_at: new Date(Date.now() - 3_600_000).toISOString() });
    const s = await runInstitutionEod(deps(), { from: day, to: day });
    expect(s.incomplete.map((w) => [w.terminal_id, w.reason])).toEqual([[W1, 'silent']]);
    expect(s.status).toBe('pending');
    await putWindowStatus(ipg.admin, W1);
    await putWindowStatus(ipg.admin, W2);
  });

  it('exports CSV, XLSX and PDF with the per-window breakdown, streamed from PostgreSQL', async () => {
    const r = await runInstitutionEod(deps(), { from: day, to: day });
    const dir = tempDir('inst-eod-exp-').dir;
    const ex = (format: 'csv' | 'xlsx' | 'pdf') =>
      exportInstitution({ pool, operator: { no: 'S001', name: '主管' }, nowIso: () => new Date().toISOString() }, { code: FIXMEDINS_CODE, from: day, to: day }, r, format, path.join(dir, `inst.${format}`));
    const rowsInPg = (await ipg.admin.query("SELECT count(*)::int AS n FROM pos.settlements WHERE fixmedins_code = $1 AND status <> 'refused'", [FIXMEDINS_CODE])).rows[0].n;
    const reversals = (await ipg.admin.query('SELECT count(*)::int AS n FROM pos.settlements WHERE fixmedins_code = $1 AND rv_setl_id IS NOT NULL', [FIXMEDINS_CODE])).rows[0].n;

    const csv = await ex('csv');
    expect(csv.rows).toBe(rowsInPg + reversals);
    const text = fs.readFileSync(csv.file, 'utf8');
    expect(text.startsWith('\uFEFF窗口(terminal_id),窗口名称(window_label),结算ID(setl_id)')).toBe(true);
    expect(text).not.toContain('OTHER-01');
    const detail = text.split('\r\n').filter((l) => l.startsWith(`${W1},`) || l.startsWith(`${W2},`));
    expect(detail.length).toBeGreaterThan(csv.rows); // detail lines plus the breakdown lines
    expect(text).toContain('窗口汇总');
    for (const w of r.windows) {
      expect(text).toContain(`${w.terminal_id},${w.label},${w.insutype},${w.clr_type},${w.local.count},${(w.local.medfee_sumamt / 100).toFixed(2)}`);
    }

    const xlsx = await ex('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.file);
    const win = wb.getWorksheet('窗口')!;
    const winRows = win.getSheetValues().filter(Boolean).slice(1) as unknown as unknown[][];
    expect(winRows.map((v) => v[1])).toEqual(r.windows.map((w) => w.terminal_id));
    expect(winRows.map((v) => v[6])).toEqual(r.windows.map((w) => w.local.medfee_sumamt / 100));
    expect(wb.getWorksheet('明细')!.rowCount).toBe(1 + xlsx.rows);

    const pdf = await ex('pdf');
    const pdfText = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('全院日终对账单');
    expect(pdfText).toContain('窗口明细');
    for (const w of [W1, W2]) expect(pdfText).toContain(w);
  });
});
