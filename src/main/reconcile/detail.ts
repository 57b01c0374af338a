/**
 * The detail rows every export writes, and their columns: Chinese name with the national field
 * name beside it. Rows come in pages (settlements of the period in commit order, then the reversal
 * records), so a day of 100,000 settlements never sits in memory at once.
 * Personal data is masked already in the store (certno_masked, psn_name_masked).
 */
import type { ReconcileRows } from '../store/reconcile-rows.js';
import { createLocalReader, type PageCursor, type Period, type ReconRow } from './local.js';
import { yieldToLoop } from './reconcile.js';

export const DETAIL_PAGE = 2000;

export type ColumnKind = 'text' | 'money';

export interface DetailColumn {
  zh: string;
  /** the national field name, or a plain name where the interface has none */
  field: string;
  kind: ColumnKind;
  /** typical width in characters, for XLSX columns */
  width: number;
}

export const STATUS_ZH: Record<string, string> = {
  queued: '待上传',
  settled: '已结算',
  refused: '被拒绝',
  reversing: '冲销中',
  reversed: '已冲销',
};

export const DETAIL_COLUMNS: readonly DetailColumn[] = [
  { zh: '结算ID', field: 'setl_id', kind: 'text', width: 16 },
  { zh: '原结算ID', field: 'init_setl_id', kind: 'text', width: 16 },
  { zh: '就诊ID', field: 'mdtrt_id', kind: 'text', width: 14 },
  { zh: '人员编号', field: 'psn_no', kind: 'text', width: 14 },
  { zh: '姓名', field: 'psn_name', kind: 'text', width: 8 },
  { zh: '证件号码', field: 'certno', kind: 'text', width: 20 },
  { zh: '险种类型', field: 'insutype', kind: 'text', width: 8 },
  { zh: '清算类别', field: 'clr_type', kind: 'text', width: 8 },
  { zh: '医疗类别', field: 'med_type', kind: 'text', width: 8 },
  { zh: '结算时间', field: 'setl_time', kind: 'text', width: 20 },
  { zh: '退费结算标志', field: 'refd_setl_flag', kind: 'text', width: 6 },
  { zh: '医疗费总额', field: 'medfee_sumamt', kind: 'money', width: 12 },
  { zh: '基金支付总额', field: 'fund_pay_sumamt', kind: 'money', width: 12 },
  { zh: '个人账户支出', field: 'acct_pay', kind: 'money', width: 12 },
  { zh: '个人账户共济支付金额', field: 'acct_mulaid_pay', kind: 'money', width: 12 },
  { zh: '个人现金支出', field: 'psn_cash_pay', kind: 'money', width: 12 },
  { zh: '共济授权人', field: 'mulaid_psn_name', kind: 'text', width: 8 },
  { zh: '收费员', field: 'opter', kind: 'text', width: 8 },
  { zh: '本地状态', field: 'local_status', kind: 'text', width: 8 },
  { zh: '是否计入对账', field: 'stmt_flag', kind: 'text', width: 10 },
  { zh: '终端结算号', field: 'terminal_setl_id', kind: 'text', width: 38 },
];

/** The values of one row in column order: text as string, money as signed fen (number). */
export function detailValues(r: ReconRow): Array<string | number> {
  return [
    r.setl_id ?? '',
    r.init_setl_id ?? '',
    r.mdtrt_id ?? '',
    r.psn_no,
    r.psn_name_masked,
    r.certno_masked,
    r.insutype,
    r.clr_type,
    r.med_type,
    r.setl_time,
    r.refd_setl_flag,
    r.medfee_sumamt,
    r.fund_pay_sumamt,
    r.acct_pay,
    r.acct_mulaid_pay,
    r.psn_cash_pay,
    r.mulaid_name_masked ?? '',
    r.cashier_no,
    r.refd_setl_flag === '1' ? '冲销记录' : (STATUS_ZH[r.status] ?? r.status),
    r.state === 'counted' ? '计入' : '待中心确认',
    r.settlement_id,
  ];
}

/** Every detail row of the period, page by page, yielding to the event loop between pages. */
export async function* detailPages(rows: ReconcileRows, p: Period, pageSize = DETAIL_PAGE): AsyncGenerator<ReconRow[]> {
  const reader = createLocalReader(rows);
  let after: PageCursor | null = null;
  for (;;) {
    const { rows, next }: { rows: ReconRow[]; next: PageCursor | null } = reader.page(p, after, pageSize);
    if (rows.length) yield rows;
    if (!next) break;
    after = next;
    await yieldToLoop();
  }
  const rv = reader.reversals(p);
  if (rv.length) yield rv;
}
