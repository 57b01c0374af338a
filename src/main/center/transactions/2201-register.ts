/** 2201 门诊挂号: opens an outpatient visit; the center answers with mdtrt_id. */
import { z } from 'zod';

export const In2201Data = z.looseObject({
  psn_no: z.string().min(1).max(30).describe('人员编号'),
  insutype: z.string().min(1).max(6).describe('险种类型'),
  begntime: z.string().max(19).describe('开始时间'),
  mdtrt_cert_type: z.enum(['01', '02', '03']).describe('就诊凭证类型'),
  mdtrt_cert_no: z.string().min(1).max(600).describe('就诊凭证编号'),
  ipt_otp_no: z.string().min(1).max(30).describe('住院/门诊号'),
  atddr_no: z.string().max(30).optional().describe('医师编码'),
  dr_name: z.string().max(50).optional().describe('医师姓名'),
  dept_code: z.string().max(30).optional().describe('科室编码'),
  dept_name: z.string().max(100).optional().describe('科室名称'),
  caty: z.string().max(10).optional().describe('科别'),
  coner_name: z.string().max(50).optional().describe('联系人姓名'),
  tel: z.string().max(50).optional().describe('联系电话'),
});
export const In2201 = z.looseObject({ data: In2201Data.describe('输入') });

export const Out2201 = z.looseObject({
  data: z.looseObject({
    mdtrt_id: z.string().min(1).max(30).describe('就诊ID'),
    psn_no: z.string().describe('人员编号'),
    ipt_otp_no: z.string().default('').describe('住院/门诊号'),
  }).describe('输出'),
});
