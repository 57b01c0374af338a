/** 2101 药店预结算, 2102 药店结算, 2103 药店结算撤销: the fee lines travel inline (feedetail). */
import { z } from 'zod';
import { wireFen, wireFlag } from '../wire.js';
import { FeeDetailLine, FeeLineResult } from './fee-detail.js';
import { ReversalSetlInfo, SetlDetail, SetlInfo } from './setlinfo.js';

export const In2101Data = z.looseObject({
  psn_no: z.string().min(1).max(30).describe('人员编号'),
  mdtrt_cert_type: z.enum(['01', '02', '03']).describe('就诊凭证类型'),
  mdtrt_cert_no: z.string().min(1).max(600).describe('就诊凭证编号'),
  begntime: z.string().max(19).describe('开始时间'),
  med_type: z.string().max(6).optional().describe('医疗类别 (41定点药店购药)'),
  medfee_sumamt: wireFen().describe('医疗费总额'),
  psn_setlway: z.string().max(6).optional().describe('个人结算方式'),
  insutype: z.string().min(1).max(6).describe('险种类型'),
  acct_used_flag: wireFlag().describe('个人账户使用标志'),
  chrg_bchno: z.string().max(30).optional().describe('收费批次号'),
  insuplc_admdvs: z.string().max(6).optional().describe('参保地医保区划'),
  mdtrtarea_admvs: z.string().max(6).optional().describe('就医地医保区划'),
});
export const In2101 = z.looseObject({
  data: In2101Data.describe('输入'),
  feedetail: z.array(FeeDetailLine).min(1).describe('费用明细'),
});

export const Out2101 = z.looseObject({
  setlinfo: SetlInfo.describe('结算信息'),
  setldetail: z.array(SetlDetail).default([]).describe('结算基金分项信息'),
  detlcutinfo: z.array(FeeLineResult).default([]).describe('明细分割信息'),
});

export const In2102Data = In2101Data.extend({
  invono: z.string().max(20).optional().describe('发票号'),
});
export const In2102 = z.looseObject({
  data: In2102Data.describe('输入'),
  feedetail: z.array(FeeDetailLine).min(1).describe('费用明细'),
});
export const Out2102 = Out2101;

export const In2103Data = z.looseObject({
  setl_id: z.string().min(1).max(30).describe('结算ID'),
  psn_no: z.string().min(1).max(30).describe('人员编号'),
  mdtrt_id: z.string().max(30).optional().describe('就诊ID'),
});
export const In2103 = z.looseObject({ data: In2103Data.describe('输入') });

export const Out2103 = z.looseObject({
  setlinfo: ReversalSetlInfo.describe('结算信息'),
  setldetail: z.array(SetlDetail).default([]).describe('结算基金分项信息'),
});
