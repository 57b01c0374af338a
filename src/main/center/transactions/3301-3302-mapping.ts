/**
 * 3301 目录对照上传 and 3302 目录对照撤销: where the center requires it, the institution uploads the
 * mapping (对照) of each of its catalog codes (fixmedins_hilist_id) to a national code (med_list_codg),
 * and revokes one it no longer uses. Input fields as the national interface lists them; the output is
 * not specified beyond success (regions answer an empty object or a `data` echo), so it is kept loose.
 */
import { z } from 'zod';

const ymd = (zh: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is yyyy-MM-dd').describe(zh);

export const In3301 = z.looseObject({
  data: z.looseObject({
    fixmedins_hilist_id: z.string().min(1).max(30).describe('定点医药机构目录编号'),
    fixmedins_hilist_name: z.string().min(1).max(200).describe('定点医药机构目录名称'),
    list_type: z.string().min(1).max(30).describe('目录类别'),
    med_list_codg: z.string().min(1).max(50).describe('医疗目录编码'),
    begndate: ymd('开始日期'),
    enddate: ymd('结束日期'),
    aprvno: z.string().max(30).optional().describe('批准文号'),
    dosform: z.string().max(200).optional().describe('剂型'),
    exct_cont: z.string().max(2000).optional().describe('除外内容'),
    item_cont: z.string().max(2000).optional().describe('项目内涵'),
    prcunt: z.string().max(100).optional().describe('计价单位'),
    spec: z.string().max(200).optional().describe('规格'),
    pacspec: z.string().max(100).optional().describe('包装规格'),
    memo: z.string().max(500).optional().describe('备注'),
  }).describe('输入'),
});
export const Out3301 = z.looseObject({}).describe('输出 (成功即为已对照)');

export const In3302 = z.looseObject({
  data: z.looseObject({
    fixmedins_code: z.string().min(1).max(30).describe('定点医药机构编号'),
    fixmedins_hilist_id: z.string().min(1).max(30).describe('定点医药机构目录编号'),
    list_type: z.string().min(1).max(30).describe('目录类别'),
    med_list_codg: z.string().min(1).max(50).describe('医疗目录编码'),
  }).describe('输入'),
});
export const Out3302 = z.looseObject({}).describe('输出 (成功即为已撤销)');
