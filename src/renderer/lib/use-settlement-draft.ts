/**
 * The settlement draft at work: the reducer of settlement-draft.ts plus the calls it needs (identify,
 * the debounced preview, catalog lookups for HIS lines, confirm) and the events that feed it.
 * The state is also kept in a ref updated with every action, so an answer can ask synchronously
 * whether it is still the one awaited.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CallInput } from '../../shared/api.js';
import type { BillKind, CatalogItem } from '../../shared/domain.js';
import type { HisBill } from '../../shared/his-bill.js';
import { api, toApiError } from './api.js';
import { counterSettings } from './counter-settings.js';
import { billTotal, draftFingerprint, linesFromHis } from './draft.js';
import { useErrors } from './errors.js';
import { useBridgeEvent } from './hooks.js';
import type { DigitChoice } from './keymap.js';
import { draftOf, initialDraft, settlementDraft, type DraftAction, type IncomingChoice, type SettlementDraftState } from './settlement-draft.js';
import { freshest } from './settlement-freshness.js';
import { quickTender, tendered, type TenderState } from './tender.js';
import { unusualLines } from './unusual.js';
import { newRequestId } from './uuid.js';

/** a quantity being typed waits for the cashier to pause; an item scanned or a choice made is previewed at once */
const PREVIEW_DEBOUNCE_MS = 150;
const AT_ONCE: ReadonlySet<DraftAction['type']> = new Set(['itemAdded', 'lineRemoved', 'hisLoaded', 'mulaidChosen', 'useAcctSet', 'identified', 'personUpdated', 'incomingChosen', 'parkedResumed']);

export function useSettlementDraft({ defaultKind, active }: { defaultKind: BillKind | null; active: boolean }) {
  const errors = useErrors();
  const [state, setState] = useState(() => initialDraft(defaultKind ?? 'pharmacy'));
  const store = useRef<SettlementDraftState>(state);
  // one counter for request tokens, line keys and parked bills: each need only be unique within this screen
  const counter = useRef(0);
  const next = useCallback(() => ++counter.current, []);
  const previewAtOnce = useRef(false);
  const dispatch = useCallback((a: DraftAction) => {
    if (AT_ONCE.has(a.type)) previewAtOnce.current = true;
    else if (a.type === 'qtySet') previewAtOnce.current = false;
    store.current = settlementDraft(store.current, a);
    setState(store.current);
  }, []);

  // the app's default kind may arrive after the first render
  useEffect(() => {
    if (defaultKind) dispatch({ type: 'defaultKind', kind: defaultKind });
  }, [defaultKind, dispatch]);

  const built = useMemo(
    () => draftOf(state),
    [state.person, state.kind, state.hisMedType, state.lines, state.useAcct, state.mulaidPsnNo, state.his, state.hisFingerprint],
  );
  const fingerprint = built.ok ? draftFingerprint(built.draft) : null;

  /** F2, and a new credential once the last bill is settled: the one way to start over */
  const startOver = useCallback(() => {
    dispatch({ type: 'newPatient' });
    errors.clear();
  }, [dispatch, errors]);

  const identify = useCallback(
    async (input: CallInput<'person.identify'>, display: string) => {
      const token = next();
      dispatch({ type: 'identifyStarted', token, display });
      const awaited = () => store.current.identifying?.token === token;
      try {
        const person = await api('person.identify', input);
        if (!awaited()) return;
        dispatch({ type: 'identified', token, person });
        errors.clear();
      } catch (err) {
        if (!awaited()) return;
        errors.report(err);
        dispatch({ type: 'identifyFailed', token });
      }
    },
    [dispatch, errors, next],
  );

  /** A card, an e-voucher or an ID number: after a settled bill it is the next patient; while settling, it waits. */
  const present = useCallback(
    (input: CallInput<'person.identify'>, display: string) => {
      const s = store.current;
      if (s.phase === 'confirming' || s.incoming) return errors.reportKey(s.incoming ? 'incoming.answerFirst' : 'identify.waitSettling');
      if (s.phase === 'result') startOver();
      void identify(input, display);
    },
    [errors, identify, startOver],
  );

  useBridgeEvent('identity.presented', (ev) => present({ ref: ev.ref }, ev.display), active);
  useBridgeEvent('settlement.updated', (view) => dispatch({ type: 'settlementUpdated', view }));
  useBridgeEvent('person.updated', (person) => dispatch({ type: 'personUpdated', person }));

  // the preview follows the draft's content (its fingerprint) and the person's state (balances after a
  // settlement), debounced; a settled bill keeps the one confirmed
  const settled = state.result !== null;
  useEffect(() => {
    if (settled) return;
    if (!built.ok) {
      dispatch({ type: 'previewCleared' });
      return;
    }
    const draft = built.draft;
    const token = next();
    const delay = previewAtOnce.current ? 0 : PREVIEW_DEBOUNCE_MS;
    dispatch({ type: 'previewStarted', token });
    previewAtOnce.current = false;
    const timer = setTimeout(() => {
      api('settle.preview', draft).then(
        (output) => dispatch({ type: 'previewAnswered', token, output }),
        (err) => dispatch({ type: 'previewFailed', token, error: toApiError(err) }),
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [fingerprint, settled, built.ok ? '' : built.reason, state.person]);

  const addItem = useCallback((item: CatalogItem) => dispatch({ type: 'itemAdded', item, key: `l${next()}` }), [dispatch, next]);

  /** The HIS bill becomes the lines; its problem (a bad price or count) is returned, nothing is loaded then. */
  const loadHis = useCallback(
    (bill: HisBill & { fingerprint?: string }): Error | null => {
      let converted;
      try {
        converted = linesFromHis(bill, () => `l${next()}`);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
      dispatch({ type: 'hisLoaded', lines: converted.lines, his: converted.his, medType: converted.med_type, fingerprint: converted.fingerprint });
      // class badge, spec and unit come from the terminal's catalog (best effort; the preview checks codes)
      for (const line of converted.lines) {
        api('catalog.lookup', { code: line.code }).then(
          (item) => dispatch({ type: 'lineLookedUp', key: line.key, item }),
          () => {},
        );
      }
      return null;
    },
    [dispatch, next],
  );

  /** Number keys on the co-pay question; an authorizer who cannot pay says why. */
  const answerDigit = useCallback(
    (choice: DigitChoice) => {
      if (choice.kind !== 'unusable') return dispatch({ type: 'mulaidChosen', psnNo: choice.kind === 'choose' ? choice.psn_no : null });
      const a = store.current.person?.authorizers.find((x) => x.psn_no === choice.psn_no);
      if (a?.reason === 'binding_expired') return errors.reportKey('mulaid.expiredOn', { date: a.bind_end_date });
      errors.reportKey(a?.reason ? `reason.${a.reason}` : 'mulaid.question');
    },
    [dispatch, errors],
  );

  /** F9. An unusual quantity or total asks once more (`unusualConfirmed` is the second F9 / Enter). */
  const confirm = useCallback(
    async (unusualConfirmed = false) => {
      const s = store.current;
      if (s.phase !== 'open' || s.incoming) return;
      const current = draftOf(s);
      if (!current.ok) return errors.reportKey(`confirm.${current.reason}`);
      // the cash part as tendered: refused here when short or mistyped (the main side checks it again)
      const due = s.preview.output?.split.psn_cash_pay ?? 0;
      const cash = due > 0 ? tendered(s.tender, due) : null;
      if (cash?.problem) return errors.reportKey(`tender.${cash.problem}`, { amount: ((cash.short ?? 0) / 100).toFixed(2), max: '1,000.00' });
      const unusual = unusualLines(s.lines, billTotal(s.lines), counterSettings());
      if (!unusualConfirmed && (unusual.lines.length > 0 || unusual.total)) return dispatch({ type: 'unusualAsked', ...unusual });
      const paid = cash && cash.received !== null ? { received: cash.received, change: cash.change ?? 0 } : null;
      dispatch({ type: 'confirmStarted', fingerprint: draftFingerprint(current.draft), newId: newRequestId(), paid });
      try {
        // the exact amount goes as no amount: the till records it as exactly the cash due, whatever its size
        const tender = cash && cash.received !== null && cash.how !== 'exact' ? { received: cash.received, tender: cash.how } : null;
        const view = await api('settle.confirm', { ...current.draft, confirmedUnusual: unusualConfirmed, requestId: store.current.request!.id, cash: tender });
        dispatch({ type: 'confirmed', view: freshest(view) });
        errors.clear();
      } catch (err) {
        errors.report(err);
        dispatch({ type: 'confirmFailed' });
      }
    },
    [dispatch, errors],
  );

  const edits = useMemo(
    () => ({
      switchKind: (kind: BillKind) => dispatch({ type: 'kindSwitched', kind }),
      setQty: (key: string, qty: string) => dispatch({ type: 'qtySet', key, qty }),
      removeLine: (key: string) => dispatch({ type: 'lineRemoved', key }),
      chooseMulaid: (psnNo: string | null) => dispatch({ type: 'mulaidChosen', psnNo }),
      setUseAcct: (useAcct: boolean) => dispatch({ type: 'useAcctSet', useAcct }),
      /** the answer to "another patient": park or discard this bill for theirs, or ignore them */
      chooseIncoming: (choice: IncomingChoice) => dispatch({ type: 'incomingChosen', choice, parkId: next() }),
      resumeParked: (id: number) => dispatch({ type: 'parkedResumed', id, parkId: next() }),
      dropParked: (id: number) => dispatch({ type: 'parkedDropped', id }),
      cancelUnusual: () => dispatch({ type: 'unusualAnswered' }),
      /** the amount received as typed, or a quick key (a 100 or 50 note, the exact amount) */
      setTender: (tender: TenderState) => dispatch({ type: 'tenderSet', tender }),
      quickTender: (kind: 'exact' | 100 | 50) => dispatch({ type: 'tenderSet', tender: quickTender(kind, store.current.preview.output?.split.psn_cash_pay ?? 0) }),
    }),
    [dispatch, next],
  );

  return { state, built, readOnly: state.phase === 'result', startOver, present, addItem, loadHis, answerDigit, confirm, ...edits };
}

export type SettlementDraft = ReturnType<typeof useSettlementDraft>;
