/** The amount received as typed (lib/tender.ts) and the draft's cash state: per bill, kept with the confirm. */
import { describe, expect, it } from 'vitest';
import { cleanTenderText, NO_TENDER, quickTender, tendered } from '../../../src/renderer/lib/tender.js';
import { initialDraft, settlementDraft, type DraftAction, type SettlementDraftState } from '../../../src/renderer/lib/settlement-draft.js';
import type { SettlementView } from '../../../src/shared/domain.js';

describe('the amount received', () => {
  it('is the exact amount when nothing is typed, else the typed yuan with its change', () => {
    expect(tendered(NO_TENDER, 1250)).toEqual({ received: 1250, change: 0, short: 0, problem: null, how: 'exact' });
    expect(tendered({ text: '20', how: 'typed' }, 1250)).toMatchObject({ received: 2000, change: 750, problem: null });
    expect(tendered({ text: '12.5', how: 'typed' }, 1250)).toMatchObject({ received: 1250, change: 0 });
    expect(tendered({ text: '10', how: 'typed' }, 1250)).toMatchObject({ problem: 'short', short: 250 });
    expect(tendered({ text: '1.234', how: 'typed' }, 1250).problem).toBe('format');
    expect(tendered({ text: '2000', how: 'typed' }, 1250).problem).toBe('tooMuch');
  });

  it('quick keys are notes or the exact amount; typing keeps digits and one point with two places', () => {
    expect(quickTender(100, 1250)).toEqual({ text: '100', how: 'note' });
    expect(quickTender('exact', 1250)).toEqual({ text: '12.50', how: 'exact' });
    expect(cleanTenderText('1a2.3.45')).toBe('12.34');
    expect(cleanTenderText('100元')).toBe('100');
  });
});

const view = { id: 'S1', status: 'queued' } as SettlementView;
const run = (s: SettlementDraftState, ...actions: DraftAction[]) => actions.reduce(settlementDraft, s);

describe('the draft’s cash state', () => {
  it('is typed while the bill is open, kept with the confirm, and starts empty with the next patient', () => {
    let s = run(initialDraft('pharmacy'), { type: 'tenderSet', tender: { text: '100', how: 'note' } });
    expect(s.tender.text).toBe('100');
    s = run(s, { type: 'confirmStarted', fingerprint: 'f', newId: 'r1', paid: { received: 10_000, change: 8750 } });
    // settling: the amount can no longer change
    expect(run(s, { type: 'tenderSet', tender: { text: '50', how: 'note' } }).tender.text).toBe('100');
    s = run(s, { type: 'confirmed', view });
    expect(s.paid).toEqual({ received: 10_000, change: 8750 });
    s = run(s, { type: 'newPatient' });
    expect([s.tender, s.paid]).toEqual([NO_TENDER, null]);
  });

  it('a failed confirm forgets the cash taken; F2 while settling keeps it for the result', () => {
    const settling = run(initialDraft('pharmacy'), { type: 'confirmStarted', fingerprint: 'f', newId: 'r1', paid: { received: 500, change: 0 } });
    expect(run(settling, { type: 'confirmFailed' }).paid).toBeNull();
    const after = run(settling, { type: 'newPatient' }, { type: 'confirmed', view });
    expect(after.paid).toEqual({ received: 500, change: 0 });
  });
});
