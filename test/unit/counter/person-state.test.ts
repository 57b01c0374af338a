/**
 * What the settlements do to a held person (services/person-state.ts), and the counter's other pure
 * rules: the HIS seal, plausible quantities, the offline limits said in keys.
 */
import { describe, expect, it } from 'vitest';
import type { Person, Split } from '../../../src/shared/domain.js';
import { applyDelta, createPersonState, deltaOf } from '../../../src/main/services/person-state.js';
import { hisSealHolds, sealHisBill } from '../../../src/main/services/his-fingerprint.js';
import { requireConfirmedUnusual, unusualOf } from '../../../src/main/services/settlement/bill-lines.js';
import { checkOfflineConfirm } from '../../../src/main/services/settlement/offline-rule.js';
import type { SettlementChange } from '../../../src/main/services/settlement/changes.js';
import type { SettlementRecord } from '../../../src/main/store/index.js';
import { AppError } from '../../../src/main/errors.js';

const zero: Split = {
  medfee_sumamt: 0, fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 0, act_pay_dedc: 0, hifp_pay: 0, pool_prop_selfpay: 0,
  cvlserv_pay: 0, hifmi_pay: 0, hifob_pay: 0, fund_pay_sumamt: 0, psn_part_amt: 0, acct_pay: 0, acct_mulaid_pay: 0, psn_cash_pay: 0,
};
const split = (s: Partial<Split>): Split => ({ ...zero, ...s });

function person(psn_no: string, over: Partial<Person> = {}): Person {
  return {
    psn_no, psn_name: '张伟', gend: '1', brdy: '1978-03-15', age: 48, certno: '530602197803150119', insutype: '310', psn_type: '11', psn_insu_stas: '1',
    insuplc_admdvs: '530600', cvlserv_flag: false, balc: 10_000, hasAccount: true, ytd: { year: 2026, dedc_used: 5000, hifp_paid: 0, hifmi_paid: 0 }, filing: null,
    mulaid: [], ...over,
  };
}
const child = person('C', { hasAccount: false, balc: 0, insutype: '390', mulaid: [{ psn_no: 'A', psn_name: '陈建国', relation: 'child', insutype: '310', balc: 5000, bind_begn_date: '2024-01-01', bind_end_date: '2099-12-31' }] });
const rec = (id: string, over: Partial<SettlementRecord> = {}) =>
  ({ id, psn_no: 'C', mulaid_psn_no: 'A', business_date: '2026-12-02', status: 'queued', local_split: split({ acct_mulaid_pay: 1000, act_pay_dedc: 300, hifp_pay: 200 }), center_split: null, ...over }) as SettlementRecord;
const confirmed = (r: SettlementRecord): SettlementChange => ({ kind: 'confirmed', settlementId: r.id, record: () => r, items: [], offline: false, cash: null, accounts: { acct_balc: null, mulaid: null } });
const answered = (r: SettlementRecord, center: Split): SettlementChange => ({ kind: 'answered', settlementId: r.id, record: () => ({ ...r, center_split: center }), infno: '2102', effect: { status: 'settled', center_split: center } });

describe('a settlement’s effect on the people on screen', () => {
  it('takes from the own account, the co-pay account (also as the authorizer’s own), and adds to the year', () => {
    const d = deltaOf(rec('s1'), split({ acct_pay: 0, acct_mulaid_pay: 1000, act_pay_dedc: 300, hifp_pay: 200 }));
    expect(applyDelta(child, d, 1)).toMatchObject({ ytd: { dedc_used: 5300, hifp_paid: 200 }, mulaid: [{ balc: 4000 }] });
    expect(applyDelta(person('A', { balc: 5000 }), d, 1).balc).toBe(4000);
    expect(applyDelta(applyDelta(child, d, 1), d, -1)).toEqual(child);
    // another year's counters are not touched; nothing goes below zero
    expect(applyDelta({ ...child, ytd: { ...child.ytd, year: 2025 } }, d, 1).ytd.dedc_used).toBe(5000);
    expect(applyDelta(person('A', { balc: 10 }), d, 1).balc).toBe(0);
  });

  it('pending until the center answers, then the center’s amounts; a refusal drops it', () => {
    const state = createPersonState();
    const held = [{ base: child }];
    const r1 = rec('s1');
    state.changed(confirmed(r1), held);
    expect(state.effective(held[0].base).mulaid[0].balc).toBe(4000);
    // the center settled it for less: the picture takes the center's figure
    state.changed(answered(r1, split({ acct_mulaid_pay: 900, act_pay_dedc: 300, hifp_pay: 200 })), held);
    expect(state.pendingCount()).toBe(0);
    expect(held[0].base.mulaid[0].balc).toBe(4100);
    expect(state.effective(held[0].base).mulaid[0].balc).toBe(4100);
    const r2 = rec('s2');
    state.changed(confirmed(r2), held);
    state.changed({ kind: 'refused', settlementId: 's2', record: () => r2, infno: '2102', reason: 'x' }, held);
    expect(state.effective(held[0].base).mulaid[0].balc).toBe(4100);
  });

  it('the own balance the center reports after a settlement is taken as it is', () => {
    const state = createPersonState();
    const held = [{ base: person('C') }];
    const r = rec('s1', { mulaid_psn_no: null, local_split: split({ acct_pay: 500 }) });
    state.changed(confirmed(r), held);
    state.changed(answered(r, split({ acct_pay: 500 })), held, 9_400);
    expect(state.effective(held[0].base).balc).toBe(9_400);
  });

  it('a queued reversal gives back; settlements the center has not answered are pending again after a restart', () => {
    const state = createPersonState();
    state.seed([rec('q1'), rec('r1', { status: 'reversing', center_split: split({ acct_mulaid_pay: 700 }) }), rec('x', { status: 'reversing' })]);
    // q1 takes 1000, r1's reversal gives 700 back, x (not settled yet, being reversed) nets nothing
    expect(state.effective(child).mulaid[0].balc).toBe(5000 - 1000 + 700);
    expect(state.pendingCount()).toBe(2);
  });
});

describe('the HIS seal', () => {
  const bill = {
    format: 'yb-pos-his-bill/1' as const, his_bill_no: 'MZ1', med_type: '11' as const, dept_name: '', doctor_name: '', diagnosis: [],
    lines: [{ med_list_codg: 'X1', medins_list_codg: '', name: '诊查费', pric: '10.00', cnt: 2 }, { med_list_codg: 'X2', medins_list_codg: '', name: '', pric: 3.5, cnt: '1.50' }],
  };
  const lines = [{ code: 'X1', qty: '2', pric: 1000, name: '诊查费' }, { code: 'X2', qty: '1.5', pric: 350 }];
  it('holds for exactly the bill’s lines, not for a changed count, price, line or bill', () => {
    const seal = sealHisBill(bill);
    expect(hisSealHolds(seal, 'MZ1', '11', lines)).toBe(true);
    expect(hisSealHolds(seal, 'MZ1', '11', [{ ...lines[0], qty: '1' }, lines[1]])).toBe(false);
    expect(hisSealHolds(seal, 'MZ1', '11', [{ ...lines[0], pric: 999 }, lines[1]])).toBe(false);
    expect(hisSealHolds(seal, 'MZ1', '11', [lines[0]])).toBe(false);
    expect(hisSealHolds(seal, 'MZ2', '11', lines)).toBe(false);
    expect(hisSealHolds(seal, 'MZ1', '14', lines)).toBe(false);
    expect(hisSealHolds(null, 'MZ1', '11', lines)).toBe(false);
    expect(hisSealHolds('forged', 'MZ1', '11', lines)).toBe(false);
  });
});

describe('plausible quantities and the offline limits, in keys', () => {
  const limits = { plausibleQty: 100, plausibleBillFen: 300_000 };
  it('asks once more above the limits and names the lines', () => {
    expect(unusualOf([{ qty: '2' }, { qty: '9999' }], 1000, limits)).toEqual({ lines: [2], total: false });
    expect(unusualOf([{ qty: '100' }], 300_001, limits)).toEqual({ lines: [], total: true });
    expect(() => requireConfirmedUnusual({ lines: [{ code: 'x', qty: '9999' }], confirmedUnusual: false }, 1, limits)).toThrow(AppError);
    expect(() => requireConfirmedUnusual({ lines: [{ code: 'x', qty: '9999' }], confirmedUnusual: true }, 1, limits)).not.toThrow();
  });
  it('an offline refusal names its limit by key, with the amounts the cashier reads', () => {
    const facts = { stale: false, fetchedAt: null, nowMs: 0, usedTodayFen: 0 };
    const l = { allowConfirm: true, maxPerSettlementFen: 10_000, maxPerDayFen: 50_000, maxPersonAgeHours: 72 };
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as AppError;
      }
      throw new Error('not refused');
    };
    expect(refused(() => checkOfflineConfirm({ ...l, allowConfirm: false }, facts, split({ medfee_sumamt: 100 })))).toMatchObject({ key: 'offline.off' });
    expect(refused(() => checkOfflineConfirm(l, facts, split({ medfee_sumamt: 25_000 })))).toMatchObject({ key: 'offline.perSettlement', params: { amount: '250.00', max: '100.00' } });
    expect(refused(() => checkOfflineConfirm(l, { ...facts, usedTodayFen: 45_000 }, split({ medfee_sumamt: 8000 })))).toMatchObject({ key: 'offline.perDay', params: { total: '530.00', max: '500.00' } });
    expect(refused(() => checkOfflineConfirm(l, { ...facts, stale: true, fetchedAt: new Date(0).toISOString(), nowMs: 100 * 3_600_000 }, split({ medfee_sumamt: 100 })))).toMatchObject({ key: 'offline.personTooOld', params: { max: 72 } });
  });
});
