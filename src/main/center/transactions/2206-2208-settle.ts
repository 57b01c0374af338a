/** 2206 门诊预结算, 2207 门诊结算, 2208 门诊结算撤销. */
import { z } from 'zod';
import { wireFen, wireFlag } from '../wire.js';
import { ReversalSetlInfo, SetlDetail, SetlInfo } from './setlinfo.js';

export const In2206Data = z.looseObject({
  psn_no: z.string().min(1).max(30).describe('人员编号'),
  mdtrt_cert_type: z.enum(['01', '02', '03']).describe('就诊凭证类型'),
  mdtrt_cert_no: z.string().min(1).max(600).describe('就诊凭证编号'),
  med_type: z.string().min(1).max(6).describe('医疗类别'),
  medfee_sumamt: wireFen().describe('医疗费总额'),
  psn_setlway: z.string().max(6).optional().describe('个人结算方式 (01按项目结算)'),
  mdtrt_id: z.string().min(1).max(30).describe('就诊ID'),
  chrg_bchno: z.string().max(30).optional().describe('收费批次号'),
  insutype: z.string().min(1).max(6).describe('险种类型'),
  acct_used_flag: wireFlag().describe('个人账户使用标志'),
  insuplc_admdvs: z.string().max(6).optional().describe('参保地医保区划'),
  mdtrtarea_admvs: z.string().max(6).optional().describe('就医地医保区划'),
});
export const In2206 = z.looseObject({ data: In2206Data.describe('输入') });

export const Out2206 = z.looseObject({
  setlinfo: SetlInfo.describe('结算信息'),
  setldetail: z.array(SetlDetail).default([]).describe('结算基金分项信息'),
});

export const In2207Data = In2206Data.extend({
  invono: z.string().max(20).optional().describe('发票号'),
  fulamt_ownpay_amt: wireFen({ optional: true }).optional().describe('全自费金额'),
  overlmt_selfpay: wireFen({ optional: true }).optional().describe('超限价金额'),
  preselfpay_amt: wireFen({ optional: true }).optional().describe('先行自付金额'),
  inscp_scp_amt: wireFen({ optional: true }).optional().describe('符合政策范围金额'),
});
export const In2207 = z.looseObject({ data: In2207Data.describe('输入') });

export const Out2207 = Out2206;

export const In2208Data = z.looseObject({
  setl_id: z.string().min(1).max(30).describe('结算ID'),
  mdtrt_id: z.string().min(1).max(30).describe('就诊ID'),
  psn_no: z.string().min(1).max(30).describe('人员编号'),
});
export const In2208 = z.looseObject({ data: In2208Data.describe('输入') });

export const Out2208 = z.looseObject({
  setlinfo: ReversalSetlInfo.describe('结算信息'),
  setldetail: z.array(SetlDetail).default([]).describe('结算基金分项信息'),
});
