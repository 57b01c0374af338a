/**
 * The national catalog queries (目录查询), paged: 1312 医保目录信息查询 (the items: class chrgitm_lv,
 * validity), 1318 医保目录限价信息查询 (price caps hilist_pric_uplmt_amt), 1319 医保目录先自付比例信息查询
 * (the class-B first self-pay ratio selfpay_prop). Each takes the high-water mark `updt_time` (records
 * changed since) and page_num / page_size; each answers one page with the page fields public
 * integrations show (pageNum, pageSize, recordCounts, pages, size, startRow, endRow, firstPage,
 * lastPage) and `data[]`. Field names and lengths as the national interface lists them.
 */
import { z } from 'zod';
import { wireBp, wireCode, wireDate, wireFenOrNull, wireInt, wireText } from '../wire.js';

const dateTime = (zh: string) => z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'yyyy-MM-dd HH:mm:ss').describe(zh);
const optDate = (zh: string) => z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'yyyy-MM-dd or empty').optional().describe(zh);
/** an end date the wire may leave empty or null: '' (open-ended) or yyyy-MM-dd */
const openDate = (zh: string) =>
  z.codec(z.union([z.string(), z.null()]).optional(), z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/), {
    decode: (v) => (v ? String(v).trim().slice(0, 10) : ''),
    encode: (s) => s,
  }).describe(zh);

/** What every query takes: the region, what changed since, and the page. */
const query = {
  query_date: optDate('查询时间点'),
  hilist_code: z.string().max(30).optional().describe('医保目录编码'),
  insu_admdvs: z.string().max(6).describe('参保机构医保区划'),
  begndate: optDate('开始日期'),
  vali_flag: z.string().max(3).optional().describe('有效标志'),
  updt_time: dateTime('更新时间'),
  page_num: wireInt().describe('当前页数'),
  page_size: wireInt().describe('本页数据量'),
};

/** One page: the national page fields around data[]. */
function paged<T extends z.ZodType>(row: T) {
  return z.looseObject({
    pageNum: wireInt().describe('当前页数'),
    pageSize: wireInt().describe('本页数据量'),
    recordCounts: wireInt().describe('总记录数'),
    pages: wireInt().describe('总页数'),
    size: wireInt().optional().describe('本页记录数'),
    startRow: wireInt().optional().describe('开始行'),
    endRow: wireInt().optional().describe('结束行'),
    firstPage: wireInt().optional().describe('首页'),
    lastPage: wireInt().optional().describe('尾页'),
    data: z.array(row).default([]).describe('数据'),
  });
}

/** the record fields every catalog table has */
const record = {
  hilist_code: z.string().min(1).max(30).describe('医保目录编码'),
  insu_admdvs: wireText().describe('参保机构医保区划'),
  begndate: wireDate().describe('开始日期'),
  enddate: openDate('结束日期'),
  vali_flag: wireCode().describe('有效标志 (1有效 0无效)'),
  rid: wireText().describe('唯一记录号'),
  updt_time: dateTime('更新时间'),
};

export const In1312 = z.looseObject({
  data: z.looseObject({
    ...query,
    hilist_name: z.string().max(200).optional().describe('医保目录名称'),
    med_chrgitm_type: z.string().max(6).optional().describe('医疗收费项目类别'),
    chrgitm_lv: z.string().max(3).optional().describe('收费项目等级'),
    list_type: z.string().max(30).optional().describe('目录类别'),
  }).describe('输入'),
});
export const Row1312 = z.looseObject({
  ...record,
  hilist_name: z.string().min(1).max(200).describe('医保目录名称'),
  med_chrgitm_type: wireText().describe('医疗收费项目类别'),
  chrgitm_lv: z.enum(['01', '02', '03']).describe('收费项目等级 (01甲类 02乙类 03丙类)'),
  lmt_used_flag: wireText().describe('限制使用标志'),
  list_type: wireText().describe('目录类别'),
  med_use_flag: wireText().describe('医疗使用标志'),
  matn_used_flag: wireText().describe('生育使用标志'),
  hilist_use_type: wireText().describe('医保目录使用类别'),
  lmt_cpnd_type: wireText().describe('限复方使用类型'),
  wubi: wireText().describe('五笔助记码'),
  pinyin: wireText().describe('拼音助记码'),
  memo: wireText().describe('备注'),
});
export const Out1312 = paged(Row1312);

export const In1318 = z.looseObject({
  data: z.looseObject({
    ...query,
    hilist_lmtpric_type: z.string().max(6).optional().describe('医保目录限价类型'),
    overlmt_dspo_way: z.string().max(6).optional().describe('医保目录超限处理方式'),
  }).describe('输入'),
});
export const Row1318 = z.looseObject({
  ...record,
  hilist_lmtpric_type: wireText().describe('医保目录限价类型'),
  overlmt_dspo_way: wireText().describe('医保目录超限处理方式'),
  hilist_pric_uplmt_amt: wireFenOrNull().describe('医保目录定价上限金额'),
});
export const Out1318 = paged(Row1318);

export const In1319 = z.looseObject({
  data: z.looseObject({
    ...query,
    selfpay_prop_psn_type: z.string().max(6).optional().describe('医保目录自付比例人员类别'),
    selfpay_prop_type: z.string().max(6).optional().describe('目录自付比例类别'),
  }).describe('输入'),
});
export const Row1319 = z.looseObject({
  ...record,
  selfpay_prop_psn_type: wireText().describe('医保目录自付比例人员类别'),
  selfpay_prop_type: wireText().describe('目录自付比例类别'),
  selfpay_prop: wireBp().describe('自付比例'),
});
export const Out1319 = paged(Row1319);
