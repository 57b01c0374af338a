/**
 * The national request/response envelope (国家医保信息平台 定点医药机构接口). Unknown extra fields
 * are kept (provinces add their own). `output` may be an object or, where the region encrypts,
 * a base64 string that a pluggable decrypter turns back into an object.
 */
import { z } from 'zod';

export const INFVER = 'V1.0';

export const RequestEnvelope = z.looseObject({
  infno: z.string().regex(/^\d{4}$/, 'infno is 4 digits').describe('交易编号'),
  msgid: z.string().length(30, 'msgid is 30 characters').describe('发送方报文ID'),
  mdtrtarea_admvs: z.string().regex(/^\d{6}$/, 'mdtrtarea_admvs is a 6-digit division').describe('就医地医保区划'),
  insuplc_admdvs: z.string().regex(/^\d{6}$/, 'insuplc_admdvs is a 6-digit division').describe('参保地医保区划'),
  recer_sys_code: z.string().max(10).describe('接收方系统代码'),
  dev_no: z.string().max(100).default('').describe('设备编号'),
  dev_safe_info: z.string().max(2000).default('').describe('设备安全信息'),
  cainfo: z.string().max(1024).default('').describe('数字签名信息'),
  signtype: z.string().max(10).default('').describe('签名类型'),
  infver: z.string().max(6).describe('接口版本号'),
  opter_type: z.enum(['1', '2', '3']).describe('经办人类别 (1经办人 2自助终端 3移动终端)'),
  opter: z.string().min(1).max(30).describe('经办人'),
  opter_name: z.string().min(1).max(50).describe('经办人姓名'),
  inf_time: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'inf_time is yyyy-MM-dd HH:mm:ss')
    .describe('交易时间'),
  fixmedins_code: z.string().min(1).max(30).describe('定点医药机构编号'),
  fixmedins_name: z.string().min(1).max(200).describe('定点医药机构名称'),
  sign_no: z.string().max(30).default('').describe('交易签到流水号'),
  input: z.unknown().describe('交易输入'),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

/** "0" and 0 are success; any other integer (negative in practice) is a failure. */
export const Infcode = z
  .union([z.number().int(), z.string().regex(/^\s*-?\d+\s*$/, 'infcode is not an integer')])
  .transform((v) => Number(v))
  .describe('交易状态码');

export const ResponseEnvelope = z.looseObject({
  infcode: Infcode,
  inf_refmsgid: z.string().nullish().describe('接收方报文ID'),
  refmsg_time: z.string().nullish().describe('接收报文时间'),
  respond_time: z.string().nullish().describe('响应报文时间'),
  err_msg: z.string().nullish().describe('错误信息'),
  warn_msg: z.string().nullish().describe('警告信息'),
  output: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string(), z.null()]).optional().describe('交易输出'),
});
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

export function isSuccessInfcode(infcode: number): boolean {
  return infcode === 0;
}

/** Turns an encrypted `output` string (base64, SM4 where the region signs) back into JSON. */
export type OutputDecrypter = (cipherText: string, envelope: ResponseEnvelope) => unknown;

/** The shape a center writes back; the simulator builds replies with this. */
export interface ResponseEnvelopeOut {
  infcode: number | string;
  inf_refmsgid: string;
  refmsg_time: string;
  respond_time: string;
  err_msg: string | null;
  warn_msg: string | null;
  output: unknown;
  [extra: string]: unknown;
}
