import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
// validation happens where a request is received: splitUntrusted is that boundary (parse, then splitBill)
import { splitUntrusted as splitBill } from '../../../src/main/settle/index.js';
import type { SplitRequest } from '../../../src/shared/domain.js';

const base = (): SplitRequest => ({
  lines: [
    { line_no: 1, code: 'XJ01DCC027E001010100004', name: '头孢克洛胶囊', chrgitm_lv: '02', pric: 2000, cnt: '1', selfpay_prop: 1000, pric_uplmt_amt: null },
    { line_no: 2, code: 'XA11GAV017A001010100011', name: '维生素C片', chrgitm_lv: '03', pric: 350, cnt: '1', selfpay_prop: 0, pric_uplmt_amt: null },
  ],
  policy: { dedc_left: 500, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 0, hifmi_cap_left: 0, cvlserv_ratio: 0, acct_may_pay_class_c: false, policy_version: 'v1' },
  person: { acct_balc: 300, acct_used: true, mulaid_balc: 10000, fund_allowed: true, fund_refused_reason: null },
});

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZodError);
    return (e as ZodError).issues[0].path.join('.');
  }
  throw new Error('did not throw');
}

describe('splitBill input validation', () => {
  it('rejects a bad request with a ZodError naming the field', () => {
    const r = base();
    expect(fieldOf(() => splitBill({ ...r, lines: [{ ...r.lines[0], cnt: '1.23456' }] }))).toBe('lines.0.cnt');
    expect(fieldOf(() => splitBill({ ...r, lines: [{ ...r.lines[0], pric: 12.5 }] }))).toBe('lines.0.pric');
    expect(fieldOf(() => splitBill({ ...r, lines: [{ ...r.lines[0], cnt: '0' }] }))).toBe('lines.0.cnt');
    expect(fieldOf(() => splitBill({ ...r, lines: [] }))).toBe('lines');
    expect(fieldOf(() => splitBill({ ...r, policy: { ...r.policy, pool_ratio: 10001 } }))).toBe('policy.pool_ratio');
    expect(fieldOf(() => splitBill({ ...r, person: { ...r.person, acct_balc: -1 } }))).toBe('person.acct_balc');
  });

  it('does not change its input and gives the same answer twice', () => {
    const r = base();
    const copy = structuredClone(r);
    const a = splitBill(r);
    const b = splitBill(r);
    expect(r).toEqual(copy);
    expect(a).toEqual(b);
  });
});

describe('explanation', () => {
  it('reads as the split: class B share, class C, deductible, fund, accounts, cash', () => {
    const r = splitBill(base());
    // 2000 B 10%: pre 200, in scope 1800; C 350. dedc 500, E 1300, hifp 910, co-ins 390.
    // psn_part = 2350 − 910 = 1440; payable = 1440 − 350 = 1090; acct 300; co-pay 790; cash 350.
    expect(r.split).toMatchObject({ hifp_pay: 910, psn_part_amt: 1440, acct_pay: 300, acct_mulaid_pay: 790, psn_cash_pay: 350 });
    const byKey = Object.fromEntries(r.explanation.map((s) => [s.key, s]));
    expect(byKey['line.1.preselfpay_amt']).toEqual({
      key: 'line.1.preselfpay_amt',
      zh: '头孢克洛胶囊 乙类先行自付 10%: 2.00 元',
      en: '头孢克洛胶囊: class B, first 10% paid by the patient: 2.00 yuan',
      amount: 200,
    });
    expect(byKey['line.2.fulamt_ownpay_amt'].zh).toBe('维生素C片 丙类, 全额自费: 3.50 元');
    expect(byKey['act_pay_dedc']).toMatchObject({ amount: 500 });
    expect(byKey['hifp_pay'].zh).toBe('统筹基金支付 70% (13.00 元 × 70%): 9.10 元');
    expect(byKey['acct_pay'].amount).toBe(300);
    expect(byKey['acct_mulaid_pay'].zh).toBe('家庭共济账户支付: 7.90 元');
    expect(byKey['acct_excludes_class_c'].amount).toBe(350);
    expect(byKey['psn_cash_pay']).toMatchObject({ amount: 350, en: 'To pay in cash: 3.50 yuan' });
    expect(r.explanation[0].key).toBe('medfee_sumamt');
    expect(r.explanation.at(-1)?.key).toBe('psn_cash_pay');
    for (const s of r.explanation) expect(s.zh.length && s.en.length).toBeTruthy();
  });

  it('says when the cap is reached, what critical illness pays, and when the fund refuses', () => {
    const r = base();
    const capped = splitBill({ ...r, policy: { ...r.policy, pool_cap_left: 100, hifmi_ratio: 6000, hifmi_cap_left: 100000 } });
    const keys = capped.explanation.map((s) => s.key);
    expect(keys).toContain('above_cap');
    expect(capped.explanation.find((s) => s.key === 'hifmi_pay')?.amount).toBe(capped.split.hifmi_pay);
    expect(capped.explanation.find((s) => s.key === 'hifp_pay')?.zh).toContain('达到年度封顶');

    const refused = splitBill({ ...r, person: { ...r.person, fund_allowed: false, fund_refused_reason: '异地就医未备案' } });
    const step = refused.explanation.find((s) => s.key === 'fund_refused');
    expect(step?.zh).toContain('异地就医未备案');
    expect(refused.explanation.map((s) => s.key)).not.toContain('hifp_pay');
  });
});
