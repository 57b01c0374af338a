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
 *
 * The right patient: a different person identified while a bill with lines is open never takes the
 * bill over. The screen asks (`incoming`): park the bill (kept among `parked`, resumed later) or
 * discard it and start the new patient's bill, or ignore the new identification. A failed
 * identification clears the patient, or, when the bill has lines, keeps it and says so (`notice`).
 */
import type { ApiError, PreviewOutput } from '../../shared/api.js';
import type { BillKind, CatalogItem, MedType, PersonView, SettlementView } from '../../shared/domain.js';
import { addCatalogItem, buildDraft, removeLine, setLineQty, withCatalogDetails, type BuiltDraft, type DraftLine, type HisInfo } from './draft.js';
import { NO_TENDER, type TenderState } from './tender.js';

export type DraftPhase = 'open' | 'confirming' | 'result';

export interface PreviewState {
  output: PreviewOutput | null;
  error: ApiError | null;
  /** token of the preview being computed; the last answer stays shown meanwhile */
  pending: number | null;
}

/** The bill proper: what is parked and resumed. */
export interface BillContent {
  person: PersonView | null;
  kind: BillKind;
  lines: readonly DraftLine[];
  his: HisInfo | null;
  hisMedType: MedType | null;
  hisFingerprint: string | null;
  useAcct: boolean;
  mulaidPsnNo: string | null;
}

export interface ParkedBill extends BillContent {
  id: number;
}

/** At most this many bills wait parked (the next one must be resumed or dropped first). */
export const MAX_PARKED = 5;

export type DraftNotice = { kind: 'identifyFailedKept'; name: string } | { kind: 'resumed'; name: string } | null;

export interface SettlementDraftState extends BillContent {
  phase: DraftPhase;
  /** a credential being looked up: its token and masked display ('' for a typed ID number) */
  identifying: { token: number; display: string } | null;
  /** the cashier switched the kind: the terminal's default no longer applies */
  kindChosen: boolean;
  preview: PreviewState;
  result: SettlementView | null;
  /** the last confirm's requestId and the draft it was for: the same draft confirmed again reuses it */
  request: { fingerprint: string; id: string } | null;
  /** bumps whenever the screen starts over: the fields (ID number, item search) start empty */
  generation: number;
  /** another patient identified while this bill is open: the cashier chooses */
  incoming: PersonView | null;
  parked: readonly ParkedBill[];
  notice: DraftNotice;
  /** F9 on an unusual quantity or total: the cashier confirms once more */
  unusualAsk: { lines: number[]; total: boolean } | null;
  /** the amount received as typed for the cash part (lib/tender.ts); starts empty with every bill */
  tender: TenderState;
  /** the cash taken with the confirm (the cashier's figures), shown in the result */
  paid: { received: number; change: number } | null;
}

export type IncomingChoice = 'park' | 'discard' | 'ignore';

export type DraftAction =
  | { type: 'newPatient' }
  | { type: 'defaultKind'; kind: BillKind }
  | { type: 'identifyStarted'; token: number; display: string }
  | { type: 'identified'; token: number; person: PersonView }
  | { type: 'identifyFailed'; token: number }
  | { type: 'incomingChosen'; choice: IncomingChoice; parkId: number }
  | { type: 'parkedResumed'; id: number; parkId: number }
  | { type: 'parkedDropped'; id: number }
  | { type: 'personUpdated'; person: PersonView }
  | { type: 'kindSwitched'; kind: BillKind }
  | { type: 'itemAdded'; item: CatalogItem; key: string }
  | { type: 'qtySet'; key: string; qty: string }
  | { type: 'lineRemoved'; key: string }
  | { type: 'hisLoaded'; lines: DraftLine[]; his: HisInfo; medType: MedType; fingerprint: string | null }
  | { type: 'lineLookedUp'; key: string; item: CatalogItem }
  | { type: 'mulaidChosen'; psnNo: string | null }
  | { type: 'useAcctSet'; useAcct: boolean }
  | { type: 'previewCleared' }
  | { type: 'previewStarted'; token: number }
  | { type: 'previewAnswered'; token: number; output: PreviewOutput }
  | { type: 'previewFailed'; token: number; error: ApiError }
  | { type: 'unusualAsked'; lines: number[]; total: boolean }
  | { type: 'unusualAnswered' }
  /** `newId` is used unless this draft was confirmed before (a retry must reuse its requestId) */
  | { type: 'confirmStarted'; fingerprint: string; newId: string; paid?: { received: number; change: number } | null }
  | { type: 'tenderSet'; tender: TenderState }
  | { type: 'confirmed'; view: SettlementView }
  | { type: 'confirmFailed' }
  | { type: 'settlementUpdated'; view: SettlementView };

const NO_PREVIEW: PreviewState = { output: null, error: null, pending: null };

const emptyBill = (kind: BillKind, person: PersonView | null = null): BillContent => ({
  person,
  kind,
  lines: [],
  his: null,
  hisMedType: null,
  hisFingerprint: null,
  useAcct: person?.hasAccount ?? true,
  mulaidPsnNo: null,
});

/** A new bill (for `bill`'s content) on the same screen: the parked bills stay, the fields start empty. */
function startBill(s: SettlementDraftState, bill: BillContent, notice: DraftNotice = null): SettlementDraftState {
  return {
    ...s,
    ...bill,
    phase: 'open',
    identifying: null,
    preview: NO_PREVIEW,
    result: null,
    request: null,
    generation: s.generation + 1,
    incoming: null,
    notice,
    unusualAsk: null,
    tender: NO_TENDER,
    paid: null,
  };
}

export function initialDraft(kind: BillKind): SettlementDraftState {
  return {
    ...emptyBill(kind),
    phase: 'open',
    identifying: null,
    kindChosen: false,
    preview: NO_PREVIEW,
    result: null,
    request: null,
    generation: 0,
    incoming: null,
    parked: [],
    notice: null,
    unusualAsk: null,
    tender: NO_TENDER,
    paid: null,
  };
}

const contentOf = (s: SettlementDraftState): BillContent => ({
  person: s.person,
  kind: s.kind,
  lines: s.lines,
  his: s.his,
  hisMedType: s.hisMedType,
  hisFingerprint: s.hisFingerprint,
  useAcct: s.useAcct,
  mulaidPsnNo: s.mulaidPsnNo,
});

/** Whether the bill holds anything that would be lost by starting another. */
export const billHasContent = (s: BillContent): boolean => s.lines.length > 0;

/** Editing the bill and the co-pay choice: not once it is settled. */
function edit(s: SettlementDraftState, change: Partial<SettlementDraftState>): SettlementDraftState {
  return s.phase === 'result' ? s : { ...s, ...change, unusualAsk: null };
}

function previewAnswer(s: SettlementDraftState, token: number, preview: Omit<PreviewState, 'pending'>): SettlementDraftState {
  return s.preview.pending === token ? { ...s, preview: { ...preview, pending: null } } : s;
}

/** The same person identified again (fresh data): the co-pay choice stays while it can still pay. */
function refreshed(s: SettlementDraftState, person: PersonView): SettlementDraftState {
  const stillUsable = person.authorizers.some((a) => a.psn_no === s.mulaidPsnNo && a.usable);
  return { ...s, identifying: null, person, mulaidPsnNo: stillUsable ? s.mulaidPsnNo : null, useAcct: s.useAcct && person.hasAccount, notice: null };
}

function identified(s: SettlementDraftState, a: Extract<DraftAction, { type: 'identified' }>): SettlementDraftState {
  if (s.identifying?.token !== a.token) return s;
  const current = s.person;
  if (current && current.psn_no === a.person.psn_no) return refreshed(s, a.person);
  // another patient while this one's bill is open: ask, never re-price silently
  if (current && billHasContent(s) && s.phase === 'open') return { ...s, identifying: null, incoming: a.person };
  return { ...s, identifying: null, person: a.person, useAcct: a.person.hasAccount, mulaidPsnNo: null, notice: null, incoming: null };
}

function park(s: SettlementDraftState, id: number): readonly ParkedBill[] | null {
  if (!billHasContent(s)) return s.parked;
  if (s.parked.length >= MAX_PARKED) return null;
  return [...s.parked, { ...contentOf(s), id }];
}

export function settlementDraft(s: SettlementDraftState, a: DraftAction): SettlementDraftState {
  switch (a.type) {
    case 'newPatient': {
      // a confirm in flight still shows its result when it answers: the money has moved
      const next = startBill(s, emptyBill(s.kind));
      return { ...next, phase: s.phase === 'confirming' ? 'confirming' : 'open', paid: s.phase === 'confirming' ? s.paid : null };
    }
    case 'defaultKind':
      return s.kindChosen || s.kind === a.kind ? s : { ...s, kind: a.kind };
    case 'identifyStarted':
      return { ...s, identifying: { token: a.token, display: a.display } };
    case 'identified':
      return identified(s, a);
    case 'identifyFailed':
      if (s.identifying?.token !== a.token) return s;
      // the previous patient's bill stays, and the screen says whose it is; without a bill, nobody is shown
      if (s.person && billHasContent(s)) return { ...s, identifying: null, notice: { kind: 'identifyFailedKept', name: s.person.name } };
      return { ...s, identifying: null, person: null, mulaidPsnNo: null, useAcct: true, notice: null };
    case 'incomingChosen': {
      const person = s.incoming;
      if (!person) return s;
      if (a.choice === 'ignore') return { ...s, incoming: null };
      const parked = a.choice === 'park' ? park(s, a.parkId) : s.parked;
      if (!parked) return s;
      return { ...startBill(s, emptyBill(s.kind, person)), parked };
    }
    case 'parkedResumed': {
      const bill = s.parked.find((p) => p.id === a.id);
      if (!bill || s.phase === 'confirming') return s;
      const rest = s.parked.filter((p) => p.id !== a.id);
      // the bill on screen is parked in its place (nothing is lost by resuming another)
      const current = s.phase === 'open' && billHasContent(s) ? [...rest, { ...contentOf(s), id: a.parkId }] : rest;
      const { id: _id, ...content } = bill;
      return { ...startBill(s, content, { kind: 'resumed', name: bill.person?.name ?? '' }), parked: current };
    }
    case 'parkedDropped':
      return { ...s, parked: s.parked.filter((p) => p.id !== a.id) };
    case 'personUpdated': {
      // the balances and the year's counters after a settlement: wherever that person is on screen
      const same = (p: PersonView | null) => (p && p.personRef === a.person.personRef ? a.person : p);
      return {
        ...s,
        person: same(s.person),
        incoming: same(s.incoming),
        parked: s.parked.some((p) => p.person?.personRef === a.person.personRef) ? s.parked.map((p) => ({ ...p, person: same(p.person) })) : s.parked,
      };
    }
    case 'kindSwitched':
      // pharmacy lines and HIS lines do not mix
      if (s.phase === 'result' || s.kind === a.kind) return s;
      return { ...s, kind: a.kind, kindChosen: true, lines: [], his: null, hisMedType: null, hisFingerprint: null, unusualAsk: null };
    case 'itemAdded':
      return edit(s, { lines: addCatalogItem(s.lines, a.item, a.key) });
    case 'qtySet':
      // HIS lines are the hospital's prescription: their quantity is not edited here
      if (s.lines.some((l) => l.key === a.key && l.priceOverride)) return s;
      return edit(s, { lines: setLineQty(s.lines, a.key, a.qty) });
    case 'lineRemoved':
      // removing an HIS line needs a supervisor's approval (the HIS work wires it); not from here
      if (s.lines.some((l) => l.key === a.key && l.priceOverride)) return s;
      return edit(s, { lines: removeLine(s.lines, a.key) });
    case 'hisLoaded':
      return edit(s, { lines: a.lines, his: a.his, hisMedType: a.medType, hisFingerprint: a.fingerprint });
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
    case 'unusualAsked':
      return s.phase === 'open' ? { ...s, unusualAsk: { lines: a.lines, total: a.total } } : s;
    case 'unusualAnswered':
      return { ...s, unusualAsk: null };
    case 'confirmStarted': {
      if (s.phase !== 'open') return s;
      const request = s.request?.fingerprint === a.fingerprint ? s.request : { fingerprint: a.fingerprint, id: a.newId };
      return { ...s, phase: 'confirming', request, unusualAsk: null, paid: a.paid ?? null };
    }
    case 'tenderSet':
      return s.phase === 'open' ? { ...s, tender: a.tender } : s;
    case 'confirmed':
      return s.phase === 'confirming' ? { ...s, phase: 'result', result: a.view, notice: null } : s;
    case 'confirmFailed':
      return s.phase === 'confirming' ? { ...s, phase: 'open', paid: null } : s;
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
    hisFingerprint: s.hisFingerprint,
  });
}

/** Whether number keys answer the co-pay question now (not while a question of the screen's own is open). */
export function copayQuestionOpen(s: SettlementDraftState): boolean {
  return s.phase !== 'result' && s.incoming === null && s.unusualAsk === null && (s.person?.authorizers.length ?? 0) > 0;
}
