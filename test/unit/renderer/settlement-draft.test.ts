import { describe, expect, it } from 'vitest';
import type { ApiError, PreviewOutput } from '../../../src/shared/api.js';
import type { AuthorizerView, PersonView, SettlementView } from '../../../src/shared/domain.js';
import { linesFromHis } from '../../../src/renderer/lib/draft.js';
import {
  copayQuestionOpen,
  draftOf,
  initialDraft,
  settlementDraft,
  type DraftAction,
  type SettlementDraftState,
} from '../../../src/renderer/lib/settlement-draft.js';
import { amox } from './fixtures.js';

const parent: AuthorizerView = {
  psn_no: 'A1',
  name_masked: '陈*国',
  relation: 'child',
  insutype: '310',
  balc: 50_000,
  bind_end_date: '2030-12-31',
  usable: true,
  reason: null,
};

function person(over: Partial<PersonView> = {}): PersonView {
  return {
    personRef: 'p1',
    psn_no: 'P1',
    name: '张伟',
    certno_masked: '530602********0011',
    gend: '1',
    age: 40,
    insutype: '310',
    insuplc_admdvs: '530600',
    crossRegion: false,
    filingValid: true,
    hasAccount: true,
    balc: 100_000,
    year: null,
    authorizers: [],
    stale: false,
    identifiedBy: 'card',
    mdtrt_cert_type: '03',
    ...over,
  };
}

const preview = (medfee: number) => ({ split: { medfee_sumamt: medfee } }) as unknown as PreviewOutput;
const view = (id: string, status: SettlementView['status']) => ({ id, status }) as unknown as SettlementView;
const unreachable: ApiError = { code: 'CENTER_UNREACHABLE', message: 'down', field: null } as ApiError;

const run = (s: SettlementDraftState, ...actions: DraftAction[]) => actions.reduce(settlementDraft, s);
const open = () => initialDraft('pharmacy');
/** a patient with one line of amoxicillin, ready to preview */
const billed = () => run(open(), { type: 'identifyStarted', token: 1, display: '' }, { type: 'identified', token: 1, person: person() }, { type: 'itemAdded', item: amox, key: 'l1' });
const settled = () => run(billed(), { type: 'confirmStarted', fingerprint: 'f', newId: 'r1' }, { type: 'confirmed', view: view('r1', 'queued') });

describe('identify', () => {
  it('takes the answer of the lookup awaited, with the own account on and no co-pay chosen', () => {
    const s = run(open(), { type: 'useAcctSet', useAcct: false }, { type: 'identifyStarted', token: 7, display: '张*' });
    expect(s.identifying).toEqual({ token: 7, display: '张*' });
    const done = settlementDraft(s, { type: 'identified', token: 7, person: person({ hasAccount: true }) });
    expect(done).toMatchObject({ identifying: null, useAcct: true, mulaidPsnNo: null });
    expect(done.person?.name).toBe('张伟');
  });

  it('drops an answer overtaken by a newer lookup or by F2', () => {
    const twice = run(open(), { type: 'identifyStarted', token: 1, display: 'a' }, { type: 'identifyStarted', token: 2, display: 'b' });
    expect(settlementDraft(twice, { type: 'identified', token: 1, person: person() })).toBe(twice);
    expect(settlementDraft(twice, { type: 'identifyFailed', token: 1 })).toBe(twice);
    const reset = run(twice, { type: 'newPatient' });
    expect(settlementDraft(reset, { type: 'identified', token: 2, person: person() }).person).toBeNull();
  });

  it('a failed lookup only ends the waiting', () => {
    const s = run(billed(), { type: 'identifyStarted', token: 9, display: '' }, { type: 'identifyFailed', token: 9 });
    expect(s.identifying).toBeNull();
    expect(s.person?.personRef).toBe('p1');
    expect(s.lines).toHaveLength(1);
  });
});

describe('the bill', () => {
  it('the terminal default kind applies until the cashier switches', () => {
    expect(run(open(), { type: 'defaultKind', kind: 'outpatient' }).kind).toBe('outpatient');
    const chosen = run(open(), { type: 'kindSwitched', kind: 'outpatient' }, { type: 'kindSwitched', kind: 'pharmacy' }, { type: 'defaultKind', kind: 'outpatient' });
    expect(chosen.kind).toBe('pharmacy');
  });

  it('switching the kind empties the bill: pharmacy and HIS lines do not mix', () => {
    const his = linesFromHis(
      { format: 'yb-pos-his-bill/1', his_bill_no: 'MZ1', med_type: '11', lines: [{ med_list_codg: 'X1', pric: '10.00', cnt: 1 }] } as never,
      (i) => `h${i}`,
    );
    const s = run(billed(), { type: 'kindSwitched', kind: 'outpatient' }, { type: 'hisLoaded', lines: his.lines, his: his.his, medType: his.med_type, fingerprint: his.fingerprint });
    expect(s.lines.map((l) => l.key)).toEqual(['h0']);
    expect(s.his?.his_bill_no).toBe('MZ1');
    const back = settlementDraft(s, { type: 'kindSwitched', kind: 'pharmacy' });
    expect(back).toMatchObject({ kind: 'pharmacy', lines: [], his: null, hisMedType: null });
    expect(settlementDraft(back, { type: 'kindSwitched', kind: 'pharmacy' })).toBe(back);
  });

  it('catalog details fill a line by key', () => {
    const s = run(billed(), { type: 'lineLookedUp', key: 'l1', item: { ...amox, spec: '0.5g', unit: '瓶' } });
    expect(s.lines[0]).toMatchObject({ spec: '0.5g', unit: '瓶', name: '阿莫西林胶囊' });
  });

  it('builds the contract draft; the own account only when the person has one', () => {
    expect(draftOf(open())).toEqual({ ok: false, reason: 'needPerson' });
    const built = draftOf(run(billed(), { type: 'identifyStarted', token: 2, display: '' }, { type: 'identified', token: 2, person: person({ hasAccount: false }) }, { type: 'useAcctSet', useAcct: true }));
    expect(built.ok && built.draft.useAcct).toBe(false);
    expect(draftOf(run(billed(), { type: 'qtySet', key: 'l1', qty: '0' }))).toEqual({ ok: false, reason: 'fixLines' });
  });

  it('number keys answer the co-pay question only while the bill is open and someone can be asked', () => {
    const withFamily = run(open(), { type: 'identifyStarted', token: 1, display: '' }, { type: 'identified', token: 1, person: person({ authorizers: [parent] }) });
    expect(copayQuestionOpen(open())).toBe(false);
    expect(copayQuestionOpen(billed())).toBe(false);
    expect(copayQuestionOpen(withFamily)).toBe(true);
    expect(run(withFamily, { type: 'mulaidChosen', psnNo: 'A1' }).mulaidPsnNo).toBe('A1');
  });
});

describe('preview', () => {
  it('keeps the last split on screen while the next is computed, and drops late answers', () => {
    let s = run(billed(), { type: 'previewStarted', token: 1 }, { type: 'previewAnswered', token: 1, output: preview(1250) });
    expect(s.preview).toEqual({ output: preview(1250), error: null, pending: null });
    s = run(s, { type: 'previewStarted', token: 2 });
    expect(s.preview.output).toEqual(preview(1250));
    expect(s.preview.pending).toBe(2);
    s = run(s, { type: 'previewStarted', token: 3 });
    expect(settlementDraft(s, { type: 'previewAnswered', token: 2, output: preview(1) })).toBe(s);
    s = run(s, { type: 'previewFailed', token: 3, error: unreachable });
    expect(s.preview).toEqual({ output: null, error: unreachable, pending: null });
  });

  it('is cleared when the draft is incomplete and by F2; an answer after that is dropped', () => {
    const s = run(billed(), { type: 'previewStarted', token: 1 }, { type: 'previewCleared' });
    expect(settlementDraft(s, { type: 'previewAnswered', token: 1, output: preview(1) }).preview.output).toBeNull();
    expect(settlementDraft(s, { type: 'previewCleared' })).toBe(s);
    const reset = run(billed(), { type: 'previewStarted', token: 4 }, { type: 'newPatient' });
    expect(reset.preview.pending).toBeNull();
  });
});

describe('confirm and result', () => {
  it('confirm → result; a second confirm while one is in flight is ignored', () => {
    const s = run(billed(), { type: 'confirmStarted', fingerprint: 'f', newId: 'r1' });
    expect(s.phase).toBe('confirming');
    expect(settlementDraft(s, { type: 'confirmStarted', fingerprint: 'f', newId: 'r2' })).toBe(s);
    const done = run(s, { type: 'confirmed', view: view('r1', 'queued') });
    expect(done.phase).toBe('result');
    expect(done.result?.id).toBe('r1');
  });

  it('a failed confirm reopens the bill; confirming the same draft again reuses its requestId', () => {
    const failed = run(billed(), { type: 'confirmStarted', fingerprint: 'f', newId: 'r1' }, { type: 'confirmFailed' });
    expect(failed.phase).toBe('open');
    expect(run(failed, { type: 'confirmStarted', fingerprint: 'f', newId: 'r2' }).request).toEqual({ fingerprint: 'f', id: 'r1' });
    expect(run(failed, { type: 'confirmStarted', fingerprint: 'g', newId: 'r2' }).request).toEqual({ fingerprint: 'g', id: 'r2' });
    expect(settlementDraft(failed, { type: 'confirmed', view: view('r1', 'settled') })).toBe(failed);
  });

  it('a settled bill is read-only and follows its own settlement.updated only', () => {
    const s = settled();
    for (const a of [
      { type: 'itemAdded', item: amox, key: 'l2' },
      { type: 'qtySet', key: 'l1', qty: '5' },
      { type: 'lineRemoved', key: 'l1' },
      { type: 'mulaidChosen', psnNo: 'A1' },
      { type: 'useAcctSet', useAcct: false },
      { type: 'kindSwitched', kind: 'outpatient' },
    ] as DraftAction[]) {
      expect(settlementDraft(s, a), a.type).toBe(s);
    }
    expect(settlementDraft(s, { type: 'settlementUpdated', view: view('other', 'settled') })).toBe(s);
    expect(settlementDraft(s, { type: 'settlementUpdated', view: view('r1', 'settled') }).result?.status).toBe('settled');
  });

  it('F2 starts a new patient with the same kind; a confirm still in flight shows its result when it answers', () => {
    // a new bill: everything as at the start but the screen's generation (the fields are rendered anew)
    expect(run(settled(), { type: 'newPatient' })).toEqual({ ...initialDraft('pharmacy'), generation: expect.any(Number) });
    expect(run(settled(), { type: 'newPatient' }).generation).toBeGreaterThan(settled().generation);
    const inFlight = run(billed(), { type: 'confirmStarted', fingerprint: 'f', newId: 'r1' }, { type: 'newPatient' });
    expect(inFlight).toMatchObject({ phase: 'confirming', person: null, lines: [], request: null });
    expect(run(inFlight, { type: 'confirmed', view: view('r1', 'queued') }).phase).toBe('result');
    const kept = run(open(), { type: 'kindSwitched', kind: 'outpatient' }, { type: 'newPatient' });
    expect(kept).toMatchObject({ kind: 'outpatient', kindChosen: true });
  });
});
