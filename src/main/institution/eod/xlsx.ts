/**
 * The institution's XLSX (exceljs streaming writer, rows committed as they go): 汇总 (groups), 窗口
 * (the per-window breakdown and the incomplete windows), 差异 (with window and cashier), 明细 (every
 * record with its window, read through a cursor).
 */
import type pg from 'pg';
import type { InstitutionEodResult } from '../../../shared/api-institution-eod.js';
import { AMOUNT_NAMES_ZH, DIFFERENCE_NAMES_ZH, STATUS_NAMES_ZH } from '../../reconcile/codes.js';
import { yieldToLoop } from '../../reconcile/reconcile.js';
import { displayWidth } from '../../reconcile/xlsx.js';
import { exportRows, inEodTransaction } from '../pg/eod-detail.js';
import type { EodPeriod } from '../pg/eod-totals.js';
import { INST_COLUMNS, WINDOW_HEAD, WINDOW_MONEY, incompleteText, instDetailValues, windowValues } from './detail.js';

const MONEY_FMT = '#,##0.00;-#,##0.00';
const yuan = (fen: number) => fen / 100;

export async function writeInstXlsx(
  pool: pg.Pool,
  p: EodPeriod,
  r: InstitutionEodResult,
  file: string,
  meta: { exportedBy: { no: string; name: string }; exportedAt: string },
  onRows?: (n: number) => void,
): Promise<number> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = `${meta.exportedBy.name}（${meta.exportedBy.no}）`;

  const sum = wb.addWorksheet('汇总');
  sum.addRow(['医保结算全院日终对账汇总']).commit();
  sum.addRow(['定点医药机构', `${r.institution.fixmedins_name}（${r.institution.fixmedins_code}）`, '对账期间', r.date_from === r.date_to ? r.date_from : `${r.date_from} 至 ${r.date_to}`]).commit();
  sum.addRow(['全院对账结果', STATUS_NAMES_ZH[r.status], '导出', `${meta.exportedBy.name}（${meta.exportedBy.no}） ${meta.exportedAt}`]).commit();
  sum.addRow(['险种类型', '清算类别', '计入笔数', '医疗费总额', '基金支付总额', '个人账户支出', '共济支付', '现金支出', '中心笔数', '中心医疗费总额', '对账结果']).commit();
  for (const g of r.groups) {
    const row = sum.addRow([g.insutype, g.clr_type, g.local.count, yuan(g.local.medfee_sumamt), yuan(g.local.fund_pay_sumamt), yuan(g.local.acct_pay), yuan(g.local.acct_mulaid_pay), yuan(g.local.psn_cash_pay), g.center?.count ?? '', g.center ? yuan(g.center.medfee_sumamt) : '', STATUS_NAMES_ZH[g.status]]);
    for (const col of [4, 5, 6, 7, 8, 10]) row.getCell(col).numFmt = MONEY_FMT;
    row.commit();
  }
  sum.commit();

  const win = wb.addWorksheet('窗口');
  win.columns = WINDOW_HEAD.map((h) => ({ width: Math.max(10, displayWidth(h) + 2) }));
  win.addRow(WINDOW_HEAD).commit();
  for (const w of r.windows) {
    const row = win.addRow(windowValues(w).map((v, i) => (WINDOW_MONEY[i] ? yuan(v as number) : v)));
    WINDOW_MONEY.forEach((m, i) => m && (row.getCell(i + 1).numFmt = MONEY_FMT));
    row.commit();
  }
  for (const line of incompleteText(r)) win.addRow(['未完成的窗口', line]).commit();
  win.commit();

  const dif = wb.addWorksheet('差异');
  dif.addRow(['险种/清算类别', '差异类型', '窗口', '收费员', '结算ID(setl_id)', '退费结算标志', '人员编号(psn_no)', '字段', '本地', '中心', '差额(中心−本地)']).commit();
  for (const g of r.groups) {
    for (const d of g.differences) {
      for (const f of d.fields.length ? d.fields : [null]) {
        dif.addRow([`${g.insutype}/${g.clr_type}`, DIFFERENCE_NAMES_ZH[d.kind], d.terminal_id ?? '', d.cashier_no ?? '', d.setl_id, d.refd_setl_flag, d.psn_no, f ? AMOUNT_NAMES_ZH[f.field] : '', f?.local == null ? '' : yuan(f.local), f?.center == null ? '' : yuan(f.center), f ? yuan(f.delta) : '']).commit();
      }
    }
    if (g.differencesOmitted > 0) dif.addRow([`${g.insutype}/${g.clr_type}`, `另有 ${g.differencesOmitted} 条差异未列出`]).commit();
  }
  dif.commit();

  const ws = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = INST_COLUMNS.map((c) => ({ width: Math.max(displayWidth(c.zh), c.width) + 2, style: c.kind === 'money' ? { numFmt: MONEY_FMT } : {} }));
  ws.addRow(INST_COLUMNS.map((c) => `${c.zh}(${c.field})`)).commit();
  const money = INST_COLUMNS.map((c) => c.kind === 'money');
  let rows = 0;
  await inEodTransaction(pool, async (c) => {
    for await (const page of exportRows(c, p, 2000)) {
      for (const row of page) {
        ws.addRow(instDetailValues(row).map((v, i) => (money[i] ? yuan(v as number) : v))).commit();
        if (++rows % 500 === 0) await yieldToLoop();
      }
      onRows?.(rows);
    }
  });
  ws.commit();
  await wb.commit();
  return rows;
}
