/**
 * Per-line split (DOMAIN.md "Rounding and order", first bullet): class A / B / C, price cap, fractional counts.
 * Each product is rounded half up to the fen where it is made (money.ts), never later.
 */
import { applyBp, lineAmount, parseQty, BP_ONE } from '../../shared/money.js';
import type { SplitLine, SplitLineResult } from '../../shared/domain.js';

/**
 * One engine line → its national 2204 parts.
 * - amount = round(pric × cnt)
 * - class C (03): the whole amount is fulamt_ownpay_amt; no over-cap split (the person pays all of it anyway).
 * - over the cap (pric > pric_uplmt_amt): base = round(cap × cnt), overlmt_amt = amount − base; else base = amount.
 * - class B (02): preselfpay_amt = round(base × selfpay_prop); in scope = base − preselfpay.
 * - class A (01): in scope = base; a selfpay_prop given on a class-A line is ignored.
 * `selfpay_prop` in the result is the share that was applied: 0 for A, the line's for B, 10000 (100%) for C,
 * as the national 2204 output reports a class-C line as fully self-paid.
 */
export function splitLine(line: SplitLine): SplitLineResult {
  const qty = parseQty(line.cnt);
  const amount = lineAmount(line.pric, qty);
  const base: SplitLineResult = {
    line_no: line.line_no,
    code: line.code,
    chrgitm_lv: line.chrgitm_lv,
    det_item_fee_sumamt: amount,
    fulamt_ownpay_amt: 0,
    overlmt_amt: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: 0,
    selfpay_prop: 0,
    pric_uplmt_amt: line.pric_uplmt_amt,
  };
  if (line.chrgitm_lv === '03') {
    return { ...base, fulamt_ownpay_amt: amount, selfpay_prop: BP_ONE };
  }
  const capped = line.pric_uplmt_amt !== null && line.pric > line.pric_uplmt_amt;
  const inCap = capped ? lineAmount(line.pric_uplmt_amt as number, qty) : amount;
  const overlmt = amount - inCap;
  if (line.chrgitm_lv === '02') {
    const pre = applyBp(inCap, line.selfpay_prop);
    return { ...base, overlmt_amt: overlmt, preselfpay_amt: pre, inscp_scp_amt: inCap - pre, selfpay_prop: line.selfpay_prop };
  }
  return { ...base, overlmt_amt: overlmt, inscp_scp_amt: inCap };
}
