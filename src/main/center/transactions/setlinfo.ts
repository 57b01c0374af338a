/**
 * 结算信息 (setlinfo) and 结算基金分项 (setldetail), shared by 2206/2207 and 2101/2102, and the
 * reversal record shared by 2208/2103. acct_mulaid_pay is added by ../mulaid-extension.ts.
 */
import { z } from 'zod';
import type { Split } from '../../../shared/domain.js';
import { wireCode, wireFen, wireInt, wireText } from '../wire.js';

const amt = (zh: string) => wireFen({ optional: true }).describe(zh);

export const SetlInfo = z.looseObject({
  mdtrt_id: z.string().describe('就诊ID'),
  setl_id: z.string().default('').describe('结算ID (预结算为空)'),
  psn_no: z.string().describe('人员编号'),
  psn_name: wireText().describe('人员姓名'),
  psn_cert_type: wireText().describe('人员证件类型'),
  certno: wireText().describe('证件号码'),
  gend: wireText().describe('性别'),
  naty: wireText().describe('民族'),
  brdy: wireText().describe('出生日期'),
  age: wireInt().optional().describe('年龄'),
  insutype: wireCode().describe('险种类型'),
  psn_type: wireText().describe('人员类别'),
  cvlserv_flag: wireText().describe('公务员标志'),
  setl_time: wireText().describe('结算时间'),
  mdtrt_cert_type: wireText().describe('就诊凭证类型'),
  med_type: wireCode().describe('医疗类别'),
  medfee_sumamt: wireFen().describe('医疗费总额'),
  fulamt_ownpay_amt: amt('全自费金额'),
  overlmt_selfpay: amt('超限价自费费用'),
  preselfpay_amt: amt('先行自付金额'),
  inscp_scp_amt: amt('符合政策范围金额'),
  act_pay_dedc: amt('实际支付起付线'),
  hifp_pay: amt('基本医疗保险统筹基金支出'),
  pool_prop_selfpay: amt('统筹基金支付比例外自付金额'),
  cvlserv_pay: amt('公务员医疗补助资金支出'),
  hifes_pay: amt('企业补充医疗保险基金支出'),
  hifmi_pay: amt('居民大病保险资金支出'),
  hifob_pay: amt('职工大额医疗费用补助基金支出'),
  maf_pay: amt('医疗救助基金支出'),
  oth_pay: amt('其他支出'),
  fund_pay_sumamt: wireFen().describe('基金支付总额'),
  psn_part_amt: wireFen().describe('个人负担总金额'),
  acct_pay: wireFen().describe('个人账户支出'),
  psn_cash_pay: wireFen().describe('个人现金支出'),
  hosp_part_amt: amt('医院负担金额'),
  balc: amt('余额'),
  medins_setl_id: wireText().describe('医药机构结算ID'),
  clr_optins: wireText().describe('清算经办机构'),
  clr_way: wireText().describe('清算方式'),
  clr_type: wireText().describe('清算类别'),
});

export const SetlDetail = z.looseObject({
  fund_pay_type: wireCode().describe('基金支付类型'),
  inscp_scp_amt: amt('符合政策范围金额'),
  crt_payb_lmt_amt: amt('本次可支付限额金额'),
  fund_payamt: wireFen().describe('基金支付金额'),
  fund_pay_type_name: wireText().describe('基金支付类型名称'),
  setl_proc_info: wireText().describe('结算过程信息'),
});

const signed = (zh: string) => wireFen({ optional: true, signed: true }).describe(zh);

/** The reversal record (2208 / 2103): a new setl_id and the original amounts negated. */
export const ReversalSetlInfo = z.looseObject({
  setl_id: z.string().min(1).describe('结算ID (冲销记录)'),
  init_setl_id: wireText().describe('原结算ID'),
  mdtrt_id: wireText().describe('就诊ID'),
  psn_no: z.string().describe('人员编号'),
  psn_name: wireText().describe('人员姓名'),
  insutype: wireText().describe('险种类型'),
  setl_time: wireText().describe('结算时间'),
  medfee_sumamt: signed('医疗费总额'),
  fund_pay_sumamt: signed('基金支付总额'),
  psn_part_amt: signed('个人负担总金额'),
  acct_pay: signed('个人账户支出'),
  psn_cash_pay: signed('个人现金支出'),
  balc: amt('余额'),
  clr_optins: wireText().describe('清算经办机构'),
  clr_way: wireText().describe('清算方式'),
  clr_type: wireText().describe('清算类别'),
});

/** The decoded setlinfo amounts (fen) as the domain's Split. acct_mulaid_pay is 0 when absent. */
export function splitFromSetlinfo(s: z.output<typeof SetlInfo> & { acct_mulaid_pay?: number }): Split {
  return {
    medfee_sumamt: s.medfee_sumamt,
    fulamt_ownpay_amt: s.fulamt_ownpay_amt,
    overlmt_selfpay: s.overlmt_selfpay,
    preselfpay_amt: s.preselfpay_amt,
    inscp_scp_amt: s.inscp_scp_amt,
    act_pay_dedc: s.act_pay_dedc,
    hifp_pay: s.hifp_pay,
    pool_prop_selfpay: s.pool_prop_selfpay,
    cvlserv_pay: s.cvlserv_pay,
    hifmi_pay: s.hifmi_pay,
    hifob_pay: s.hifob_pay,
    fund_pay_sumamt: s.fund_pay_sumamt,
    psn_part_amt: s.psn_part_amt,
    acct_pay: s.acct_pay,
    acct_mulaid_pay: s.acct_mulaid_pay ?? 0,
    psn_cash_pay: s.psn_cash_pay,
  };
}
