/**
 * The national catalog family: 1312 items, 1318 price caps, 1319 self-pay ratios (paged queries of
 * what changed since `updt_time`, over the published version), 3301 mapping upload and 3302 mapping
 * revocation (kept per institution, the envelope's fixmedins_code).
 */
import type { TxInput, TxOutput } from '../../main/center/registry.js';
import { formatInfTime } from '../../main/center/time.js';
import { refuse } from '../refusal.js';
import type { SimNationalRow } from '../store/index.js';
import type { Family, Handler, HandlerContext } from './context.js';

type Query = TxInput<'1312'>['data'];

/** the published records changed since the query's updt_time, in a stable order, one page of them */
function page<R>(ctx: HandlerContext, q: Query, keep: (r: SimNationalRow) => boolean, row: (r: SimNationalRow) => R) {
  if (q.page_num < 1) refuse('当前页数从1开始 (page_num)');
  if (q.page_size < 1 || q.page_size > 5000) refuse('本页数据量为1至5000 (page_size)');
  const all = ctx.national
    .records(ctx.date)
    .filter((r) => r.updt_time >= q.updt_time && (!q.hilist_code || r.hilist_code === q.hilist_code) && keep(r))
    .sort((a, b) => (a.updt_time === b.updt_time ? (a.hilist_code < b.hilist_code ? -1 : 1) : a.updt_time < b.updt_time ? -1 : 1));
  const pages = Math.max(1, Math.ceil(all.length / q.page_size));
  const start = (q.page_num - 1) * q.page_size;
  const data = all.slice(start, start + q.page_size).map(row);
  return {
    pageNum: q.page_num,
    pageSize: q.page_size,
    recordCounts: all.length,
    pages,
    size: data.length,
    startRow: data.length ? start + 1 : 0,
    endRow: start + data.length,
    firstPage: 1,
    lastPage: pages,
    data,
  };
}

const common = (ctx: HandlerContext, r: SimNationalRow) => ({
  hilist_code: r.hilist_code,
  insu_admdvs: ctx.mdtrtarea_admvs,
  begndate: r.begndate,
  enddate: r.enddate,
  rid: `${r.hilist_code}-${r.ver}`,
  updt_time: r.updt_time,
});

const h1312: Handler<'1312'> = (input, ctx) =>
  page(ctx, input.data, () => true, (r) => ({
    ...common(ctx, r),
    vali_flag: r.vali_flag,
    hilist_name: r.hilist_name,
    med_chrgitm_type: r.med_chrgitm_type,
    chrgitm_lv: r.chrgitm_lv,
    lmt_used_flag: '0',
    list_type: r.list_type,
    med_use_flag: '1',
    matn_used_flag: '0',
    hilist_use_type: '1',
    lmt_cpnd_type: '0',
    wubi: '',
    pinyin: '',
    memo: '',
  })) as TxOutput<'1312'>;

// a cap or ratio is listed where there is one, and for any later version (which may have lifted it)
const h1318: Handler<'1318'> = (input, ctx) =>
  page(ctx, input.data, (r) => r.pric_uplmt_amt !== null || r.ver > 1, (r) => ({
    ...common(ctx, r),
    vali_flag: r.pric_uplmt_amt !== null && r.vali_flag === '1' ? '1' : '0',
    hilist_lmtpric_type: '1',
    overlmt_dspo_way: '1',
    hilist_pric_uplmt_amt: r.pric_uplmt_amt,
  })) as TxOutput<'1318'>;

const h1319: Handler<'1319'> = (input, ctx) =>
  page(ctx, input.data, (r) => r.chrgitm_lv === '02' || r.ver > 1, (r) => ({
    ...common(ctx, r),
    vali_flag: r.chrgitm_lv === '02' && r.vali_flag === '1' ? '1' : '0',
    selfpay_prop_psn_type: '',
    selfpay_prop_type: '1',
    selfpay_prop: r.chrgitm_lv === '02' ? r.selfpay_prop : 0,
  })) as TxOutput<'1319'>;

const h3301: Handler<'3301'> = (input, ctx) => {
  const d = input.data;
  if (!ctx.catalog.national(d.med_list_codg)) refuse(`医疗目录编码 ${d.med_list_codg} 不存在或已失效，不能对照 (med_list_codg)`);
  if (d.begndate > d.enddate) refuse(`开始日期 ${d.begndate} 晚于结束日期 ${d.enddate} (begndate)`);
  ctx.store.national.putMapping({
    fixmedins_code: ctx.env.fixmedins_code,
    medins_list_codg: d.fixmedins_hilist_id,
    med_list_codg: d.med_list_codg,
    state: 'uploaded',
    msgid: ctx.env.msgid,
    updated_at: formatInfTime(ctx.now),
  });
  return {};
};

const h3302: Handler<'3302'> = (input, ctx) => {
  const d = input.data;
  if (d.fixmedins_code !== ctx.env.fixmedins_code) refuse(`定点医药机构编号 ${d.fixmedins_code} 与报文的机构 ${ctx.env.fixmedins_code} 不符 (fixmedins_code)`);
  const m = ctx.store.national.mapping(d.fixmedins_code, d.fixmedins_hilist_id, d.med_list_codg);
  if (!m || m.state !== 'uploaded') refuse(`未查询到 ${d.fixmedins_hilist_id} 与 ${d.med_list_codg} 的有效对照信息 (fixmedins_hilist_id)`);
  ctx.store.national.putMapping({ ...m, state: 'revoked', msgid: ctx.env.msgid, updated_at: formatInfTime(ctx.now) });
  return {};
};

export const catalog = { '1312': h1312, '1318': h1318, '1319': h1319, '3301': h3301, '3302': h3302 } satisfies Family;
