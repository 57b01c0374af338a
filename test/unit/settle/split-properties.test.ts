/**
 * Properties of the split over random bills (fast-check, 10,000 runs each).
 *
 * "Realistic" policies below mean pooling ratio ≥ 50% and critical-illness ratio ≤ 70% (every sample figure is
 * inside). There the fund payment grows by at most 1 fen for each fen of in-scope spending, which is what the
 * monotonicity and line-splitting properties rest on. Outside it, the cap conversion of DOMAIN.md
 * (E_in = round(cap left × 10000 / ratio)) can make the spending above the cap S jump by several fen when one more
 * fen crosses the cap, so critical illness can pay more than the extra fen: see the last test, which pins that
 * behaviour of the documented rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBill } from '../../../src/main/settle/index.js';
import { formatQty } from '../../../src/shared/money.js';
import { SplitResult, type Split, type SplitLine, type SplitRequest } from '../../../src/shared/domain.js';

const RUNS = 10_000;

const lineArb: fc.Arbitrary<Omit<SplitLine, 'line_no'>> = fc
  .record({
    chrgitm_lv: fc.constantFrom('01', '02', '03' as const),
    pric: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 200_000 })),
    qty: fc.oneof(fc.integer({ min: 1, max: 10 }).map((n) => n * 10_000), fc.integer({ min: 1, max: 500_000 })),
    selfpay_prop: fc.integer({ min: 0, max: 10_000 }),
    cap: fc.option(fc.integer({ min: 0, max: 250_000 }), { nil: null }),
  })
  .map((l) => ({
    code: 'X',
    name: '',
    chrgitm_lv: l.chrgitm_lv,
    pric: l.pric,
    cnt: formatQty(l.qty),
    selfpay_prop: l.chrgitm_lv === '02' ? l.selfpay_prop : 0,
    pric_uplmt_amt: l.cap,
  }));

function policyArb(realistic: boolean) {
  return fc.record({
    dedc_left: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
    pool_ratio: realistic ? fc.integer({ min: 5000, max: 10_000 }) : fc.integer({ min: 0, max: 10_000 }),
    pool_cap_left: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 20_000_000 })),
    hifmi_ratio: realistic ? fc.integer({ min: 0, max: 7000 }) : fc.integer({ min: 0, max: 10_000 }),
    hifmi_cap_left: fc.integer({ min: 0, max: 1_000_000 }),
    cvlserv_ratio: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
    acct_may_pay_class_c: fc.boolean(),
    policy_version: fc.constant('prop'),
  });
}

const personArb = fc.record({
  acct_balc: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
  acct_used: fc.boolean(),
  mulaid_balc: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
  fund_allowed: fc.boolean(),
  fund_refused_reason: fc.constant(null),
});

function requestArb(realistic: boolean): fc.Arbitrary<SplitRequest> {
  return fc
    .record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }), policy: policyArb(realistic), person: personArb, capAtBoundary: fc.boolean() })
    .map(({ lines, policy, person, capAtBoundary }) => {
      const req: SplitRequest = { lines: lines.map((l, i) => ({ ...l, line_no: i + 1 })), policy, person };
      if (capAtBoundary && person.fund_allowed) {
        // Put the cap left exactly at this bill's uncapped fund payment, so a fen more crosses it.
        const uncapped = splitBill({ ...req, policy: { ...policy, pool_cap_left: Number.MAX_SAFE_INTEGER } });
        req.policy = { ...policy, pool_cap_left: uncapped.split.hifp_pay };
      }
      return req;
    });
}

const FIELDS = Object.keys(SplitResult.shape.split.shape) as (keyof Split)[];

describe('split properties', () => {
  it(`invariant, no negative amount, every payment within its limit (${RUNS} bills)`, () => {
    fc.assert(
      fc.property(requestArb(false), (req) => {
        const r = splitBill(req);
        const s = r.split;
        for (const k of FIELDS) expect(s[k], k).toBeGreaterThanOrEqual(0);
        expect(s.fund_pay_sumamt + s.acct_pay + s.acct_mulaid_pay + s.psn_cash_pay).toBe(s.medfee_sumamt);
        expect(s.hifp_pay).toBeLessThanOrEqual(req.policy.pool_cap_left);
        expect(s.hifmi_pay).toBeLessThanOrEqual(req.policy.hifmi_cap_left);
        expect(s.acct_pay).toBeLessThanOrEqual(req.person.acct_used ? req.person.acct_balc : 0);
        expect(s.acct_mulaid_pay).toBeLessThanOrEqual(req.person.mulaid_balc ?? 0);
        // the parts of the bill add up
        expect(s.fulamt_ownpay_amt + s.overlmt_selfpay + s.preselfpay_amt + s.inscp_scp_amt).toBe(s.medfee_sumamt);
        expect(s.act_pay_dedc + s.hifp_pay + s.hifmi_pay + s.pool_prop_selfpay).toBe(req.person.fund_allowed ? s.inscp_scp_amt : 0);
        expect(s.fund_pay_sumamt).toBe(s.hifp_pay + s.hifmi_pay + s.cvlserv_pay + s.hifob_pay);
        expect(s.psn_part_amt).toBe(s.medfee_sumamt - s.fund_pay_sumamt);
        // the accounts never pay class C unless the policy lets them
        if (!req.policy.acct_may_pay_class_c) expect(s.psn_cash_pay).toBeGreaterThanOrEqual(s.fulamt_ownpay_amt);
        if (!req.person.fund_allowed) expect(s.fund_pay_sumamt).toBe(0);
        expect(r.lines.reduce((a, l) => a + l.det_item_fee_sumamt, 0)).toBe(s.medfee_sumamt);
        expect(r.ytd_delta).toEqual({ dedc_used: s.act_pay_dedc, hifp_paid: s.hifp_pay, hifmi_paid: s.hifmi_pay });
      }),
      { numRuns: RUNS },
    );
  });

  it(`raising one line's price never lowers psn_part_amt (realistic policies, ${RUNS} bills)`, () => {
    fc.assert(
      fc.property(requestArb(true), fc.nat(), fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100_000 })), (req, pick, raise) => {
        const i = pick % req.lines.length;
        const before = splitBill(req).split;
        const lines = req.lines.map((l, k) => (k === i ? { ...l, pric: l.pric + raise } : l));
        const after = splitBill({ ...req, lines }).split;
        expect(after.psn_part_amt).toBeGreaterThanOrEqual(before.psn_part_amt);
        expect(after.medfee_sumamt).toBeGreaterThanOrEqual(before.medfee_sumamt);
      }),
      { numRuns: RUNS },
    );
  });

  /**
   * Selling one line as two lines of the same item (counts q1 + q2 = q) rounds price × count twice instead of once,
   * and each later product (class-B share, cap) once more per line. Bound, for realistic policies:
   *   medfee_sumamt, fulamt_ownpay_amt: 1 fen (two half-up roundings vs one);
   *   overlmt_selfpay, preselfpay_amt, inscp_scp_amt: 2 fen (their own rounding plus the line amount's);
   *   the deductible, every fund payment and fund_pay_sumamt: 2 fen (they follow inscp_scp_amt at most fen for fen);
   *   psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay: 3 fen (medfee's 1 plus the fund's 2).
   */
  const BOUND: Record<keyof Split, number> = {
    medfee_sumamt: 1, fulamt_ownpay_amt: 1, overlmt_selfpay: 2, preselfpay_amt: 2, inscp_scp_amt: 2, act_pay_dedc: 2,
    hifp_pay: 2, pool_prop_selfpay: 2, cvlserv_pay: 2, hifmi_pay: 2, hifob_pay: 0, fund_pay_sumamt: 2,
    psn_part_amt: 3, acct_pay: 3, acct_mulaid_pay: 3, psn_cash_pay: 3,
  };
  it(`splitting a line into two of the same item moves totals within the stated bound (${RUNS} bills)`, () => {
    fc.assert(
      fc.property(requestArb(true), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (req, pick, cut) => {
        const i = pick % req.lines.length;
        const line = req.lines[i];
        const q = Math.round(Number(line.cnt) * 10_000);
        fc.pre(q >= 2);
        const q1 = 1 + Math.floor(cut * (q - 2));
        const parts = [{ ...line, cnt: formatQty(q1) }, { ...line, cnt: formatQty(q - q1) }];
        const lines = [...req.lines.slice(0, i), ...parts, ...req.lines.slice(i + 1)].map((l, k) => ({ ...l, line_no: k + 1 }));
        const one = splitBill(req).split;
        const two = splitBill({ ...req, lines }).split;
        for (const k of FIELDS) expect(Math.abs(one[k] - two[k]), k).toBeLessThanOrEqual(BOUND[k]);
      }),
      { numRuns: RUNS },
    );
  });

  it('outside realistic ratios the documented cap conversion can lower psn_part_amt when the price rises', () => {
    // ratio 10%, cap left 10 fen, critical illness 100%.
    // ¥1.04: P = round(10.4) = 10 ≤ 10 → hifp 10, no S; fund 10; psn_part 94.
    // ¥1.05: P = round(10.5) = 11 > 10 → hifp 10; E_in = round(10 × 10000 / 1000) = 100; S = 5; hifmi 5;
    //        fund 15; psn_part 90 — four fen less for one fen more.
    const mk = (pric: number): SplitRequest => ({
      lines: [{ line_no: 1, code: 'X', name: '', chrgitm_lv: '01', pric, cnt: '1', selfpay_prop: 0, pric_uplmt_amt: null }],
      policy: { dedc_left: 0, pool_ratio: 1000, pool_cap_left: 10, hifmi_ratio: 10_000, hifmi_cap_left: 1_000_000, cvlserv_ratio: 0, acct_may_pay_class_c: true, policy_version: 'x' },
      person: { acct_balc: 0, acct_used: false, mulaid_balc: null, fund_allowed: true, fund_refused_reason: null },
    });
    expect(splitBill(mk(104)).split.psn_part_amt).toBe(94);
    expect(splitBill(mk(105)).split).toMatchObject({ hifp_pay: 10, hifmi_pay: 5, fund_pay_sumamt: 15, psn_part_amt: 90 });
  });
});
