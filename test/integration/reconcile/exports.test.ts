/**
 * Exports read back, not just written: the CSV parsed (BOM, header, totals equal the database's),
 * the XLSX opened with exceljs, the PDF's text extracted with pdftotext (Chinese intact, totals
 * present) and its first page rendered with pdftoppm into artifacts/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportInfo, ReconcileResult } from '../../../src/shared/api-reconcile.js';
import { fenToYuan, formatYuan, yuanToFen } from '../../../src/shared/money.js';
import { createClock } from '../../../src/main/clock.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { seedDay, type DaySeed } from './day-scenario.js';
import { call } from '../../helpers/app-call.js';
import { parseCsv } from '../../unit/reconcile/csv-parse.js';

const artifacts = path.resolve(import.meta.dirname, '../../../artifacts');
const today = createClock('Asia/Shanghai').today();
let u: AppUnderTest;
let seed: DaySeed;
let result: ReconcileResult;
let certnos: string[];

beforeAll(async () => {
  u = await startApp();
  await u.login();
  seed = await seedDay(u.app);
  await call(u.app, 'reconcile.devDrift', { alter: { field: 'acct_pay', delta: -50 } });
  result = await call<ReconcileResult>(u.app, 'reconcile.run', { date: today });
  certnos = u.app.sim!.people().map((p) => p.certno);
}, 60_000);
afterAll(async () => {
  await u?.close();
});

/** counted rows per group from the database, the way reconciliation counts them */
function expectedNet(): Map<string, { count: number; medfee: number; fund: number; acct: number; mulaid: number; cash: number }> {
  const m = new Map<string, { count: number; medfee: number; fund: number; acct: number; mulaid: number; cash: number }>();
  for (const g of result.groups) m.set(`${g.insutype}/${g.clr_type}`, { count: g.local.count, medfee: g.local.medfee_sumamt, fund: g.local.fund_pay_sumamt, acct: g.local.acct_pay, mulaid: g.local.acct_mulaid_pay, cash: g.local.psn_cash_pay });
  return m;
}

function noIdNumbers(text: string): void {
  for (const c of certnos) expect(text.includes(c), `ID number ${c.slice(0, 6)}… in an export`).toBe(false);
}

describe('exports', () => {
  it('CSV: BOM, Chinese header with national names, exact yuan amounts whose sums equal the database', async () => {
    const progress: Array<{ phase: string; done: number; total: number }> = [];
    const off = u.app.bus.subscribe((name, payload) => {
      if (name === 'reconcile.progress') progress.push(payload as { phase: string; done: number; total: number });
    });
    const info = await call<ExportInfo>(u.app, 'reconcile.export', { date: today, format: 'csv' });
    off();
    expect(path.dirname(info.file)).toBe(path.join(u.dir, 'exports'));
    expect(progress.some((p) => p.phase === 'export' && p.total === 5 && p.done === 5)).toBe(true); // settlements of the day (the reversal record rides along)
    expect(progress.at(-1)?.phase).toBe('done');
    const buf = fs.readFileSync(info.file);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const rows = parseCsv(text);
    const header = rows[0];
    expect(header).toContain('医疗费总额(medfee_sumamt)');
    expect(header).toContain('个人账户共济支付金额(acct_mulaid_pay)');
    expect(header).toContain('证件号码(certno)');
    const body = rows.slice(1);
    expect(body).toHaveLength(info.rows);
    expect(info.rows).toBe(6); // 5 settlements + 1 reversal record
    const col = (name: string) => header.findIndex((h) => h.endsWith(`(${name})`));
    const sums = new Map<string, { count: number; medfee: number; fund: number; acct: number; mulaid: number; cash: number }>();
    for (const r of body) {
      for (const f of ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay']) expect(r[col(f)]).toMatch(/^-?\d+\.\d{2}$/);
      expect(r[col('certno')]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      if (r[col('stmt_flag')] !== '计入') continue;
      const k = `${r[col('insutype')]}/${r[col('clr_type')]}`;
      const s = sums.get(k) ?? { count: 0, medfee: 0, fund: 0, acct: 0, mulaid: 0, cash: 0 };
      s.count++;
      s.medfee += yuanToFen(r[col('medfee_sumamt')], { allowNegative: true });
      s.fund += yuanToFen(r[col('fund_pay_sumamt')], { allowNegative: true });
      s.acct += yuanToFen(r[col('acct_pay')], { allowNegative: true });
      s.mulaid += yuanToFen(r[col('acct_mulaid_pay')], { allowNegative: true });
      s.cash += yuanToFen(r[col('psn_cash_pay')], { allowNegative: true });
      sums.set(k, s);
    }
    expect(sums).toEqual(expectedNet());
    const reversal = body.find((r) => r[col('refd_setl_flag')] === '1')!;
    expect(reversal[col('medfee_sumamt')].startsWith('-')).toBe(true);
    expect(body.filter((r) => r[col('stmt_flag')] === '待中心确认').map((r) => r[col('terminal_setl_id')])).toEqual([seed.pending]);
    noIdNumbers(text);
  });

  it('XLSX: a summary sheet and a detail sheet, money formats, frozen header, widths that fit', async () => {
    const info = await call<ExportInfo>(u.app, 'reconcile.export', { date: today, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(info.file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细']);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.getRow(1).getCell(1).value).toBe('结算ID');
    expect(detail.getRow(2).getCell(1).value).toBe('setl_id');
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(detail.rowCount - 2).toBe(info.rows);
    const heads = (detail.getRow(2).values as unknown[]).slice(1) as string[];
    const c = (f: string) => heads.indexOf(f) + 1;
    let medfee = 0;
    for (let i = 3; i <= detail.rowCount; i++) {
      const row = detail.getRow(i);
      const cell = row.getCell(c('medfee_sumamt'));
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toContain('0.00');
      if (row.getCell(c('stmt_flag')).value === '计入') medfee += yuanToFen(String(cell.value), { allowNegative: true });
      expect(String(row.getCell(c('certno')).value)).toMatch(/\*{8}/);
    }
    expect(medfee).toBe(result.groups.reduce((n, g) => n + g.local.medfee_sumamt, 0));
    // the widest text fits its column
    const setlWidth = detail.getColumn(c('setl_id')).width!;
    for (let i = 3; i <= detail.rowCount; i++) expect(String(detail.getRow(i).getCell(c('setl_id')).value).length).toBeLessThanOrEqual(setlWidth);
    expect(detail.getColumn(c('terminal_setl_id')).width!).toBeGreaterThanOrEqual(36);

    const summary = wb.getWorksheet('汇总')!;
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain(u.app.config.terminal.id);
    expect(texts.some((t) => t.includes('不平'))).toBe(true);
    expect(texts.some((t) => t.includes('金额不符'))).toBe(true);
    expect(texts).toContain('个人账户支出(acct_pay)');
    expect(texts).toContain(fenToYuan(-50).replace(/\.?0+$/, '')); // the delta of the altered amount, -0.5 yuan
    noIdNumbers(texts.join('\n'));
  });

  it('PDF: one page per group, Chinese text intact, totals and the signature line present; first page rendered', async () => {
    const head = u.app.store.audit.headLine();
    const info = await call<ExportInfo>(u.app, 'reconcile.export', { date: today, format: 'pdf' });
    expect(info.rows).toBe(result.groups.length);
    const text = execFileSync('pdftotext', ['-layout', info.file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(result.groups.length);
    expect(text).toContain('医保结算日终对账单');
    expect(text).toContain(u.app.config.terminal.fixmedins_name);
    expect(text).toContain('收款员（签字）');
    expect(text).toContain('李收费（1001）');
    // the audit chain's head, so a later edit of the log shows against the paper
    expect(head).toMatch(/^#\d+ [0-9a-f]{16}$/);
    expect(text).toContain(`审计链头：${head}`);
    for (const [i, g] of result.groups.entries()) {
      expect(pages[i]).toContain(`清算类别 ${g.clr_type}`);
      expect(pages[i]).toContain(formatYuan(g.local.medfee_sumamt));
      expect(pages[i]).toContain(formatYuan(g.local.fund_pay_sumamt));
    }
    expect(text).toContain('金额不符');
    expect(text).toContain('待中心确认');
    noIdNumbers(text);
    fs.mkdirSync(artifacts, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', info.file, path.join(artifacts, 'reconcile-pdf-page1')]);
    expect(fs.statSync(path.join(artifacts, 'reconcile-pdf-page1.png')).size).toBeGreaterThan(10_000);
  });

  it('writes who exported what and when into the audit log', () => {
    const entries = u.app.store.audit.list().filter((a) => a.action === 'reconcile.export');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const e of entries) {
      expect(e.actor).toBe('1001');
      expect(e.subject).toBe(today);
      expect(JSON.parse(e.detail!)).toMatchObject({ operator_name: '李收费' });
    }
    expect(entries.map((e) => JSON.parse(e.detail!).format).sort()).toEqual(expect.arrayContaining(['csv', 'pdf', 'xlsx']));
  });
});
