/**
 * What the simulated center does for each transaction. Handlers take the decoded (fen) input and
 * return the decoded output; the server encodes it with the same schemas the terminal decodes with.
 * Every handler runs inside one SQLite transaction, so a refusal leaves nothing behind.
 */
import type { Split, SplitLine, SplitResult } from '../shared/domain.js';
import type { Catalog } from '../main/settle/index.js';
import type { RequestEnvelope } from '../main/center/envelope.js';
import type { Infno, TxInput, TxOutput } from '../main/center/registry.js';
import { formatCompactTime, formatInfTime } from '../main/center/time.js';
import type { PersonRow } from './store/index.js';
import { computeBill, priceFeeLines, type BillingContext, type FeeLineIn } from './billing.js';
import { refuse } from './refusal.js';
import { h2601 } from './reversal-2601.js';
import { h3201, h3202 } from './reconcile.js';

export interface HandlerContext extends BillingContext {
  env: RequestEnvelope;
  now: Date;
}

type Handler<K extends Infno> = (input: TxInput<K>, ctx: HandlerContext) => TxOutput<K>;
type SetlInfoOut = TxOutput<'2207'>['setlinfo'];
type SetlDetailOut = TxOutput<'2207'>['setldetail'][number];
type FeeResultOut = TxOutput<'2204'>['result'][number];
type ReversalOut = TxOutput<'2208'>;

// ---------------------------------------------------------------- helpers

function ageOn(brdy: string, date: string): number {
  const [by, bm, bd] = brdy.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function ymd(now: Date): string {
  return formatCompactTime(now).slice(0, 8);
}

function newId(ctx: HandlerContext, prefix: string, counter: string, width: number): string {
  return `${prefix}${ymd(ctx.now)}${String(ctx.store.counters.next(counter)).padStart(width, '0')}`;
}

function personOrRefuse(ctx: HandlerContext, psn_no: string): PersonRow {
  const p = ctx.store.people.get(psn_no);
  if (!p) refuse(`人员编号 ${psn_no} 未查询到参保信息 (psn_no)`);
  return p;
}

function checkInsutype(p: PersonRow, insutype: string): void {
  if (p.insutype !== insutype) refuse(`险种类型 ${insutype} 与参保信息 (${p.insutype}) 不符 (insutype)`);
}

function checkTotal(medfee: number, computed: number): void {
  if (medfee !== computed) {
    refuse(`医疗费总额 ${(medfee / 100).toFixed(2)} 与费用明细合计 ${(computed / 100).toFixed(2)} 不符 (medfee_sumamt)`);
  }
}

const MED_CHRGITM_TYPE: Record<string, string> = { drug: '09', service: '05', material: '08' };

function lineResults(sns: readonly string[], lines: readonly SplitLine[], result: SplitResult, catalog: Catalog): FeeResultOut[] {
  return result.lines.map((r, i) => ({
    feedetl_sn: sns[i],
    det_item_fee_sumamt: r.det_item_fee_sumamt,
    cnt: lines[i].cnt,
    pric: lines[i].pric,
    pric_uplmt_amt: r.pric_uplmt_amt,
    selfpay_prop: r.selfpay_prop,
    fulamt_ownpay_amt: r.fulamt_ownpay_amt,
    overlmt_amt: r.overlmt_amt,
    preselfpay_amt: r.preselfpay_amt,
    inscp_scp_amt: r.inscp_scp_amt,
    chrgitm_lv: r.chrgitm_lv,
    med_chrgitm_type: MED_CHRGITM_TYPE[catalog.byCode(r.code)?.kind ?? 'drug'] ?? '09',
    bas_medn_flag: '0',
    hi_nego_drug_flag: '0',
    chld_medc_flag: '0',
    list_sp_item_flag: '0',
    lmt_used_flag: '0',
    drt_reim_flag: '0',
    memo: '',
  }));
}

function setlinfo(
  ctx: HandlerContext,
  p: PersonRow,
  split: Split,
  ids: { mdtrt_id: string; setl_id: string; med_type: string; mdtrt_cert_type: string; clr_type: string; balc: number },
): SetlInfoOut {
  return {
    mdtrt_id: ids.mdtrt_id,
    setl_id: ids.setl_id,
    psn_no: p.psn_no,
    psn_name: p.psn_name,
    psn_cert_type: '01',
    certno: p.certno,
    gend: p.gend,
    naty: p.naty,
    brdy: p.brdy,
    age: ageOn(p.brdy, ctx.date),
    insutype: p.insutype,
    psn_type: p.psn_type,
    cvlserv_flag: p.cvlserv_flag ? '1' : '0',
    setl_time: formatInfTime(ctx.now),
    mdtrt_cert_type: ids.mdtrt_cert_type,
    med_type: ids.med_type,
    medfee_sumamt: split.medfee_sumamt,
    fulamt_ownpay_amt: split.fulamt_ownpay_amt,
    overlmt_selfpay: split.overlmt_selfpay,
    preselfpay_amt: split.preselfpay_amt,
    inscp_scp_amt: split.inscp_scp_amt,
    act_pay_dedc: split.act_pay_dedc,
    hifp_pay: split.hifp_pay,
    pool_prop_selfpay: split.pool_prop_selfpay,
    cvlserv_pay: split.cvlserv_pay,
    hifes_pay: 0,
    hifmi_pay: split.hifmi_pay,
    hifob_pay: split.hifob_pay,
    maf_pay: 0,
    oth_pay: 0,
    fund_pay_sumamt: split.fund_pay_sumamt,
    psn_part_amt: split.psn_part_amt,
    acct_pay: split.acct_pay,
    psn_cash_pay: split.psn_cash_pay,
    hosp_part_amt: 0,
    balc: ids.balc,
    acct_mulaid_pay: split.acct_mulaid_pay,
    medins_setl_id: ctx.env.msgid,
    clr_optins: p.insuplc_admdvs,
    clr_way: '1',
    clr_type: ids.clr_type,
  };
}

function setldetail(p: PersonRow, split: Split): SetlDetailOut[] {
  const resident = p.insutype === '390';
  const rows: Array<[string, string, number]> = [
    [resident ? '390100' : '310100', resident ? '城乡居民基本医疗保险基金' : '职工基本医疗保险统筹基金', split.hifp_pay],
    ['320100', '公务员医疗补助基金', split.cvlserv_pay],
    ['390200', '大病保险资金', split.hifmi_pay],
    ['330100', '职工大额医疗费用补助基金', split.hifob_pay],
  ];
  return rows
    .filter(([, , amount]) => amount > 0)
    .map(([type, name, amount]) => ({
      fund_pay_type: type,
      inscp_scp_amt: split.inscp_scp_amt,
      crt_payb_lmt_amt: 0,
      fund_payamt: amount,
      fund_pay_type_name: name,
      setl_proc_info: '',
    }));
}

/** Moves the money and the year-to-date counters, and records the settlement. */
function applySettlement(
  ctx: HandlerContext,
  p: PersonRow,
  bill: { result: SplitResult; authorizer: PersonRow | null; year: number },
  rec: { setl_id: string; kind: 'outpatient' | 'pharmacy'; infno: string; mdtrt_id: string; med_type: string },
): number {
  const { split, ytd_delta } = bill.result;
  if (split.acct_pay > 0) ctx.store.people.addBalance(p.psn_no, -split.acct_pay);
  if (split.acct_mulaid_pay > 0) {
    if (!bill.authorizer) throw new Error('engine paid from a co-pay account that was not chosen');
    ctx.store.people.addBalance(bill.authorizer.psn_no, -split.acct_mulaid_pay);
  }
  ctx.store.ytd.add(p.psn_no, bill.year, ytd_delta, 1);
  ctx.store.settlements.add({
    setl_id: rec.setl_id,
    kind: rec.kind,
    infno: rec.infno,
    msgid: ctx.env.msgid,
    mdtrt_id: rec.mdtrt_id,
    psn_no: p.psn_no,
    insutype: p.insutype,
    med_type: rec.med_type,
    mulaid_psn_no: bill.authorizer?.psn_no ?? null,
    setl_time: formatInfTime(ctx.now),
    year: bill.year,
    medfee_sumamt: split.medfee_sumamt,
    fund_pay_sumamt: split.fund_pay_sumamt,
    acct_pay: split.acct_pay,
    acct_mulaid_pay: split.acct_mulaid_pay,
    psn_cash_pay: split.psn_cash_pay,
    split_json: JSON.stringify({ split, lines: bill.result.lines, policy_version: bill.result.policy_version }),
    ytd_delta_json: JSON.stringify(ytd_delta),
  });
  return (ctx.store.people.get(p.psn_no) as PersonRow).balc;
}

function reverse(ctx: HandlerContext, kind: 'outpatient' | 'pharmacy', setl_id: string, psn_no: string, mdtrt_id: string): ReversalOut {
  const s = ctx.store.settlements.get(setl_id);
  if (!s) refuse(`结算ID ${setl_id} 不存在 (setl_id)`);
  if (s.psn_no !== psn_no) refuse(`结算ID ${setl_id} 不属于人员 ${psn_no} (psn_no)`);
  if (mdtrt_id && s.mdtrt_id !== mdtrt_id) refuse(`结算ID ${setl_id} 与就诊ID ${mdtrt_id} 不符 (mdtrt_id)`);
  if (s.kind !== kind) {
    refuse(kind === 'outpatient' ? `结算ID ${setl_id} 是药店结算，请使用2103撤销` : `结算ID ${setl_id} 是门诊结算，请使用2208撤销`);
  }
  if (s.status === 'reversed') refuse(`结算ID ${setl_id} 已于 ${s.reversed_at} 撤销，不能重复撤销`);
  if (s.acct_pay > 0) ctx.store.people.addBalance(s.psn_no, s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) ctx.store.people.addBalance(s.mulaid_psn_no, s.acct_mulaid_pay);
  ctx.store.ytd.add(s.psn_no, s.year, JSON.parse(s.ytd_delta_json), -1);
  const revId = newId(ctx, 'RV', 'setl_id', 10);
  ctx.store.settlements.markReversed(setl_id, { reversal_setl_id: revId, reversal_msgid: ctx.env.msgid, reversed_at: formatInfTime(ctx.now) });
  const p = ctx.store.people.get(s.psn_no) as PersonRow;
  const neg = (n: number) => (n === 0 ? 0 : -n);
  return {
    setlinfo: {
      setl_id: revId,
      init_setl_id: s.setl_id,
      mdtrt_id: s.mdtrt_id,
      psn_no: s.psn_no,
      psn_name: p.psn_name,
      insutype: s.insutype,
      setl_time: formatInfTime(ctx.now),
      medfee_sumamt: neg(s.medfee_sumamt),
      fund_pay_sumamt: neg(s.fund_pay_sumamt),
      psn_part_amt: neg(s.medfee_sumamt - s.fund_pay_sumamt),
      acct_pay: neg(s.acct_pay),
      acct_mulaid_pay: neg(s.acct_mulaid_pay),
      psn_cash_pay: neg(s.psn_cash_pay),
      balc: p.balc,
      clr_optins: p.insuplc_admdvs,
      clr_way: '1',
      clr_type: kind === 'pharmacy' ? '41' : '11',
    },
    setldetail: [],
  };
}

function feeLinesOf(input: { feedetail: ReadonlyArray<TxInput<'2204'>['feedetail'][number]> }): FeeLineIn[] {
  return input.feedetail.map((l) => ({
    feedetl_sn: l.feedetl_sn,
    med_list_codg: l.med_list_codg,
    pric: l.pric,
    cnt: l.cnt,
    det_item_fee_sumamt: l.det_item_fee_sumamt,
  }));
}

function uniqueSns(lines: readonly FeeLineIn[], field: string): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.feedetl_sn)) refuse(`费用明细流水号 ${l.feedetl_sn} 重复 (${field}[${i}].feedetl_sn)`);
    seen.add(l.feedetl_sn);
  });
}

// ---------------------------------------------------------------- transactions

const h9001: Handler<'9001'> = (input, ctx) => {
  const sign_no = `${formatCompactTime(ctx.now)}${String(ctx.store.counters.next('sign_no')).padStart(6, '0')}`;
  const sign_time = formatInfTime(ctx.now);
  ctx.store.signIns.add(sign_no, input.signIn.opter_no, sign_time);
  return { signinoutb: { sign_time, sign_no } };
};

const h1101: Handler<'1101'> = (input, ctx) => {
  const d = input.data;
  const no = d.mdtrt_cert_no.trim();
  let p: PersonRow | undefined;
  if (d.mdtrt_cert_type === '03') {
    p = ctx.store.people.byCard(no.toUpperCase());
    if (p && d.card_sn && d.card_sn.toUpperCase() !== p.card_sn) refuse('社会保障卡卡识别码与卡号不符 (card_sn)');
  } else if (d.mdtrt_cert_type === '02') {
    p = ctx.store.people.byCertno(no.toUpperCase());
  } else {
    p = ctx.store.people.byQr(no);
    if (!p) refuse('医保电子凭证无效或已过期，请刷新后重新出示 (mdtrt_cert_no)');
  }
  if (!p) refuse('未查询到参保人员信息');
  if (d.certno && d.certno.toUpperCase() !== p.certno) refuse('证件号码与参保信息不符 (certno)');
  if (d.psn_name && d.psn_name !== p.psn_name) refuse('人员姓名与证件号码不符 (psn_name)');
  const year = Number(ctx.date.slice(0, 4));
  const ytd = ctx.store.ytd.get(p.psn_no, year);
  const mulaid = ctx.store.bindings.ofUser(p.psn_no).map((b) => {
    const a = ctx.store.people.get(b.authorizer_psn_no) as PersonRow;
    return {
      psn_no: a.psn_no,
      psn_name: a.psn_name,
      relation: b.relation,
      insutype: a.insutype as '310' | '390',
      balc: a.insutype === '310' ? a.balc : 0,
      bind_begn_date: b.begn_date,
      bind_end_date: b.end_date,
    };
  });
  return {
    baseinfo: {
      psn_no: p.psn_no,
      psn_cert_type: '01',
      certno: p.certno,
      psn_name: p.psn_name,
      gend: p.gend,
      naty: p.naty,
      brdy: p.brdy,
      age: ageOn(p.brdy, ctx.date),
    },
    insuinfo: [
      {
        balc: p.insutype === '310' ? p.balc : 0,
        insutype: p.insutype,
        psn_type: p.psn_type,
        psn_insu_stas: p.psn_insu_stas,
        psn_insu_date: p.psn_insu_date,
        paus_insu_date: '',
        cvlserv_flag: p.cvlserv_flag ? '1' : '0',
        insuplc_admdvs: p.insuplc_admdvs,
        emp_name: p.emp_name,
      },
    ],
    idetinfo: [],
    mulaid,
    ytdinfo: { ...ytd },
    filing:
      p.filing_admdvs && p.filing_begn && p.filing_end
        ? { insuplc_admdvs: p.filing_admdvs, begn_date: p.filing_begn, end_date: p.filing_end }
        : null,
  };
};

const h2201: Handler<'2201'> = (input, ctx) => {
  const d = input.data;
  const p = personOrRefuse(ctx, d.psn_no);
  checkInsutype(p, d.insutype);
  const mdtrt_id = newId(ctx, 'MZ', 'mdtrt_id', 8);
  ctx.store.visits.add({ mdtrt_id, psn_no: p.psn_no, insutype: d.insutype, msgid: ctx.env.msgid, created_at: formatInfTime(ctx.now) });
  return { data: { mdtrt_id, psn_no: p.psn_no, ipt_otp_no: d.ipt_otp_no } };
};

function visitOrRefuse(ctx: HandlerContext, mdtrt_id: string, psn_no: string) {
  const v = ctx.store.visits.get(mdtrt_id);
  if (!v) refuse(`就诊ID ${mdtrt_id} 不存在，请先办理挂号 (mdtrt_id)`);
  if (v.psn_no !== psn_no) refuse(`就诊ID ${mdtrt_id} 不属于人员 ${psn_no} (psn_no)`);
  return v;
}

const h2204: Handler<'2204'> = (input, ctx) => {
  const lines = feeLinesOf(input);
  uniqueSns(lines, 'feedetail');
  const first = input.feedetail[0];
  const mdtrt_id = first.mdtrt_id ?? '';
  const psn_no = first.psn_no ?? '';
  input.feedetail.forEach((l, i) => {
    if ((l.mdtrt_id ?? '') !== mdtrt_id || (l.psn_no ?? '') !== psn_no) {
      refuse(`一次上传的费用明细须属于同一就诊 (feedetail[${i}].mdtrt_id)`);
    }
  });
  if (!mdtrt_id) refuse('就诊ID不能为空 (feedetail[0].mdtrt_id)');
  const visit = visitOrRefuse(ctx, mdtrt_id, psn_no);
  if (ctx.store.settlements.activeOfVisit(mdtrt_id)) refuse(`就诊ID ${mdtrt_id} 已结算，不能再上传费用明细`);
  const p = personOrRefuse(ctx, visit.psn_no);
  const priced = priceFeeLines(lines, ctx.catalog);
  const bill = computeBill(ctx, p, '11', priced, { acctUsed: false, mulaidPsnNo: null });
  // stored under the national code (a barcode or lower-case code resolves to it)
  ctx.store.visits.upsertFeeLines(mdtrt_id, lines.map((l, i) => ({ ...l, med_list_codg: priced[i].code })));
  return { result: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, ctx.catalog) };
};

function outpatientBill(ctx: HandlerContext, d: TxInput<'2206'>['data']) {
  const visit = visitOrRefuse(ctx, d.mdtrt_id, d.psn_no);
  const p = personOrRefuse(ctx, visit.psn_no);
  checkInsutype(p, d.insutype);
  const stored = ctx.store.visits.feeLines(d.mdtrt_id);
  if (stored.length === 0) refuse(`就诊ID ${d.mdtrt_id} 未上传费用明细，请先上传2204 (mdtrt_id)`);
  const priced = priceFeeLines(
    stored.map((l) => ({ feedetl_sn: l.feedetl_sn, med_list_codg: l.med_list_codg, pric: l.pric, cnt: l.cnt, det_item_fee_sumamt: l.det_item_fee_sumamt })),
    ctx.catalog,
  );
  const bill = computeBill(ctx, p, d.med_type, priced, { acctUsed: d.acct_used_flag, mulaidPsnNo: d.acct_mulaid_psn_no || null });
  checkTotal(d.medfee_sumamt, bill.result.split.medfee_sumamt);
  return { p, bill };
}

const h2206: Handler<'2206'> = (input, ctx) => {
  const d = input.data;
  if (ctx.store.settlements.activeOfVisit(d.mdtrt_id)) refuse(`就诊ID ${d.mdtrt_id} 已结算`);
  const { p, bill } = outpatientBill(ctx, d);
  const split = bill.result.split;
  return {
    setlinfo: setlinfo(ctx, p, split, {
      mdtrt_id: d.mdtrt_id,
      setl_id: '',
      med_type: d.med_type,
      mdtrt_cert_type: d.mdtrt_cert_type,
      clr_type: '11',
      balc: (p.insutype === '310' ? p.balc : 0) - split.acct_pay,
    }),
    setldetail: setldetail(p, split),
  };
};

const h2207: Handler<'2207'> = (input, ctx) => {
  const d = input.data;
  const done = ctx.store.settlements.activeOfVisit(d.mdtrt_id);
  if (done) refuse(`就诊ID ${d.mdtrt_id} 已结算 (结算ID ${done.setl_id})，不能重复结算`);
  const { p, bill } = outpatientBill(ctx, d);
  const setl_id = newId(ctx, 'ST', 'setl_id', 10);
  const balc = applySettlement(ctx, p, bill, { setl_id, kind: 'outpatient', infno: '2207', mdtrt_id: d.mdtrt_id, med_type: d.med_type });
  const split = bill.result.split;
  return {
    setlinfo: setlinfo(ctx, p, split, {
      mdtrt_id: d.mdtrt_id,
      setl_id,
      med_type: d.med_type,
      mdtrt_cert_type: d.mdtrt_cert_type,
      clr_type: '11',
      balc: p.insutype === '310' ? balc : 0,
    }),
    setldetail: setldetail(p, split),
  };
};

const h2208: Handler<'2208'> = (input, ctx) => reverse(ctx, 'outpatient', input.data.setl_id, input.data.psn_no, input.data.mdtrt_id);

function pharmacyBill(ctx: HandlerContext, input: TxInput<'2101'>) {
  const d = input.data;
  const p = personOrRefuse(ctx, d.psn_no);
  checkInsutype(p, d.insutype);
  const lines = feeLinesOf(input);
  uniqueSns(lines, 'feedetail');
  const priced = priceFeeLines(lines, ctx.catalog);
  const medType = d.med_type || '41';
  const bill = computeBill(ctx, p, medType, priced, { acctUsed: d.acct_used_flag, mulaidPsnNo: d.acct_mulaid_psn_no || null });
  checkTotal(d.medfee_sumamt, bill.result.split.medfee_sumamt);
  return { p, bill, lines, priced, medType };
}

const h2101: Handler<'2101'> = (input, ctx) => {
  const { p, bill, lines, priced, medType } = pharmacyBill(ctx, input);
  const split = bill.result.split;
  return {
    setlinfo: setlinfo(ctx, p, split, {
      mdtrt_id: '',
      setl_id: '',
      med_type: medType,
      mdtrt_cert_type: input.data.mdtrt_cert_type,
      clr_type: '41',
      balc: (p.insutype === '310' ? p.balc : 0) - split.acct_pay,
    }),
    setldetail: setldetail(p, split),
    detlcutinfo: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, ctx.catalog),
  };
};

const h2102: Handler<'2102'> = (input, ctx) => {
  const { p, bill, lines, priced, medType } = pharmacyBill(ctx, input);
  const mdtrt_id = newId(ctx, 'YD', 'mdtrt_id', 8);
  const setl_id = newId(ctx, 'ST', 'setl_id', 10);
  const balc = applySettlement(ctx, p, bill, { setl_id, kind: 'pharmacy', infno: '2102', mdtrt_id, med_type: medType });
  const split = bill.result.split;
  return {
    setlinfo: setlinfo(ctx, p, split, {
      mdtrt_id,
      setl_id,
      med_type: medType,
      mdtrt_cert_type: input.data.mdtrt_cert_type,
      clr_type: '41',
      balc: p.insutype === '310' ? balc : 0,
    }),
    setldetail: setldetail(p, split),
    detlcutinfo: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, ctx.catalog),
  };
};

const h2103: Handler<'2103'> = (input, ctx) => reverse(ctx, 'pharmacy', input.data.setl_id, input.data.psn_no, input.data.mdtrt_id ?? '');

export const handlers: { [K in Infno]: Handler<K> } = {
  '9001': h9001,
  '1101': h1101,
  '2201': h2201,
  '2204': h2204,
  '2206': h2206,
  '2207': h2207,
  '2208': h2208,
  '2101': h2101,
  '2102': h2102,
  '2103': h2103,
  '2601': h2601,
  '3201': h3201,
  '3202': h3202,
};

