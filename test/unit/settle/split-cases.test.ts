import { describe, expect, it } from 'vitest';
import { splitBill, resolvePolicyNumbers } from '../../../src/main/settle/index.js';
import { samplePolicy530600 } from '../../../src/main/settle/sample-data.js';
import { Split, SplitResult, type SplitRequest } from '../../../src/shared/domain.js';
import { SPLIT_CASES } from '../../fixtures/split-cases.js';

const ZERO: Split = Object.fromEntries(Object.keys(Split.shape).map((k) => [k, 0])) as Split;
const policyFile = samplePolicy530600();

function requestOf(c: (typeof SPLIT_CASES)[number]): SplitRequest {
  return c.context ? { ...c.req, policy: resolvePolicyNumbers(policyFile, c.context) } : c.req;
}

describe('worked split cases (test/fixtures/split-cases.ts)', () => {
  it('has at least 40 cases with distinct names', () => {
    expect(SPLIT_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SPLIT_CASES.map((c) => c.name)).size).toBe(SPLIT_CASES.length);
  });

  for (const c of SPLIT_CASES) {
    it(c.name, () => {
      const r = splitBill(requestOf(c));
      expect(SplitResult.parse(r)).toEqual(r);
      expect(r.split).toEqual({ ...ZERO, ...c.expect });
      const s = r.split;
      expect(s.fund_pay_sumamt + s.acct_pay + s.acct_mulaid_pay + s.psn_cash_pay).toBe(s.medfee_sumamt);
      if (c.expectLines) {
        c.expectLines.forEach((l, i) => expect(r.lines[i]).toMatchObject(l));
      }
      expect(r.ytd_delta).toEqual(c.expectYtd ?? (c.req.person.fund_allowed ? { dedc_used: s.act_pay_dedc, hifp_paid: s.hifp_pay, hifmi_paid: s.hifmi_pay } : { dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 }));
      expect(r.policy_version).toBe(c.expectVersion ?? 'case');
    });
  }
});
