/**
 * The settlement draft at work: the reducer of settlement-draft.ts plus the calls it needs (identify,
 * the debounced preview, catalog lookups for HIS lines, confirm) and the events that feed it.
 * The state is also kept in a ref updated with every action, so an answer can ask synchronously
 * whether it is still the one awaited.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CallInput } from '../../shared/api.js';
import type { BillKind, CatalogItem, HisBill } from '../../shared/domain.js';
import { api, toApiError } from './api.js';
import { draftFingerprint, linesFromHis } from './draft.js';
import { useErrors } from './errors.js';
import { useBridgeEvent } from './hooks.js';
import type { DigitChoice } from './keymap.js';
import { draftOf, initialDraft, settlementDraft, type DraftAction, type SettlementDraftState } from './settlement-draft.js';
import { freshest } from './settlement-freshness.js';
import { newRequestId } from './uuid.js';

const PREVIEW_DEBOUNCE_MS = 150;

export function useSettlementDraft({ defaultKind, active }: { defaultKind: BillKind | null; active: boolean }) {
  const errors = useErrors();
  const [state, setState] = useState(() => initialDraft(defaultKind ?? 'pharmacy'));
  const store = useRef<SettlementDraftState>(state);
  // one counter for request tokens and line keys: both need only be unique within this screen
  const counter = useRef(0);
  const next = useCallback(() => ++counter.current, []);
  const dispatch = useCallback((a: DraftAction) => {
    store.current = settlementDraft(store.current, a);
    setState(store.current);
  }, []);

  // the app's default kind may arrive after the first render
  useEffect(() => {
    if (defaultKind) dispatch({ type: 'defaultKind', kind: defaultKind });
  }, [defaultKind, dispatch]);

  const built = useMemo(() => draftOf(state), [state.person, state.kind, state.hisMedType, state.lines, state.useAcct, state.mulaidPsnNo, state.his]);
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

  /** A card, an e-voucher or a typed ID number: after a settled bill it is the next patient. */
  const present = useCallback(
    (input: CallInput<'person.identify'>, display: string) => {
      if (store.current.phase === 'result') startOver();
      void identify(input, display);
    },
    [identify, startOver],
  );

  useBridgeEvent('identity.presented', (ev) => present({ ref: ev.ref }, ev.display), active);
  useBridgeEvent('settlement.updated', (view) => dispatch({ type: 'settlementUpdated', view }));

  // the preview follows the draft's content (its fingerprint), debounced; a settled bill keeps the one confirmed
  const settled = state.result !== null;
  useEffect(() => {
    if (settled) return;
    if (!built.ok) {
      dispatch({ type: 'previewCleared' });
      return;
    }
    const draft = built.draft;
    const token = next();
    dispatch({ type: 'previewStarted', token });
    const timer = setTimeout(() => {
      api('settle.preview', draft).then(
        (output) => dispatch({ type: 'previewAnswered', token, output }),
        (err) => dispatch({ type: 'previewFailed', token, error: toApiError(err) }),
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [fingerprint, settled, built.ok ? '' : built.reason]);

  const addItem = useCallback((item: CatalogItem) => dispatch({ type: 'itemAdded', item, key: `l${next()}` }), [dispatch, next]);

  /** The HIS bill becomes the lines; its problem (a bad price or count) is returned, nothing is loaded then. */
  const loadHis = useCallback(
    (bill: HisBill): Error | null => {
      let converted;
      try {
        converted = linesFromHis(bill, () => `l${next()}`);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
      dispatch({ type: 'hisLoaded', lines: converted.lines, his: converted.his, medType: converted.med_type });
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
      const reason = store.current.person?.authorizers.find((a) => a.psn_no === choice.psn_no)?.reason;
      errors.reportKey(reason ? `reason.${reason}` : 'mulaid.question');
    },
    [dispatch, errors],
  );

  const confirm = useCallback(async () => {
    const s = store.current;
    if (s.phase !== 'open') return;
    const current = draftOf(s);
    if (!current.ok) return errors.reportKey(`confirm.${current.reason}`);
    dispatch({ type: 'confirmStarted', fingerprint: draftFingerprint(current.draft), newId: newRequestId() });
    try {
      const view = await api('settle.confirm', { ...current.draft, requestId: store.current.request!.id });
      dispatch({ type: 'confirmed', view: freshest(view) });
      errors.clear();
    } catch (err) {
      errors.report(err);
      dispatch({ type: 'confirmFailed' });
    }
  }, [dispatch, errors]);

  const edits = useMemo(
    () => ({
      switchKind: (kind: BillKind) => dispatch({ type: 'kindSwitched', kind }),
      setQty: (key: string, qty: string) => dispatch({ type: 'qtySet', key, qty }),
      removeLine: (key: string) => dispatch({ type: 'lineRemoved', key }),
      chooseMulaid: (psnNo: string | null) => dispatch({ type: 'mulaidChosen', psnNo }),
      setUseAcct: (useAcct: boolean) => dispatch({ type: 'useAcctSet', useAcct }),
    }),
    [dispatch],
  );

  return { state, built, readOnly: state.phase === 'result', startOver, present, addItem, loadHis, answerDigit, confirm, ...edits };
}

export type SettlementDraft = ReturnType<typeof useSettlementDraft>;
