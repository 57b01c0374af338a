/**
 * The institution's export rows: every window's records of the period (pg/eod-detail.ts, a cursor),
 * with the window in front of the terminal's own detail columns (reconcile/detail.ts), and the
 * per-window breakdown table every format writes.
 */
import type { InstitutionEodResult, WindowGroupTotals } from '../../../shared/api-institution-eod.js';
import { fenToYuan } from '../../../shared/money.js';
import { csvText } from '../../reconcile/csv.js';
import { DETAIL_COLUMNS, detailValues, type DetailColumn } from '../../reconcile/detail.js';
import type { ExportRow } from '../pg/eod-detail.js';

export const INST_COLUMNS: readonly DetailColumn[] = [
  { zh: '窗口', field: 'terminal_id', kind: 'text', width: 12 },
  { zh: '窗口名称', field: 'window_label', kind: 'text', width: 12 },
  ...DETAIL_COLUMNS,
];

export function instDetailValues(r: ExportRow): Array<string | number> {
  const values = detailValues(r);
  values.unshift(r.terminal_id, r.window_label);
  return values;
}

const MONEY = INST_COLUMNS.map((c) => c.kind === 'money');

export function instCsvLine(values: ReadonlyArray<string | number>): string {
  return values.map((v, i) => (MONEY[i] ? fenToYuan(v as number) : csvText(String(v)))).join(',') + '\r\n';
}

export const WINDOW_HEAD = ['窗口', '窗口名称', '险种类型(insutype)', '清算类别(clr_type)', '计入笔数', '医疗费总额', '基金支付总额', '个人账户支出', '共济支付', '现金支出', '其中冲销笔数', '冲销医疗费', '待中心确认笔数', '待确认医疗费'];
/** which WINDOW_HEAD columns are money (fen) */
export const WINDOW_MONEY = [false, false, false, false, false, true, true, true, true, true, false, true, false, true];

export function windowValues(w: WindowGroupTotals): Array<string | number> {
  const l = w.local;
  return [w.terminal_id, w.label, w.insutype, w.clr_type, l.count, l.medfee_sumamt, l.fund_pay_sumamt, l.acct_pay, l.acct_mulaid_pay, l.psn_cash_pay, w.reversals.count, w.reversals.medfee_sumamt, w.pending.count, w.pending.medfee_sumamt];
}

export const INCOMPLETE_ZH = { backlog: '未同步完', silent: '失联' } as const;

export function incompleteText(r: InstitutionEodResult): string[] {
  return r.incomplete.map(
    (w) => `${w.terminal_id} ${w.label} ${INCOMPLETE_ZH[w.reason]}${w.reason === 'backlog' ? `（积压 ${w.backlog} 条，最早 ${w.oldest_unsent_date}）` : `（最后联系 ${w.heard_at ?? '从未'}）`}`,
  );
}
