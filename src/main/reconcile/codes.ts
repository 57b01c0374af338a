/**
 * Codes end of day groups by, and their Chinese names for exports.
 *
 * clr_type (清算类别) is chosen from the kind of settlement, the same rule in the terminal (migration 3's
 * generated column) and in the simulator (center-sim/store/reconcile.ts): pharmacy purchases (药店购药,
 * med_type 41, 2101/2102) clear as '41', outpatient settlements (门诊, med_type 11/14, 2207) as '11'.
 */
import type { BillKind } from '../../shared/domain.js';

export type ClrType = '11' | '41';

export function clrTypeOf(kind: BillKind): ClrType {
  return kind === 'pharmacy' ? '41' : '11';
}

/** Groups asked for every period even when this terminal has nothing in them, so a center-only record is found. */
export const STANDARD_GROUPS: ReadonlyArray<{ insutype: string; clr_type: ClrType }> = [
  { insutype: '310', clr_type: '11' },
  { insutype: '310', clr_type: '41' },
  { insutype: '390', clr_type: '11' },
  { insutype: '390', clr_type: '41' },
];

export const INSUTYPE_NAMES: Record<string, string> = {
  '310': '职工基本医疗保险',
  '320': '公务员医疗补助',
  '330': '大额医疗费用补助',
  '390': '城乡居民基本医疗保险',
  '392': '城乡居民大病医疗保险',
};

export const CLR_TYPE_NAMES: Record<string, string> = { '11': '门诊', '41': '药店购药' };

export const AMOUNT_NAMES_ZH = {
  medfee_sumamt: '医疗费总额',
  fund_pay_sumamt: '基金支付总额',
  acct_pay: '个人账户支出',
  acct_mulaid_pay: '个人账户共济支付金额',
  psn_cash_pay: '个人现金支出',
} as const;

export const DIFFERENCE_NAMES_ZH = {
  missing_here: '本地无此结算',
  missing_at_center: '医保中心无此结算',
  amounts_differ: '金额不符',
} as const;

export const STATUS_NAMES_ZH = {
  balanced: '平',
  not_balanced: '不平',
  pending: '有待中心确认的结算',
  not_reconciled: '未对账',
} as const;

export function groupKey(g: { insutype: string; clr_type: string }): string {
  return `${g.insutype}/${g.clr_type}`;
}
