/**
 * The settlement being prepared at the window, as a pure state machine: the patient, the bill, the
 * co-pay choice, the preview of the split, the confirm and its result. The hook (use-settlement-draft.ts)
 * makes the calls and feeds their answers in as actions; what the screen shows next is decided here.
 *
 * Phases
 *   open        the bill is open: identify → build the bill → choose the co-pay → read the preview
 *               (the steps of one phase: a bill may be started before the patient is known)
 *   confirming  settle.confirm is in flight; another confirm is ignored
 *   result      settled: the bill is read-only and the result follows settlement.updated
 * `newPatient` (F2) is the one reset. Answers that arrive late carry the token of their request and are
 * dropped unless it is still the one awaited, so an old lookup or preview never overwrites a newer one.
 */
import type { ApiError, PreviewOutput } from '../../shared/api.js';
import type { BillKind, CatalogItem, MedType, PersonView, SettlementView } from '../../shared/domain.js';
import { addCatalogItem, buildDraft, removeLine, setLineQty, withCatalogDetails, type BuiltDraft, type DraftLine, type HisInfo } from './draft.js';

export type DraftPhase = 'open' | 'confirming' | 'result';

export interface PreviewState {
  output: PreviewOutput | null;
  error: ApiError | null;
  /** token of the preview being computed; the last answer stays shown meanwhile */
  pending: number | null;
}

export interface SettlementDraftState {
  phase: DraftPhase;
  person: PersonView | null;
  /** a credential being looked up: its token and masked display ('' for a typed ID number) */
  identifying: { token: number; display: string } | null;
  kind: BillKind;
  /** the cashier switched the kind: the terminal's default no longer applies */
  kindChosen: boolean;
  lines: readonly DraftLine[];
  his: HisInfo | null;
  hisMedType: MedType | null;
  useAcct: boolean;
  mulaidPsnNo: string | null;
  preview: PreviewState;
  result: SettlementView | null;
  /** the last confirm's requestId and the draft it was for: the same draft confirmed again reuses it */
  request: { fingerprint: string; id: string } | null;
}

export type DraftAction =
  | { type: 'newPatient' }
  | { type: 'defaultKind'; kind: BillKind }
  | { type: 'identifyStarted'; token: number; display: string }
  | { type: 'identified'; token: number; person: PersonView }
  | { type: 'identifyFailed'; token: number }
  | { type: 'kindSwitched'; kind: BillKind }
  | { type: 'itemAdded'; item: CatalogItem; key: string }
  | { type: 'qtySet'; key: string; qty: string }
  | { type: 'lineRemoved'; key: string }
  | { type: 'hisLoaded'; lines: DraftLine[]; his: HisInfo; medType: MedType }
  | { type: 'lineLookedUp'; key: string; item: CatalogItem }
  | { type: 'mulaidChosen'; psnNo: string | null }
  | { type: 'useAcctSet'; useAcct: boolean }
  | { type: 'previewCleared' }
  | { type: 'previewStarted'; token: number }
  | { type: 'previewAnswered'; token: number; output: PreviewOutput }
  | { type: 'previewFailed'; token: number; error: ApiError }
  /** `newId` is used unless this draft was confirmed before (a retry must reuse its requestId) */
  | { type: 'confirmStarted'; fingerprint: string; newId: string }
  | { type: 'confirmed'; view: SettlementView }
  | { type: 'confirmFailed' }
  | { type: 'settlementUpdated'; view: SettlementView };

const NO_PREVIEW: PreviewState = { output: null, error: null, pending: null };

/** What a new patient starts from; the bill kind stays as the cashier left it. */
function blank(kind: BillKind, kindChosen: boolean): SettlementDraftState {
  return {
    phase: 'open',
    person: null,
    identifying: null,
    kind,
    kindChosen,
    lines: [],
    his: null,
    hisMedType: null,
    useAcct: true,
    mulaidPsnNo: null,
    preview: NO_PREVIEW,
    result: null,
    request: null,
  };
}

export function initialDraft(kind: BillKind): SettlementDraftState {
  return blank(kind, false);
}

/** Editing the bill and the co-pay choice: not once it is settled. */
function edit(s: SettlementDraftState, change: Partial<SettlementDraftState>): SettlementDraftState {
  return s.phase === 'result' ? s : { ...s, ...change };
}

function previewAnswer(s: SettlementDraftState, token: number, preview: Omit<PreviewState, 'pending'>): SettlementDraftState {
  return s.preview.pending === token ? { ...s, preview: { ...preview, pending: null } } : s;
}

export function settlementDraft(s: SettlementDraftState, a: DraftAction): SettlementDraftState {
  switch (a.type) {
    case 'newPatient':
      // a confirm in flight still shows its result when it answers: the money has moved
      return { ...blank(s.kind, s.kindChosen), phase: s.phase === 'confirming' ? 'confirming' : 'open' };
    case 'defaultKind':
      return s.kindChosen || s.kind === a.kind ? s : { ...s, kind: a.kind };
    case 'identifyStarted':
      return { ...s, identifying: { token: a.token, display: a.display } };
    case 'identified':
      if (s.identifying?.token !== a.token) return s;
      return { ...s, identifying: null, person: a.person, useAcct: a.person.hasAccount, mulaidPsnNo: null };
    case 'identifyFailed':
      return s.identifying?.token === a.token ? { ...s, identifying: null } : s;
    case 'kindSwitched':
      // pharmacy lines and HIS lines do not mix
      if (s.phase === 'result' || s.kind === a.kind) return s;
      return { ...s, kind: a.kind, kindChosen: true, lines: [], his: null, hisMedType: null };
    case 'itemAdded':
      return edit(s, { lines: addCatalogItem(s.lines, a.item, a.key) });
    case 'qtySet':
      return edit(s, { lines: setLineQty(s.lines, a.key, a.qty) });
    case 'lineRemoved':
      return edit(s, { lines: removeLine(s.lines, a.key) });
    case 'hisLoaded':
      return edit(s, { lines: a.lines, his: a.his, hisMedType: a.medType });
    case 'lineLookedUp':
      // labels only (class badge, spec, unit): they may land after the confirm too
      return { ...s, lines: withCatalogDetails(s.lines, a.key, a.item) };
    case 'mulaidChosen':
      return edit(s, { mulaidPsnNo: a.psnNo });
    case 'useAcctSet':
      return edit(s, { useAcct: a.useAcct });
    case 'previewCleared':
      return s.preview === NO_PREVIEW ? s : { ...s, preview: NO_PREVIEW };
    case 'previewStarted':
      return { ...s, preview: { ...s.preview, pending: a.token } };
    case 'previewAnswered':
      return previewAnswer(s, a.token, { output: a.output, error: null });
    case 'previewFailed':
      return previewAnswer(s, a.token, { output: null, error: a.error });
    case 'confirmStarted': {
      if (s.phase !== 'open') return s;
      const request = s.request?.fingerprint === a.fingerprint ? s.request : { fingerprint: a.fingerprint, id: a.newId };
      return { ...s, phase: 'confirming', request };
    }
    case 'confirmed':
      return s.phase === 'confirming' ? { ...s, phase: 'result', result: a.view } : s;
    case 'confirmFailed':
      return s.phase === 'confirming' ? { ...s, phase: 'open' } : s;
    case 'settlementUpdated':
      return s.result && s.result.id === a.view.id ? { ...s, result: a.view } : s;
  }
}

/** The contract's draft from the state, or why there is none yet. */
export function draftOf(s: SettlementDraftState): BuiltDraft {
  return buildDraft({
    personRef: s.person?.personRef ?? null,
    kind: s.kind,
    hisMedType: s.hisMedType,
    lines: s.lines,
    useAcct: s.useAcct && (s.person?.hasAccount ?? false),
    mulaidPsnNo: s.mulaidPsnNo,
    his: s.his,
  });
}

/** Whether number keys answer the co-pay question now. */
export function copayQuestionOpen(s: SettlementDraftState): boolean {
  return s.phase !== 'result' && (s.person?.authorizers.length ?? 0) > 0;
}
