/**
 * Pharmacy purchase (药店购药, med_type 41 by default): 2101 pre-settlement and 2102 settlement
 * of the lines sent with the message (no registration, no upload), 2103 settlement reversal.
 */
import type { TxInput } from '../../main/center/registry.js';
import { computeBill, priceFeeLines } from '../billing.js';
import { checkInsutype, checkTotal, feeLinesOf, chrgitmTypeOf, mappingRule, newId, personOrRefuse, uniqueSns } from './common.js';
import type { Family, Handler, HandlerContext } from './context.js';
import { applySettlement } from './ledger.js';
import { reverseSettlement } from './settlement-reversal.js';
import { lineResults, setldetail, setlinfo } from './setl-output.js';

function pharmacyBill(ctx: HandlerContext, input: TxInput<'2101'>) {
  const d = input.data;
  const p = personOrRefuse(ctx, d.psn_no);
  checkInsutype(p, d.insutype);
  const lines = feeLinesOf(input);
  uniqueSns(lines, 'feedetail');
  const priced = priceFeeLines(lines, ctx.catalog, mappingRule(ctx));
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
    detlcutinfo: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, chrgitmTypeOf(ctx)),
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
    detlcutinfo: lineResults(lines.map((l) => l.feedetl_sn), priced, bill.result, chrgitmTypeOf(ctx)),
  };
};

const h2103: Handler<'2103'> = (input, ctx) => reverseSettlement(ctx, 'pharmacy', input.data.setl_id, input.data.psn_no, input.data.mdtrt_id ?? '');

export const pharmacy = { '2101': h2101, '2102': h2102, '2103': h2103 } satisfies Family;
