/**
 * Outpatient (门诊): 2201 registration (a visit, mdtrt_id), 2204 fee detail upload (lines kept on
 * the visit), 2206 pre-settlement and 2207 settlement (the split of the visit's stored lines),
 * 2208 settlement reversal.
 */
import type { TxInput } from '../../main/center/registry.js';
import { formatInfTime } from '../../main/center/time.js';
import { computeBill, priceFeeLines } from '../billing.js';
import { refuse } from '../refusal.js';
import { checkInsutype, checkTotal, feeLinesOf, chrgitmTypeOf, mappingRule, newId, personOrRefuse, uniqueSns } from './common.js';
import type { Family, Handler, HandlerContext } from './context.js';
import { applySettlement } from './ledger.js';
import { reverseSettlement } from './settlement-reversal.js';
import { lineResults, setldetail, setlinfo } from './setl-output.js';

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
  const priced = priceFeeLines(lines, ctx.catalog, mappingRule(ctx));
  const bill = computeBill(ctx, p, '11', priced, { acctUsed: false, mulaidPsnNo: null });
  // stored under the national code (a barcode or lower-case code resolves to it)
  ctx.store.visits.upsertFeeLines(mdtrt_id, lines.map((l, i) => ({ ...l, med_list_codg: priced[i].code })));
  return { result: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, chrgitmTypeOf(ctx)) };
};

function outpatientBill(ctx: HandlerContext, d: TxInput<'2206'>['data']) {
  const visit = visitOrRefuse(ctx, d.mdtrt_id, d.psn_no);
  const p = personOrRefuse(ctx, visit.psn_no);
  checkInsutype(p, d.insutype);
  const stored = ctx.store.visits.feeLines(d.mdtrt_id);
  if (stored.length === 0) refuse(`就诊ID ${d.mdtrt_id} 未上传费用明细，请先上传2204 (mdtrt_id)`);
  const priced = priceFeeLines(
    stored.map((l) => ({ feedetl_sn: l.feedetl_sn, med_list_codg: l.med_list_codg, medins_list_codg: l.med_list_codg, hosp_appr_flag: l.hosp_appr_flag, pric: l.pric, cnt: l.cnt, det_item_fee_sumamt: l.det_item_fee_sumamt })),
    ctx.catalog,
    // the mapping was checked when the lines were uploaded (2204)
    { required: false, mapped: () => true },
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

const h2208: Handler<'2208'> = (input, ctx) => reverseSettlement(ctx, 'outpatient', input.data.setl_id, input.data.psn_no, input.data.mdtrt_id);

export const outpatient = { '2201': h2201, '2204': h2204, '2206': h2206, '2207': h2207, '2208': h2208 } satisfies Family;
