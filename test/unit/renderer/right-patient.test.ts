/**
 * The settlement draft's rules for the right patient, parked bills, HIS lines and the second
 * confirmation (settlement-draft.ts), as pure transitions.
 */
import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../../src/shared/domain.js';
import { addCatalogItem, linesFromHis } from '../../../src/renderer/lib/draft.js';
import { copayQuestionOpen, initialDraft, MAX_PARKED, settlementDraft, type DraftAction, type SettlementDraftState } from '../../../src/renderer/lib/settlement-draft.js';
import { unusualLines } from '../../../src/renderer/lib/unusual.js';
import { amox } from './fixtures.js';

function person(psn_no: string, name: string, over: Partial<PersonView> = {}): PersonView {
  return {
    personRef: `ref-${psn_no}`, psn_no, name, certno_masked: '530602********0011', gend: '1', age: 40, insutype: '310', insuplc_admdvs: '530600',
    crossRegion: false, filingValid: true, hasAccount: true, balc: 100_000, year: null,
    authorizers: [{ psn_no: 'A1', name_masked: '陈**', relation: 'child', insutype: '310', balc: 5000, bind_end_date: '2099-12-31', usable: true, reason: null }],
    stale: false, identifiedBy: 'card', mdtrt_cert_type: '03', ...over,
  };
}
const run = (s: SettlementDraftState, ...actions: DraftAction[]) => actions.reduce(settlementDraft, s);
const identify = (s: SettlementDraftState, p: PersonView, token: number) => run(s, { type: 'identifyStarted', token, display: '' }, { type: 'identified', token, person: p });
const childWithBill = () => run(identify(initialDraft('pharmacy'), person('C1', '陈思雨'), 1), { type: 'itemAdded', item: amox, key: 'l1' }, { type: 'mulaidChosen', psnNo: 'A1' });

describe('another patient while a bill is open', () => {
  it('never takes the bill over: the new person waits for the cashier’s answer', () => {
    const s = identify(childWithBill(), person('E1', '张伟'), 2);
    expect(s.person?.name).toBe('陈思雨');
    expect(s.incoming?.name).toBe('张伟');
    expect(s.mulaidPsnNo).toBe('A1');
    // the co-pay digits are not the answer to this question
    expect(copayQuestionOpen(s)).toBe(false);
  });

  it('ignore keeps the bill; discard starts the new patient empty; park keeps the bill aside', () => {
    const asked = identify(childWithBill(), person('E1', '张伟'), 2);
    expect(run(asked, { type: 'incomingChosen', choice: 'ignore', parkId: 9 })).toMatchObject({ incoming: null, person: { name: '陈思雨' }, lines: [{ code: amox.code }] });
    const discarded = run(asked, { type: 'incomingChosen', choice: 'discard', parkId: 9 });
    expect(discarded).toMatchObject({ incoming: null, person: { name: '张伟' }, lines: [], parked: [], mulaidPsnNo: null });
    expect(discarded.generation).toBeGreaterThan(asked.generation);
    const parked = run(asked, { type: 'incomingChosen', choice: 'park', parkId: 9 });
    expect(parked).toMatchObject({ person: { name: '张伟' }, lines: [] });
    expect(parked.parked).toEqual([expect.objectContaining({ id: 9, person: expect.objectContaining({ name: '陈思雨' }), mulaidPsnNo: 'A1' })]);
  });

  it('the same person again is a refresh, not another patient: the bill and a usable co-pay choice stay', () => {
    const s = identify(childWithBill(), person('C1', '陈思雨', { personRef: 'ref-again', balc: 90_000 }), 2);
    expect(s).toMatchObject({ incoming: null, person: { personRef: 'ref-again', balc: 90_000 }, mulaidPsnNo: 'A1' });
    expect(s.lines).toHaveLength(1);
  });

  it('a bill begun before anyone was identified is the first patient’s', () => {
    const s = identify(run(initialDraft('pharmacy'), { type: 'itemAdded', item: amox, key: 'l1' }), person('E1', '张伟'), 1);
    expect(s).toMatchObject({ incoming: null, person: { name: '张伟' } });
  });

  it('parking has room for a few bills; a full park refuses and keeps the question open', () => {
    let s = childWithBill();
    for (let i = 0; i < MAX_PARKED; i++) {
      s = run(identify(s, person(`P${i}`, `病人${i}`), 10 + i), { type: 'incomingChosen', choice: 'park', parkId: 100 + i }, { type: 'itemAdded', item: amox, key: `k${i}` });
    }
    expect(s.parked).toHaveLength(MAX_PARKED);
    const asked = identify(s, person('X', '再一位'), 99);
    expect(run(asked, { type: 'incomingChosen', choice: 'park', parkId: 200 })).toBe(asked);
  });

  it('resuming a parked bill parks the one on screen in its place', () => {
    const parked = run(identify(childWithBill(), person('E1', '张伟'), 2), { type: 'incomingChosen', choice: 'park', parkId: 9 }, { type: 'itemAdded', item: amox, key: 'l2' });
    const back = run(parked, { type: 'parkedResumed', id: 9, parkId: 10 });
    expect(back).toMatchObject({ person: { name: '陈思雨' }, mulaidPsnNo: 'A1', notice: { kind: 'resumed', name: '陈思雨' } });
    expect(back.parked.map((p) => [p.id, p.person?.name])).toEqual([[10, '张伟']]);
    expect(run(back, { type: 'parkedDropped', id: 10 }).parked).toEqual([]);
  });
});

describe('a failed identification', () => {
  it('with a bill: the previous patient stays and the screen says so', () => {
    const s = run(childWithBill(), { type: 'identifyStarted', token: 5, display: '' }, { type: 'identifyFailed', token: 5 });
    expect(s).toMatchObject({ person: { name: '陈思雨' }, notice: { kind: 'identifyFailedKept', name: '陈思雨' } });
  });
  it('without a bill: nobody is shown as if identified', () => {
    const s = run(identify(initialDraft('pharmacy'), person('E1', '张伟'), 1), { type: 'identifyStarted', token: 5, display: '' }, { type: 'identifyFailed', token: 5 });
    expect(s.person).toBeNull();
  });
});

describe('balances that follow a settlement, HIS lines, the second confirmation', () => {
  it('person.updated replaces the person wherever the same ref is on screen', () => {
    const parked = run(identify(childWithBill(), person('E1', '张伟'), 2), { type: 'incomingChosen', choice: 'park', parkId: 9 });
    const s = run(parked, { type: 'personUpdated', person: person('C1', '陈思雨', { balc: 1 }) }, { type: 'personUpdated', person: person('E1', '张伟', { balc: 2 }) });
    expect(s.person?.balc).toBe(2);
    expect(s.parked[0].person?.balc).toBe(1);
  });

  it('an HIS line’s quantity is not edited and the line is not removed here', () => {
    const his = linesFromHis({ format: 'yb-pos-his-bill/1', his_bill_no: 'MZ1', med_type: '11', lines: [{ med_list_codg: 'X1', pric: '10.00', cnt: 2 }], fingerprint: 'seal' } as never, (i) => `h${i}`);
    const s = run(initialDraft('outpatient'), { type: 'hisLoaded', lines: his.lines, his: his.his, medType: his.med_type, fingerprint: his.fingerprint });
    expect(s.hisFingerprint).toBe('seal');
    expect(run(s, { type: 'qtySet', key: 'h0', qty: '1' }).lines[0].qty).toBe('2');
    expect(run(s, { type: 'lineRemoved', key: 'h0' }).lines).toHaveLength(1);
  });

  it('an unusual quantity or total is asked about once more', () => {
    const lines = addCatalogItem([], amox, 'a').map((l) => ({ ...l, qty: '9999' }));
    expect(unusualLines(lines, 12_498_750, { plausibleQty: 100, plausibleBillFen: 300_000 })).toEqual({ lines: [1], total: true });
    expect(unusualLines([{ qty: '2' }], 2500, { plausibleQty: 100, plausibleBillFen: 300_000 })).toEqual({ lines: [], total: false });
    const asked = run(childWithBill(), { type: 'unusualAsked', lines: [1], total: false });
    expect(asked.unusualAsk).toEqual({ lines: [1], total: false });
    expect(copayQuestionOpen(asked)).toBe(false);
    // an edit of the bill withdraws the question
    expect(run(asked, { type: 'qtySet', key: 'l1', qty: '3' }).unusualAsk).toBeNull();
  });
});
