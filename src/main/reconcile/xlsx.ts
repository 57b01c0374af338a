/**
 * XLSX export with exceljs's streaming writer (rows are written and dropped as they go, so a day of
 * 100,000 settlements stays small in memory): a summary sheet (汇总: groups, reversals, pending,
 * the center's totals, the differences) and a detail sheet (明细). Money cells are numbers in yuan
 * with a two-decimal format; headers are frozen; column widths are measured from the header and the
 * first page of rows (CJK characters count double).
 */
import type ExcelJS from 'exceljs';
import type { ReconcileResult } from '../../shared/api-reconcile.js';
import type { ReconcileRows } from '../store/reconcile-rows.js';
import { AMOUNT_NAMES_ZH, CLR_TYPE_NAMES, DIFFERENCE_NAMES_ZH, INSUTYPE_NAMES, STATUS_NAMES_ZH } from './codes.js';
import { DETAIL_COLUMNS, detailPages, detailValues } from './detail.js';
import { chinaTime, type Period, type ReconRow } from './local.js';
import { yieldToLoop } from './reconcile.js';

const MONEY_FMT = '#,##0.00;-#,##0.00';
const yuan = (fen: number) => fen / 100; // a correctly rounded division: the double nearest the decimal

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export interface XlsxMeta {
  result: ReconcileResult;
  exportedBy: { no: string; name: string };
  exportedAt: string;
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, meta: XlsxMeta): void {
  const r = meta.result;
  const head = [
    '险种类型(insutype)', '清算类别(clr_type)', '结算笔数', '医疗费总额(medfee_sumamt)', '基金支付总额(fund_pay_sumamt)', '个人账户支出(acct_pay)',
    '共济支付(acct_mulaid_pay)', '现金支出(psn_cash_pay)', '其中冲销笔数', '冲销医疗费', '待中心确认笔数', '待确认医疗费',
    '中心笔数', '中心医疗费总额', '中心基金支付', '中心个人账户', '中心共济支付', '中心现金', '对账结果(stmt_rslt)',
  ];
  const moneyCols = new Set([4, 5, 6, 7, 8, 10, 12, 14, 15, 16, 17, 18]);
  const infoRows = 6;
  const ws = wb.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: infoRows + 1 }] });
  ws.columns = head.map((h, i) => ({ width: Math.max(10, Math.min(28, displayWidth(h) + 2)), style: moneyCols.has(i + 1) ? { numFmt: MONEY_FMT } : {} }));
  const title = ws.addRow(['医保结算日终对账汇总']);
  title.font = { bold: true, size: 14 };
  title.commit();
  ws.addRow(['定点医药机构', `${r.institution.fixmedins_name}（${r.institution.fixmedins_code}）`, '', '终端', r.institution.terminal_id]).commit();
  ws.addRow(['对账期间', r.date_from === r.date_to ? r.date_from : `${r.date_from} 至 ${r.date_to}`, '', '对账结果', STATUS_NAMES_ZH[r.status]]).commit();
  ws.addRow(['对账操作员', `${r.operator.name}（${r.operator.no}）`, '', '对账时间', chinaTime(r.at)]).commit();
  ws.addRow(['导出操作员', `${meta.exportedBy.name}（${meta.exportedBy.no}）`, '', '导出时间', meta.exportedAt]).commit();
  ws.addRow([`待中心确认 ${r.pending.length} 笔；被拒绝 ${r.refusedCount} 笔（未发生资金）`]).commit();
  const hr = ws.addRow(head);
  hr.font = { bold: true };
  hr.commit();
  for (const g of r.groups) {
    const c = g.center;
    ws.addRow([
      `${g.insutype} ${INSUTYPE_NAMES[g.insutype] ?? ''}`.trim(),
      `${g.clr_type} ${CLR_TYPE_NAMES[g.clr_type] ?? ''}`.trim(),
      g.local.count,
      yuan(g.local.medfee_sumamt),
      yuan(g.local.fund_pay_sumamt),
      yuan(g.local.acct_pay),
      yuan(g.local.acct_mulaid_pay),
      yuan(g.local.psn_cash_pay),
      g.reversals.count,
      yuan(g.reversals.medfee_sumamt),
      g.pending.count,
      yuan(g.pending.medfee_sumamt),
      c ? c.count : '',
      c ? yuan(c.medfee_sumamt) : '',
      c ? yuan(c.fund_pay_sumamt) : '',
      c ? yuan(c.acct_pay) : '',
      c ? yuan(c.acct_mulaid_pay) : '',
      c ? yuan(c.psn_cash_pay) : '',
      STATUS_NAMES_ZH[g.status],
    ]).commit();
  }
  ws.addRow([]).commit();
  const dh = ws.addRow(['差异明细', '险种/清算类别', '差异类型', '结算ID(setl_id)', '退费结算标志', '人员编号(psn_no)', '字段', '本地', '中心', '差额(中心−本地)']);
  dh.font = { bold: true };
  dh.commit();
  let n = 0;
  for (const g of r.groups) {
    for (const d of g.differences) {
      for (const f of d.fields.length ? d.fields : [null]) {
        const row = ws.addRow([
          ++n,
          `${g.insutype}/${g.clr_type}`,
          DIFFERENCE_NAMES_ZH[d.kind] + (d.local_pending_id ? '（本地待确认）' : ''),
          d.setl_id,
          d.refd_setl_flag,
          d.psn_no,
          f ? `${AMOUNT_NAMES_ZH[f.field]}(${f.field})` : '',
          f && f.local !== null ? yuan(f.local) : '',
          f && f.center !== null ? yuan(f.center) : '',
          f ? yuan(f.delta) : '',
        ]);
        for (const col of [8, 9, 10]) row.getCell(col).numFmt = MONEY_FMT;
        row.commit();
      }
    }
    if (g.differencesOmitted > 0) ws.addRow(['', `${g.insutype}/${g.clr_type}`, `另有 ${g.differencesOmitted} 条差异未列出`]).commit();
  }
  if (n === 0) ws.addRow(['', '无差异']).commit();
  ws.commit();
}

/** Column widths from the header and a sample of rows. */
export function detailWidths(sample: readonly ReconRow[]): number[] {
  const widths = DETAIL_COLUMNS.map((c) => Math.max(displayWidth(c.zh), c.field.length, c.width));
  for (const r of sample) {
    detailValues(r).forEach((v, i) => {
      const text = typeof v === 'number' ? (v / 100).toFixed(2) + ',' : v;
      widths[i] = Math.max(widths[i], displayWidth(text));
    });
  }
  return widths.map((w) => Math.min(60, w + 2));
}

export async function writeXlsx(source: ReconcileRows, p: Period, file: string, meta: XlsxMeta, onRows?: (done: number) => void): Promise<{ rows: number }> {
  // loaded when an export is asked for, not when the terminal starts (exceljs takes a few hundred ms to load)
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = `${meta.exportedBy.name}（${meta.exportedBy.no}）`;
  wb.created = new Date();
  writeSummary(wb, meta);
  await yieldToLoop();

  const pages = detailPages(source, p);
  const first = await pages.next();
  const firstRows = first.done ? [] : first.value;
  await yieldToLoop();
  const ws = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  const widths = detailWidths(firstRows.slice(0, 2000));
  ws.columns = DETAIL_COLUMNS.map((c, i) => ({ width: widths[i], style: c.kind === 'money' ? { numFmt: MONEY_FMT } : {} }));
  const h1 = ws.addRow(DETAIL_COLUMNS.map((c) => c.zh));
  h1.font = { bold: true };
  h1.commit();
  const h2 = ws.addRow(DETAIL_COLUMNS.map((c) => c.field));
  h2.font = { italic: true, color: { argb: 'FF555555' } };
  h2.commit();
  await yieldToLoop();

  const moneyIdx = DETAIL_COLUMNS.map((c) => c.kind === 'money');
  let rows = 0;
  const writePage = async (page: readonly ReconRow[]) => {
    for (const r of page) {
      const values = detailValues(r).map((v, i) => (moneyIdx[i] ? yuan(v as number) : v));
      ws.addRow(values).commit();
      // yield often: lets the zip stream drain (less memory) and keeps stalls short; more often while exceljs is still cold
      if (++rows % (rows <= 2000 ? 25 : 250) === 0) {
        onRows?.(rows);
        await yieldToLoop();
      }
    }
  };
  await writePage(firstRows);
  if (!first.done) for await (const page of pages) await writePage(page);
  ws.commit();
  await wb.commit();
  return { rows };
}
