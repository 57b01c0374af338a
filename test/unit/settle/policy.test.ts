import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy, resolvePolicyNumbers, type PolicyContext } from '../../../src/main/settle/index.js';
import { policyHasPersonalAccount, policyVersionAt } from '../../../src/main/settle/policy.js';

const raw = () => JSON.parse(readFileSync(new URL('../../../src/main/settle/data/policy-530600.json', import.meta.url), 'utf8'));

function policyErrorField(doc: unknown): string {
  try {
    parsePolicy(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    expect((e as PolicyError).message).toContain((e as PolicyError).field);
    return (e as PolicyError).field;
  }
  throw new Error('parsed');
}

const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  insutype: '310',
  med_type: '11',
  hosp_level: 1,
  date: '2025-06-01',
  ytd: { year: 2025, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 },
  cvlserv_flag: false,
  ...over,
});

describe('the shipped sample policy', () => {
  it('is valid, marked sample, with two versions', () => {
    const doc = raw();
    expect(doc.sample).toBe(true);
    expect(doc.note).toMatch(/SAMPLE/);
    expect(doc.note).toMatch(/not the official/i);
    const p = parsePolicy(doc);
    expect(p.region).toBe('530600');
    expect(p.versions).toHaveLength(2);
  });

  it('has the DOMAIN.md sample figures', () => {
    const p = parsePolicy(raw());
    expect(resolvePolicyNumbers(p, ctx())).toEqual({
      dedc_left: 20000, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 0, hifmi_cap_left: 0,
      cvlserv_ratio: 0, acct_may_pay_class_c: true, policy_version: '530600-2025-sample',
    });
    expect(resolvePolicyNumbers(p, ctx({ insutype: '390' }))).toMatchObject({ dedc_left: 5000, pool_ratio: 5000, pool_cap_left: 40000, acct_may_pay_class_c: false });
    const emp = [1, 2, 3].map((l) => resolvePolicyNumbers(p, ctx({ med_type: '21', hosp_level: l as 1 | 2 | 3 })));
    expect(emp.map((n) => n.dedc_left)).toEqual([20000, 50000, 80000]);
    expect(emp.map((n) => n.pool_ratio)).toEqual([9000, 8500, 8000]);
    expect(emp[0]).toMatchObject({ pool_cap_left: 15000000, hifmi_ratio: 6000, hifmi_cap_left: 30000000 });
    const res = [1, 2, 3].map((l) => resolvePolicyNumbers(p, ctx({ insutype: '390', med_type: '21', hosp_level: l as 1 | 2 | 3 })));
    expect(res.map((n) => n.dedc_left)).toEqual([10000, 40000, 70000]);
    expect(res.map((n) => n.pool_ratio)).toEqual([8500, 7500, 6000]);
    expect(res[2]).toMatchObject({ pool_cap_left: 15000000, hifmi_ratio: 6000, hifmi_cap_left: 40000000 });
    // pharmacy 41 uses the outpatient numbers
    expect({ ...resolvePolicyNumbers(p, ctx({ med_type: '41' })) }).toEqual(resolvePolicyNumbers(p, ctx()));
    expect(policyHasPersonalAccount(p, ctx())).toBe(true);
    expect(policyHasPersonalAccount(p, ctx({ insutype: '390' }))).toBe(false);
  });
});

describe('resolvePolicyNumbers', () => {
  const p = parsePolicy(raw());

  it('subtracts year-to-date use, floored at 0', () => {
    const n = resolvePolicyNumbers(p, ctx({ med_type: '21', hosp_level: 2, ytd: { year: 2025, dedc_used: 60000, hifp_paid: 14999000, hifmi_paid: 1000 } }));
    expect(n).toMatchObject({ dedc_left: 0, pool_cap_left: 1000, hifmi_cap_left: 29999000 });
    const m = resolvePolicyNumbers(p, ctx({ ytd: { year: 2025, dedc_used: 5000, hifp_paid: 300000, hifmi_paid: 0 } }));
    expect(m).toMatchObject({ dedc_left: 15000, pool_cap_left: 0 });
  });

  it('ignores YTD counters of another year', () => {
    const n = resolvePolicyNumbers(p, ctx({ date: '2026-01-01', ytd: { year: 2025, dedc_used: 20000, hifp_paid: 200000, hifmi_paid: 0 } }));
    expect(n).toMatchObject({ dedc_left: 20000, pool_cap_left: 200000 });
  });

  it('switches version at the effective date', () => {
    expect(resolvePolicyNumbers(p, ctx({ date: '2025-12-31' }))).toMatchObject({ pool_ratio: 7000, policy_version: '530600-2025-sample' });
    expect(resolvePolicyNumbers(p, ctx({ date: '2026-01-01', ytd: { year: 2026, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 } }))).toMatchObject({ pool_ratio: 7500, policy_version: '530600-2026-sample' });
    expect(policyVersionAt(p, '2030-05-05').version.version).toBe('530600-2026-sample');
  });

  it('applies the civil-servant subsidy only with the flag', () => {
    expect(resolvePolicyNumbers(p, ctx({ cvlserv_flag: true })).cvlserv_ratio).toBe(2000);
    expect(resolvePolicyNumbers(p, ctx({ cvlserv_flag: false })).cvlserv_ratio).toBe(0);
    expect(resolvePolicyNumbers(p, ctx({ insutype: '390', cvlserv_flag: true })).cvlserv_ratio).toBe(0);
  });

  it('throws PolicyError when no version covers the date, or the insutype / med_type is missing', () => {
    expect(() => resolvePolicyNumbers(p, ctx({ date: '2024-12-31' }))).toThrow(PolicyError);
    expect(() => resolvePolicyNumbers(p, ctx({ date: '2025-13-01' }))).toThrow(/calendar date/);
    try {
      resolvePolicyNumbers(p, ctx({ insutype: '392' }));
      throw new Error('resolved');
    } catch (e) {
      expect((e as PolicyError).field).toBe('versions.0.insutypes.392');
    }
    const doc = raw();
    delete doc.versions[0].insutypes['310'].med_types['14'];
    try {
      resolvePolicyNumbers(parsePolicy(doc), ctx({ med_type: '14' }));
      throw new Error('resolved');
    } catch (e) {
      expect((e as PolicyError).field).toBe('versions.0.insutypes.310.med_types.14');
    }
  });

  it('finds a gap between a closed version and a later one', () => {
    const doc = raw();
    doc.versions[1].effective_from = '2026-03-01';
    const q = parsePolicy(doc);
    expect(() => resolvePolicyNumbers(q, ctx({ date: '2026-02-01' }))).toThrow(/no policy version covers 2026-02-01/);
    expect(resolvePolicyNumbers(q, ctx({ date: '2026-03-01' })).policy_version).toBe('530600-2026-sample');
  });

  it('accepts a policy object that was not made by parsePolicy by validating it first', () => {
    const doc = raw();
    expect(resolvePolicyNumbers(doc, ctx()).policy_version).toBe('530600-2025-sample');
    const bad = raw();
    bad.versions[0].insutypes['310'].med_types['11'].ratio_bp = 'x';
    expect(() => resolvePolicyNumbers(bad, ctx())).toThrow(PolicyError);
  });
});

describe('parsePolicy errors name the field', () => {
  const cases: [string, (d: any) => void, string][] = [
    ['region', (d) => (d.region = '5306'), 'region'],
    ['sample flag', (d) => delete d.sample, 'sample'],
    ['no versions', (d) => (d.versions = []), 'versions'],
    ['ratio over 100%', (d) => (d.versions[0].insutypes['310'].med_types['11'].ratio_bp = 10001), 'versions.0.insutypes.310.med_types.11.ratio_bp'],
    ['level map missing a level', (d) => delete d.versions[0].insutypes['310'].med_types['21'].deductible_fen['3'], 'versions.0.insutypes.310.med_types.21.deductible_fen'],
    ['amount in yuan with decimals', (d) => (d.versions[1].insutypes['390'].med_types['11'].annual_cap_fen = 400.5), 'versions.1.insutypes.390.med_types.11.annual_cap_fen'],
    ['critical illness without a cap', (d) => delete d.versions[0].insutypes['390'].med_types['21'].critical_illness.annual_cap_fen, 'versions.0.insutypes.390.med_types.21.critical_illness.annual_cap_fen'],
    ['unknown field (typo)', (d) => (d.versions[0].insutypes['310'].med_types['11'].deductable_fen = 1), 'versions.0.insutypes.310.med_types.11'],
    ['not a calendar date', (d) => (d.versions[0].effective_from = '2025-02-30'), 'versions.0.effective_from'],
    ['effective_to before from', (d) => (d.versions[0].effective_to = '2024-12-31'), 'versions.0.effective_to'],
    ['overlapping versions', (d) => (d.versions[0].effective_to = '2026-01-01'), 'versions.0.effective_to'],
    ['duplicate version name', (d) => (d.versions[1].version = d.versions[0].version), 'versions.1.version'],
    ['insutype key', (d) => (d.versions[0].insutypes['31'] = d.versions[0].insutypes['310']), 'versions.0.insutypes.31'],
    ['account flag', (d) => (d.versions[0].insutypes['310'].acct_may_pay_class_c = 'yes'), 'versions.0.insutypes.310.acct_may_pay_class_c'],
  ];
  for (const [what, mutate, field] of cases) {
    it(what, () => {
      const d = raw();
      mutate(d);
      expect(policyErrorField(d)).toBe(field);
    });
  }
  it('not an object at all', () => {
    expect(policyErrorField(null)).toBe('(root)');
  });
});
