/**
 * 3201 医药机构费用结算对总账 and 3202 医药机构费用结算对明细账 (end of day).
 *
 * 3201: the institution sends its totals for one insurance type (insutype) and clearing type
 * (clr_type) over a period; the center answers stmt_rslt 0 (balanced) or 1 (not). The simulator
 * also returns its own totals (extension fields in `stmtinfo`, kept by looseObject elsewhere).
 *
 * 3202: the national interface uploads the institution's detail file (9101) and answers with a
 * result file. This terminal uses the inline form some regions offer: the center's detail rows
 * for the group and period, paged (page_num / page_size), and the terminal compares them with
 * its own (src/main/reconcile/compare.ts), so the result names every settlement that differs.
 *
 * Amounts are signed: reversal records (refd_setl_flag 1) carry negative amounts.
 */
import { z } from 'zod';
import { wireCode, wireFen, wireInt, wireText } from '../wire.js';

const signed = (zh: string) => wireFen({ signed: true }).describe(zh);
const signedOptional = (zh: string) => wireFen({ optional: true, signed: true }).describe(zh);
const ymd = (zh: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is yyyy-MM-dd').describe(zh);

/** 11 outpatient (门诊), 41 pharmacy (药店购药): see src/main/reconcile/clr-type.ts. */
const clrType = z.string().min(1).max(6).describe('清算类别');

export const In3201Data = z.looseObject({
  insutype: z.string().min(1).max(6).describe('险种'),
  clr_type: clrType,
  setl_optins: z.string().max(6).default('').describe('结算经办机构'),
  stmt_begndate: ymd('对账开始日期'),
  stmt_enddate: ymd('对账结束日期'),
  medfee_sumamt: signed('医疗费总额'),
  fund_pay_sumamt: signed('基金支付总额'),
  acct_pay: signed('个人账户支付金额'),
  acct_mulaid_pay: signedOptional('个人账户共济支付金额 (扩展)'),
  cash_payamt: signedOptional('现金支付金额'),
  fixmedins_setl_cnt: wireInt().describe('定点医药机构结算笔数'),
});
export const In3201 = z.looseObject({ data: In3201Data.describe('输入') });

export const Out3201 = z.looseObject({
  stmtinfo: z
    .looseObject({
      setl_optins: wireText().describe('结算经办机构'),
      stmt_rslt: wireCode().describe('对账结果 (0平 1不平)'),
      stmt_rslt_dscr: wireText().describe('对账结果说明'),
      // the center's own totals (extension): lets the terminal show where the group differs
      medfee_sumamt: signedOptional('中心医疗费总额'),
      fund_pay_sumamt: signedOptional('中心基金支付总额'),
      acct_pay: signedOptional('中心个人账户支付金额'),
      acct_mulaid_pay: signedOptional('中心个人账户共济支付金额'),
      cash_payamt: signedOptional('中心现金支付金额'),
      fixmedins_setl_cnt: wireInt().optional().describe('中心结算笔数'),
    })
    .describe('对账结果'),
});

export const In3202Data = z.looseObject({
  insutype: z.string().min(1).max(6).describe('险种'),
  clr_type: clrType,
  setl_optins: z.string().max(6).default('').describe('结算经办机构'),
  stmt_begndate: ymd('对账开始日期'),
  stmt_enddate: ymd('对账结束日期'),
  page_num: wireInt().describe('当前页数'),
  page_size: wireInt().describe('本页数据量'),
});
export const In3202 = z.looseObject({ data: In3202Data.describe('输入') });

export const DetailRow = z.looseObject({
  setl_id: z.string().min(1).describe('结算ID'),
  init_setl_id: wireText().describe('原结算ID (冲销记录)'),
  mdtrt_id: wireText().describe('就诊ID'),
  psn_no: z.string().describe('人员编号'),
  insutype: wireCode().describe('险种'),
  clr_type: wireText().describe('清算类别'),
  setl_time: wireText().describe('结算时间'),
  medfee_sumamt: signed('医疗费总额'),
  fund_pay_sumamt: signed('基金支付总额'),
  acct_pay: signed('个人账户支出'),
  acct_mulaid_pay: signedOptional('个人账户共济支付金额'),
  psn_cash_pay: signedOptional('个人现金支出'),
  refd_setl_flag: wireCode().describe('退费结算标志 (1冲销)'),
});

/**
 * The 3202 detail fields end of day compares, decoded (signed fen), declared once for both sides:
 * the terminal's compare (src/main/reconcile/compare.ts) and the simulator's records (src/center-sim).
 */
export interface ReconDetailFields {
  setl_id: string;
  refd_setl_flag: '0' | '1';
  mdtrt_id: string;
  psn_no: string;
  setl_time: string;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
}

export const Out3202 = z.looseObject({
  total: wireInt().describe('总记录数'),
  page_num: wireInt().describe('当前页数'),
  page_size: wireInt().describe('本页数据量'),
  detail: z.array(DetailRow).default([]).describe('明细'),
});
