/**
 * Per-line split (DOMAIN.md "Rounding and order", first bullet): class A / B / C, price cap, fractional counts.
 * Each product is rounded half up to the fen where it is made (money.ts), never later.
 */
import { applyBp, lineAmount, parseQty, BP_ONE } from '../../shared/money.js';
import type { SplitLine, SplitLineResult } from '../../shared/domain.js';
import { SplitInvariantError } from './errors.js';
import { assertLine } from './invariants.js';

/**
 * One engine line → its national 2204 parts.
 * - amount = round(pric × cnt)
 * - class C (03): the whole amount is fulamt_ownpay_amt; no over-cap split (the person pays all of it anyway).
 * - over the cap (pric > pric_uplmt_amt): base = round(cap × cnt), overlmt_amt = amount − base; else base = amount.
 * - class B (02): preselfpay_amt = round(base × selfpay_prop); in scope = base − preselfpay.
 * - class A (01): in scope = base; a selfpay_prop given on a class-A line is ignored.
 * `selfpay_prop` in the result is the share that was applied: 0 for A, the line's for B, 10000 (100%) for C,
 * as the national 2204 output reports a class-C line as fully self-paid.
 * `i` is the line's index in the request, for the field an assertion names.
 */
export function splitLine(line: SplitLine, i = line.line_no - 1): SplitLineResult {
  assertLine(line, i);
  let qty: number;
  try {
    qty = parseQty(line.cnt);
  } catch (e) {
    throw new SplitInvariantError(`lines.${i}.cnt: ${(e as Error).message}`, `lines.${i}.cnt`);
  }
  if (qty <= 0) throw new SplitInvariantError(`lines.${i}.cnt: quantity must be greater than 0, got ${JSON.stringify(line.cnt)}`, `lines.${i}.cnt`);
  const amount = lineAmount(line.pric, qty);
  const cap = line.pric_uplmt_amt;
  let fulamt = 0;
  let overlmt = 0;
  let pre = 0;
  let inscp = 0;
  let prop = 0;
  if (line.chrgitm_lv === '03') {
    fulamt = amount;
    prop = BP_ONE;
  } else {
    const inCap = cap !== null && line.pric > cap ? lineAmount(cap, qty) : amount;
    overlmt = amount - inCap;
    if (line.chrgitm_lv === '02') {
      prop = line.selfpay_prop;
      pre = applyBp(inCap, prop);
    }
    inscp = inCap - pre;
  }
  // one literal, always in this key order: the order of the JSON the command line and the terminal write
  return {
    line_no: line.line_no,
    code: line.code,
    chrgitm_lv: line.chrgitm_lv,
    det_item_fee_sumamt: amount,
    fulamt_ownpay_amt: fulamt,
    overlmt_amt: overlmt,
    preselfpay_amt: pre,
    inscp_scp_amt: inscp,
    selfpay_prop: prop,
    pric_uplmt_amt: cap,
  };
}
