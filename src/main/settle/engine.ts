/**
 * The split of one bill, exact to the fen (DOMAIN.md "The split of one bill", "Rounding and order").
 * Pure: no I/O, no clock, no randomness. Same request → same result, in the terminal and in the simulator.
 *
 * Decisions the domain text leaves open (documented here and in the tests):
 * - Civil-servant subsidy: cvlserv_pay = round(pool_prop_selfpay × cvlserv_ratio). pool_prop_selfpay keeps its
 *   national meaning (the co-insurance share E − hifp − hifmi, before the subsidy); the subsidy is a fund payment,
 *   so it is in fund_pay_sumamt and lowers psn_part_amt. It does not touch the deductible or self-paid parts.
 * - hifob_pay (large-amount subsidy) is not configured by the policy model: always 0.
 * - Own account and co-pay may pay psn_part_amt when the policy lets the account pay class C, else
 *   psn_part_amt − fulamt_ownpay_amt. overlmt_selfpay is NOT excluded: DOMAIN.md names only fulamt_ownpay_amt.
 * - fund_allowed = false (e.g. cross-region without a valid filing): the per-line classification and
 *   inscp_scp_amt are still reported (they are facts about the items), but act_pay_dedc, hifp_pay,
 *   pool_prop_selfpay, cvlserv_pay, hifmi_pay, hifob_pay and fund_pay_sumamt are all 0, psn_part_amt = medfee_sumamt,
 *   and ytd_delta is all 0 (no deductible is consumed). The accounts then pay under the usual rule.
 */
import { applyBp, mulDivHalfUp, BP_ONE, MoneyError } from '../../shared/money.js';
import { SplitRequest, type Split, type SplitLineResult, type SplitResult } from '../../shared/domain.js';
import { splitLine } from './lines.js';
import { explainSplit } from './explanation.js';

/** Intermediate figures the explanation needs besides the national fields. */
export interface SplitTrace {
  /** E: in scope after the deductible */
  above_dedc: number;
  /** true when the annual pooling cap stopped hifp_pay */
  pool_capped: boolean;
  /** S: spending above the pooling cap */
  above_cap: number;
  /** what the accounts were allowed to pay */
  acct_payable: number;
}

function sum(lines: readonly SplitLineResult[], key: keyof SplitLineResult): number {
  let total = 0;
  for (const l of lines) total += l[key] as number;
  if (!Number.isSafeInteger(total)) throw new MoneyError(`bill total ${String(key)} overflows`);
  return total;
}

/** The split of one bill. Throws (a ZodError naming the field) only on input that fails SplitRequest. */
export function splitBill(input: SplitRequest): SplitResult {
  const req = SplitRequest.parse(input);
  const { policy, person } = req;
  const lines = req.lines.map(splitLine);

  const medfee = sum(lines, 'det_item_fee_sumamt');
  const fulamt = sum(lines, 'fulamt_ownpay_amt');
  const overlmt = sum(lines, 'overlmt_amt');
  const preselfpay = sum(lines, 'preselfpay_amt');
  const inscp = sum(lines, 'inscp_scp_amt');

  let dedc = 0;
  let hifp = 0;
  let hifmi = 0;
  let poolSelf = 0;
  let cvlserv = 0;
  let E = 0;
  let S = 0;
  let capped = false;
  if (person.fund_allowed) {
    dedc = Math.min(policy.dedc_left, inscp);
    E = inscp - dedc;
    const P = applyBp(E, policy.pool_ratio);
    if (P <= policy.pool_cap_left) {
      hifp = P;
    } else {
      // P > cap left ≥ 0 implies pool_ratio > 0, so the division is defined.
      capped = true;
      hifp = policy.pool_cap_left;
      const eIn = mulDivHalfUp(policy.pool_cap_left, BP_ONE, policy.pool_ratio);
      S = Math.max(0, E - eIn);
      hifmi = Math.min(applyBp(S, policy.hifmi_ratio), policy.hifmi_cap_left);
    }
    poolSelf = E - hifp - hifmi;
    cvlserv = applyBp(poolSelf, policy.cvlserv_ratio);
  }
  const hifob = 0;
  const fund = hifp + hifmi + cvlserv + hifob;
  const psnPart = medfee - fund;

  const payable = policy.acct_may_pay_class_c ? psnPart : psnPart - fulamt;
  const acct = person.acct_used && person.acct_balc > 0 ? Math.min(payable, person.acct_balc) : 0;
  const mulaid = person.mulaid_balc !== null ? Math.min(payable - acct, person.mulaid_balc) : 0;
  const cash = psnPart - acct - mulaid;

  const split: Split = {
    medfee_sumamt: medfee,
    fulamt_ownpay_amt: fulamt,
    overlmt_selfpay: overlmt,
    preselfpay_amt: preselfpay,
    inscp_scp_amt: inscp,
    act_pay_dedc: dedc,
    hifp_pay: hifp,
    pool_prop_selfpay: poolSelf,
    cvlserv_pay: cvlserv,
    hifmi_pay: hifmi,
    hifob_pay: hifob,
    fund_pay_sumamt: fund,
    psn_part_amt: psnPart,
    acct_pay: acct,
    acct_mulaid_pay: mulaid,
    psn_cash_pay: cash,
  };
  const trace: SplitTrace = { above_dedc: E, pool_capped: capped, above_cap: S, acct_payable: payable };
  return {
    split,
    lines,
    explanation: explainSplit(req, lines, split, trace),
    ytd_delta: { dedc_used: dedc, hifp_paid: hifp, hifmi_paid: hifmi },
    policy_version: policy.policy_version,
  };
}
