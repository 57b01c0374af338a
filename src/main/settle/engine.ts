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
import type { ExplanationStep, Split, SplitLineResult, SplitRequest, SplitResult } from '../../shared/domain.js';
import { splitLine } from './lines.js';
import { explainSplit, type ExplainContext } from './explanation.js';
import { assertPerson, assertPolicy, assertSplit } from './invariants.js';
import { SplitInvariantError } from './errors.js';

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

function overflows(total: number, key: string): void {
  if (!Number.isSafeInteger(total)) throw new MoneyError(`bill total ${key} overflows`);
}

/**
 * The split of one bill. The request is trusted to have its shape (validate untrusted input with
 * parseSplitRequest first); what could make an amount wrong is asserted (invariants.ts) and throws
 * SplitInvariantError, an overflow throws MoneyError.
 *
 * The result's `explanation` is an ordinary enumerable property whose steps are written when it is first
 * read (JSON.stringify, a spread, structured clone and zod all read it): the simulator never reads it, the
 * terminal and the command line always do, and the text is the same either way. What it needs from the
 * request is copied now, so a request changed or reused after the call does not change it.
 */
export function splitBill(req: SplitRequest): SplitResult {
  const { policy, person } = req;
  assertPolicy(policy);
  assertPerson(person);
  const n = req.lines.length;
  if (n === 0) throw new SplitInvariantError('lines: a bill has at least one line', 'lines');
  const lines: SplitLineResult[] = new Array(n);
  const names: string[] = new Array(n);
  let medfee = 0;
  let fulamt = 0;
  let overlmt = 0;
  let preselfpay = 0;
  let inscp = 0;
  for (let i = 0; i < n; i++) {
    const line = req.lines[i];
    const l = splitLine(line, i);
    lines[i] = l;
    names[i] = line.name;
    medfee += l.det_item_fee_sumamt;
    fulamt += l.fulamt_ownpay_amt;
    overlmt += l.overlmt_amt;
    preselfpay += l.preselfpay_amt;
    inscp += l.inscp_scp_amt;
  }
  // every line part is ≥ 0, so the bill total is the first that can overflow
  overflows(medfee, 'det_item_fee_sumamt');
  overflows(fulamt, 'fulamt_ownpay_amt');
  overflows(overlmt, 'overlmt_amt');
  overflows(preselfpay, 'preselfpay_amt');
  overflows(inscp, 'inscp_scp_amt');

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
  assertSplit(split);
  const trace: SplitTrace = { above_dedc: E, pool_capped: capped, above_cap: S, acct_payable: payable };
  const ctx: ExplainContext = {
    names,
    dedc_left: policy.dedc_left,
    pool_ratio: policy.pool_ratio,
    hifmi_ratio: policy.hifmi_ratio,
    hifmi_cap_left: policy.hifmi_cap_left,
    cvlserv_ratio: policy.cvlserv_ratio,
    acct_may_pay_class_c: policy.acct_may_pay_class_c,
    fund_allowed: person.fund_allowed,
    fund_refused_reason: person.fund_refused_reason,
    acct_used: person.acct_used,
    mulaid: person.mulaid_balc !== null,
  };
  return resultOf(split, lines, { dedc_used: dedc, hifp_paid: hifp, hifmi_paid: hifmi }, policy.policy_version, ctx, trace);
}

/** What a result's explanation is written from, until it is first read (then the steps themselves). */
interface Pending {
  ctx: ExplainContext;
  lines: readonly SplitLineResult[];
  split: Split;
  trace: SplitTrace;
  steps: ExplanationStep[] | null;
}
/** Kept on the result under a symbol, not enumerable: JSON, spreads, Object.keys, clones and equality skip it. */
const PENDING = Symbol('pending explanation');
type Lazy = SplitResult & { [PENDING]: Pending };

/**
 * One getter and setter for every result, shared through one descriptor. Tried and measured (bench/settle-split):
 * a getter made per result (an object literal's `get explanation()`) gives every result its own hidden class, and
 * a WeakMap from result to pending state loads the garbage collector; each made the split 2–3× slower.
 */
const EXPLANATION: PropertyDescriptor = {
  get(this: Lazy): ExplanationStep[] {
    const p = this[PENDING];
    return (p.steps ??= explainSplit(p.ctx, p.lines, p.split, p.trace));
  },
  set(this: Lazy, steps: ExplanationStep[]) {
    this[PENDING].steps = steps;
  },
  enumerable: true,
  configurable: true,
};

/** The result, in the key order of its JSON: split, lines, explanation, ytd_delta, policy_version. */
function resultOf(
  split: Split,
  lines: SplitLineResult[],
  ytd_delta: SplitResult['ytd_delta'],
  policy_version: string,
  ctx: ExplainContext,
  trace: SplitTrace,
): SplitResult {
  const r = { split, lines } as Lazy;
  Object.defineProperty(r, 'explanation', EXPLANATION);
  r.ytd_delta = ytd_delta;
  r.policy_version = policy_version;
  Object.defineProperty(r, PENDING, { value: { ctx, lines, split, trace, steps: null } });
  return r;
}
