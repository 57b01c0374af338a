/**
 * What splitBill asserts on every call instead of parsing its input (validation happens once, at the boundary
 * that received the data: parseSplitRequest, the api contract, the simulator's codec). These checks are cheap
 * (a few comparisons per line) and exist so that data an internal caller got wrong throws instead of becoming a
 * wrong amount: amounts are non-negative integers, ratios are basis points, flags are booleans, and the split
 * adds up.
 */
import { BP_ONE, isFen } from '../../shared/money.js';
import type { PersonPayState, PolicyNumbers, Split, SplitLine } from '../../shared/domain.js';
import { SplitInvariantError } from './errors.js';

// A line's field path is made only when a check fails: the checks run on every line of every bill.
function fail(field: string, what: string, v: unknown, line = -1): never {
  const path = line >= 0 ? `lines.${line}.${field}` : field;
  throw new SplitInvariantError(`${path}: ${what}, got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`, path);
}
const isAmount = (v: unknown): v is number => isFen(v) && v >= 0;
const isBp = (v: unknown): v is number => isFen(v) && v >= 0 && v <= BP_ONE;

function amount(v: unknown, field: string, line = -1): void {
  if (!isAmount(v)) fail(field, 'must be a non-negative integer number of fen', v, line);
}
function ratio(v: unknown, field: string, line = -1): void {
  if (!isBp(v)) fail(field, 'must be a ratio in basis points 0..10000', v, line);
}
function flag(v: unknown, field: string): void {
  if (typeof v !== 'boolean') fail(field, 'must be true or false', v);
}

export function assertPolicy(p: PolicyNumbers): void {
  amount(p.dedc_left, 'policy.dedc_left');
  ratio(p.pool_ratio, 'policy.pool_ratio');
  amount(p.pool_cap_left, 'policy.pool_cap_left');
  ratio(p.hifmi_ratio, 'policy.hifmi_ratio');
  amount(p.hifmi_cap_left, 'policy.hifmi_cap_left');
  ratio(p.cvlserv_ratio, 'policy.cvlserv_ratio');
  flag(p.acct_may_pay_class_c, 'policy.acct_may_pay_class_c');
  if (typeof p.policy_version !== 'string') fail('policy.policy_version', 'must be text', p.policy_version);
}

export function assertPerson(p: PersonPayState): void {
  amount(p.acct_balc, 'person.acct_balc');
  flag(p.acct_used, 'person.acct_used');
  if (p.mulaid_balc !== null) amount(p.mulaid_balc, 'person.mulaid_balc');
  flag(p.fund_allowed, 'person.fund_allowed');
  const why = p.fund_refused_reason;
  if (why != null && typeof why !== 'string') fail('person.fund_refused_reason', 'must be text or null', why);
}

/** The line's own fields (they reach the amounts, the result's lines or the explanation); its count is parsed in lines.ts. */
export function assertLine(l: SplitLine, i: number): void {
  const lv = l.chrgitm_lv;
  if (lv !== '01' && lv !== '02' && lv !== '03') fail('chrgitm_lv', 'must be 01, 02 or 03', lv, i);
  amount(l.pric, 'pric', i);
  ratio(l.selfpay_prop, 'selfpay_prop', i);
  if (l.pric_uplmt_amt !== null) amount(l.pric_uplmt_amt, 'pric_uplmt_amt', i);
  if (typeof l.cnt !== 'string') fail('cnt', 'must be decimal text', l.cnt, i);
  if (typeof l.code !== 'string') fail('code', 'must be text', l.code, i);
  if (l.name !== undefined && typeof l.name !== 'string') fail('name', 'must be text', l.name, i);
  if (!isFen(l.line_no) || l.line_no < 1) fail('line_no', 'must be a positive integer', l.line_no, i);
}

/** Every amount of the split a non-negative integer, and fund + own account + co-pay + cash = the bill. */
export function assertSplit(s: Split): void {
  for (const k in s) amount(s[k as keyof Split], `split.${k}`);
  if (s.fund_pay_sumamt + s.acct_pay + s.acct_mulaid_pay + s.psn_cash_pay !== s.medfee_sumamt) {
    fail('split', 'fund_pay_sumamt + acct_pay + acct_mulaid_pay + psn_cash_pay must equal medfee_sumamt', s.medfee_sumamt);
  }
  if (s.psn_part_amt !== s.medfee_sumamt - s.fund_pay_sumamt) fail('split.psn_part_amt', 'must be medfee_sumamt − fund_pay_sumamt', s.psn_part_amt);
}
