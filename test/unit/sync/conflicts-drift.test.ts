import { describe, expect, it } from 'vitest';
import { driftPolicy } from '../../../src/center-sim/drift.js';
import { resolvePolicyNumbers } from '../../../src/main/settle/index.js';
import { samplePolicies } from '../../../src/main/settle/sample-data.js';
import { diffSplits } from '../../../src/main/services/settlement/answers.js';

const split = {
  medfee_sumamt: 10000, fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 10000, act_pay_dedc: 0,
  hifp_pay: 7000, pool_prop_selfpay: 3000, cvlserv_pay: 0, hifmi_pay: 0, hifob_pay: 0, fund_pay_sumamt: 7000,
  psn_part_amt: 3000, acct_pay: 3000, acct_mulaid_pay: 0, psn_cash_pay: 0,
};

describe('diffSplits', () => {
  it('names every amount that differs, nothing when equal', () => {
    expect(diffSplits(split, { ...split })).toEqual([]);
    expect(diffSplits(split, { ...split, hifp_pay: 6000, fund_pay_sumamt: 6000, psn_part_amt: 4000, acct_pay: 4000 })).toEqual([
      'hifp_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay',
    ]);
    expect(diffSplits(split, { ...split, psn_cash_pay: 1 })).toEqual(['psn_cash_pay']);
  });
});

describe('the drifted policy of the simulator', () => {
  it('halves the deductible and lowers the ratio by 10 points in every version', () => {
    const base = samplePolicies().find((p) => p.region === '530600')!;
    const drifted = driftPolicy(base);
    const ctx = { insutype: '310' as const, med_type: '41' as const, hosp_level: 1 as const, date: '2026-06-01', ytd: { year: 2026, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 }, cvlserv_flag: false };
    const a = resolvePolicyNumbers(base, ctx);
    const b = resolvePolicyNumbers(drifted, ctx);
    expect(b.policy_version).toBe(`${a.policy_version}-drift`);
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(JSON.stringify(base)).not.toContain('-drift'); // the original is untouched
  });
});
