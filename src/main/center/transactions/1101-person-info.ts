/** 1101 人员信息获取: identify a person by credential. National fields only; the family co-pay
 * extension (mulaid, ytdinfo, filing) lives in ../mulaid-extension.ts. */
import { z } from 'zod';
import { wireCode, wireDate, wireFen, wireInt, wireText } from '../wire.js';

export const In1101Data = z.looseObject({
  mdtrt_cert_type: z.enum(['01', '02', '03']).describe('就诊凭证类型 (01电子凭证 02身份证 03社保卡)'),
  mdtrt_cert_no: z.string().min(1).max(600).describe('就诊凭证编号'),
  card_sn: z.string().max(32).optional().describe('卡识别码'),
  begntime: z.string().max(19).optional().describe('开始时间'),
  psn_cert_type: z.string().max(6).optional().describe('人员证件类型'),
  certno: z.string().max(50).optional().describe('证件号码'),
  psn_name: z.string().max(50).optional().describe('人员姓名'),
});
export const In1101 = z.looseObject({ data: In1101Data.describe('输入') });

export const BaseInfo = z.looseObject({
  psn_no: z.string().min(1).describe('人员编号'),
  psn_cert_type: wireText().describe('人员证件类型'),
  certno: z.string().describe('证件号码'),
  psn_name: z.string().describe('人员姓名'),
  gend: wireCode().describe('性别'),
  naty: wireText().describe('民族'),
  brdy: wireDate().describe('出生日期'),
  age: wireInt().describe('年龄'),
});

export const InsuInfo = z.looseObject({
  balc: wireFen({ optional: true }).describe('余额'),
  insutype: wireCode().describe('险种类型'),
  psn_type: wireText().describe('人员类别'),
  psn_insu_stas: wireText().describe('人员参保状态'),
  psn_insu_date: wireText().describe('个人参保日期'),
  paus_insu_date: wireText().describe('暂停参保日期'),
  cvlserv_flag: wireText().describe('公务员标志'),
  insuplc_admdvs: z.string().regex(/^\d{6}$/).describe('参保地医保区划'),
  emp_name: wireText().describe('单位名称'),
});

export const IdetInfo = z.looseObject({
  psn_idet_type: wireText().describe('人员身份类别'),
  psn_type_lv: wireText().describe('人员类别等级'),
  memo: wireText().describe('备注'),
  begntime: wireText().describe('开始时间'),
  endtime: wireText().describe('结束时间'),
});

export const Out1101 = z.looseObject({
  baseinfo: BaseInfo.describe('基本信息'),
  insuinfo: z.array(InsuInfo).describe('参保信息列表'),
  idetinfo: z.array(IdetInfo).default([]).describe('身份信息列表'),
});
