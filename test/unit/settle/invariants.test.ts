import { describe, expect, it } from 'vitest';
import { SplitInvariantError, parseSplitRequest, splitBill } from '../../../src/main/settle/index.js';
import type { SplitRequest } from '../../../src/shared/domain.js';

// splitBill does not parse (the boundary does: parseSplitRequest); it still never turns bad data into an amount.
const base = (): SplitRequest => ({
  lines: [
    { line_no: 1, code: 'B', name: '头孢克洛胶囊', chrgitm_lv: '02', pric: 2000, cnt: '1.5', selfpay_prop: 1000, pric_uplmt_amt: 1800 },
    { line_no: 2, code: 'C', name: '维生素C片', chrgitm_lv: '03', pric: 350, cnt: '1', selfpay_prop: 0, pric_uplmt_amt: null },
  ],
  policy: { dedc_left: 500, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 6000, hifmi_cap_left: 0, cvlserv_ratio: 0, acct_may_pay_class_c: false, policy_version: 'v1' },
  person: { acct_balc: 300, acct_used: true, mulaid_balc: 10000, fund_allowed: true, fund_refused_reason: null },
});

type Mutation = [field: string, change: (r: Record<string, any>) => void];
const MUTATIONS: Mutation[] = [
  ['lines.0.chrgitm_lv', (r) => (r.lines[0].chrgitm_lv = '04')],
  ['lines.0.pric', (r) => (r.lines[0].pric = 12.5)],
  ['lines.1.pric', (r) => (r.lines[1].pric = -350)],
  ['lines.0.cnt', (r) => (r.lines[0].cnt = '1.23456')],
  ['lines.0.cnt', (r) => (r.lines[0].cnt = '0')],
  ['lines.0.cnt', (r) => (r.lines[0].cnt = 1.5)],
  ['lines.0.selfpay_prop', (r) => (r.lines[0].selfpay_prop = 10001)],
  ['lines.0.pric_uplmt_amt', (r) => (r.lines[0].pric_uplmt_amt = undefined)],
  ['lines.1.line_no', (r) => (r.lines[1].line_no = 0)],
  ['lines', (r) => (r.lines = [])],
  ['policy.pool_ratio', (r) => (r.policy.pool_ratio = 10001)],
  ['policy.dedc_left', (r) => (r.policy.dedc_left = '500')],
  ['policy.cvlserv_ratio', (r) => (r.policy.cvlserv_ratio = 20000)],
  ['policy.acct_may_pay_class_c', (r) => (r.policy.acct_may_pay_class_c = 'no')],
  ['person.acct_balc', (r) => (r.person.acct_balc = -1)],
  ['person.acct_balc', (r) => delete r.person.acct_balc],
  ['person.mulaid_balc', (r) => (r.person.mulaid_balc = 0.5)],
  ['person.fund_allowed', (r) => delete r.person.fund_allowed],
];

describe('splitBill on data its caller should have validated', () => {
  for (const [field, change] of MUTATIONS) {
    it(`throws SplitInvariantError naming ${field}, which the boundary's parse also refuses`, () => {
      const r = base();
      change(r);
      expect(() => parseSplitRequest(r)).toThrow();
      let error: unknown;
      try {
        splitBill(r);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SplitInvariantError);
      expect((error as SplitInvariantError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    });
  }

  it('gives a validated request the same result as before validation moved out (parse, then split)', () => {
    expect(splitBill(parseSplitRequest(base()))).toEqual(splitBill(base()));
  });
});

describe('the explanation, written when first read', () => {
  it('is an own enumerable property that JSON, spreads, structured clone and zod all see', () => {
    const r = splitBill(base());
    const steps = splitBill(base()).explanation;
    expect(Object.keys(r)).toEqual(['split', 'lines', 'explanation', 'ytd_delta', 'policy_version']);
    expect(JSON.parse(JSON.stringify(r)).explanation).toEqual(steps);
    expect({ ...splitBill(base()) }.explanation).toEqual(steps);
    expect(structuredClone(splitBill(base())).explanation).toEqual(steps);
    expect(r.explanation).toBe(r.explanation); // written once: every read gives the same array
  });

  it('does not change when the request is changed or reused after the split', () => {
    const req = base();
    const r = splitBill(req);
    const expected = splitBill(base()).explanation;
    req.lines[0].name = 'changed';
    req.policy.pool_ratio = 5000;
    req.person.fund_allowed = false;
    expect(r.explanation).toEqual(expected);
  });

  it('can be replaced like any property', () => {
    const r = splitBill(base());
    r.explanation = [];
    expect(r.explanation).toEqual([]);
    expect(JSON.parse(JSON.stringify(r)).explanation).toEqual([]);
  });
});
