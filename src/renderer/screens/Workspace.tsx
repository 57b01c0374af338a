/**
 * The cashier's working screen: identify → bill → co-pay choice → split preview → confirm → result,
 * plus today's list, help and the developer panel. Owns the function keys while unlocked.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { ApiError, AppInfo, CallInput, PreviewOutput } from '../../shared/api.js';
import type { BillKind, CatalogItem, HisBill, MedType, PersonView, SettlementView } from '../../shared/domain.js';
import { BillTable } from '../components/BillTable.js';
import { ConflictsView } from '../components/ConflictsView.js';
import { DevPanel } from '../components/DevPanel.js';
import { EndOfDay } from '../components/EndOfDay.js';
import { PendingCenterBadge, useOfflineIds } from '../components/PendingCenterBadge.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { HisLoader } from '../components/HisLoader.js';
import { IdentifyPanel } from '../components/IdentifyPanel.js';
import { ItemSearch } from '../components/ItemSearch.js';
import { MulaidQuestion } from '../components/MulaidQuestion.js';
import { ResultPanel } from '../components/ResultPanel.js';
import { SettlementList, type ListCommands } from '../components/SettlementList.js';
import { SplitPreview } from '../components/SplitPreview.js';
import { useI18n } from '../i18n/index.js';
import { describeError, fieldLabel } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { addCatalogItem, buildDraft, draftFingerprint, HisLineError, linesFromHis, removeLine, setLineQty, type DraftLine, type HisInfo } from '../lib/draft.js';
import { useErrors } from '../lib/errors.js';
import { useBridgeEvent } from '../lib/hooks.js';
import { actionForKey, chordActionForKey, digitChoice, isTypingTarget, type KeyAction } from '../lib/keymap.js';
import { useScanRouting } from '../lib/device-scans.js';
import { CardReadButton } from '../components/CardReadButton.js';
import { runUnlessScan } from '../lib/wedge.js';
import { newRequestId } from '../lib/uuid.js';
import { freshest } from '../lib/settlement-freshness.js';

interface Props {
  appInfo: AppInfo | null;
  /** false while the screen is locked: no keys, no identity events */
  active: boolean;
  onLock(): void;
  /** the status bar's key legend dispatches through here */
  actionRef: MutableRefObject<((a: KeyAction) => void) | null>;
}

const PREVIEW_DEBOUNCE_MS = 150;

function focusTestId(id: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]:not([disabled])`);
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement && el.type !== 'file') el.select();
  return true;
}

export function Workspace({ appInfo, active, onLock, actionRef }: Props) {
  const { t } = useI18n();
  const errors = useErrors();
  const devAvailable = appInfo?.embedded === true;

  const [person, setPerson] = useState<PersonView | null>(null);
  const [identifying, setIdentifying] = useState<string | null>(null);
  const [kind, setKind] = useState<BillKind>(appInfo?.defaultKind ?? 'pharmacy');
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [his, setHis] = useState<HisInfo | null>(null);
  const [hisMedType, setHisMedType] = useState<MedType | null>(null);
  const [useAcct, setUseAcct] = useState(true);
  const [mulaidPsnNo, setMulaidPsnNo] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewOutput | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [previewUpdating, setPreviewUpdating] = useState(false);
  const [result, setResult] = useState<SettlementView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [devOpen, setDevOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [conflictsOpen, setConflictsOpen] = useState(false);
  const [eodOpen, setEodOpen] = useState(false);
  const offlineIds = useOfflineIds();

  const identifySeq = useRef(0);
  const previewSeq = useRef(0);
  const lineKey = useRef(0);
  const confirmingRef = useRef(false);
  const request = useRef<{ fingerprint: string; id: string } | null>(null);
  const listCommands = useRef<ListCommands | null>(null);
  const kindTouched = useRef(false);

  // the app's default kind may arrive after the first render
  useEffect(() => {
    if (appInfo && !kindTouched.current) setKind(appInfo.defaultKind);
  }, [appInfo]);

  const nextKey = useCallback(() => `l${++lineKey.current}`, []);

  const built = useMemo(
    () =>
      buildDraft({
        personRef: person?.personRef ?? null,
        kind,
        hisMedType,
        lines,
        useAcct: useAcct && (person?.hasAccount ?? false),
        mulaidPsnNo,
        his,
      }),
    [person, kind, hisMedType, lines, useAcct, mulaidPsnNo, his],
  );
  const fingerprint = built.ok ? draftFingerprint(built.draft) : null;

  // ------------------------------------------------------------ new patient / identify

  const resetAll = useCallback(() => {
    identifySeq.current++;
    previewSeq.current++;
    setPerson(null);
    setIdentifying(null);
    setLines([]);
    setHis(null);
    setHisMedType(null);
    setUseAcct(true);
    setMulaidPsnNo(null);
    setPreview(null);
    setPreviewError(null);
    setPreviewUpdating(false);
    setResult(null);
    request.current = null;
    errors.clear();
  }, [errors]);

  const identify = useCallback(
    async (input: CallInput<'person.identify'>, display: string) => {
      const mine = ++identifySeq.current;
      setIdentifying(display);
      try {
        const p = await api('person.identify', input);
        if (mine !== identifySeq.current) return;
        setPerson(p);
        setUseAcct(p.hasAccount);
        setMulaidPsnNo(null);
        errors.clear();
      } catch (err) {
        if (mine === identifySeq.current) errors.report(err);
      } finally {
        if (mine === identifySeq.current) setIdentifying(null);
      }
    },
    [errors],
  );

  useBridgeEvent(
    'identity.presented',
    (ev) => {
      if (result) resetAll();
      void identify({ ref: ev.ref }, ev.display);
    },
    active,
  );

  useBridgeEvent('settlement.updated', (v) => {
    setResult((r) => (r && r.id === v.id ? v : r));
  });

  // ------------------------------------------------------------ preview (debounced)

  useEffect(() => {
    if (result) return; // the bill is settled; the preview shown is the one confirmed
    if (!built.ok) {
      previewSeq.current++;
      setPreview(null);
      setPreviewError(null);
      setPreviewUpdating(false);
      return;
    }
    const draft = built.draft;
    const mine = ++previewSeq.current;
    setPreviewUpdating(true);
    const timer = setTimeout(() => {
      api('settle.preview', draft).then(
        (p) => {
          if (mine !== previewSeq.current) return;
          setPreview(p);
          setPreviewError(null);
          setPreviewUpdating(false);
        },
        (err) => {
          if (mine !== previewSeq.current) return;
          setPreview(null);
          setPreviewError(toApiError(err));
          setPreviewUpdating(false);
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // the fingerprint stands for the draft's content
  }, [fingerprint, result === null, built.ok ? '' : built.reason]);

  // ------------------------------------------------------------ bill editing

  const addItem = useCallback((item: CatalogItem) => setLines((ls) => addCatalogItem(ls, item, nextKey())), [nextKey]);

  // scanners: e-vouchers identify (identity.presented above), item barcodes join the pharmacy bill
  useScanRouting({
    enabled: active,
    itemsBlockedKey: result ? 'scan.billClosed' : kind !== 'pharmacy' ? 'scan.notPharmacy' : null,
    onItem: addItem,
    errors,
  });

  const onHisLoaded = useCallback(
    (bill: HisBill): string | null => {
      let converted;
      try {
        converted = linesFromHis(bill, () => nextKey());
      } catch (err) {
        if (err instanceof HisLineError) return t('his.errorField', { field: fieldLabel(t, err.field), message: err.message });
        return t('his.error');
      }
      setLines(converted.lines);
      setHis(converted.his);
      setHisMedType(converted.med_type);
      // class badge, spec and unit come from the terminal's catalog (best effort; the preview checks codes)
      for (const line of converted.lines) {
        api('catalog.lookup', { code: line.code }).then(
          (item) =>
            setLines((ls) =>
              ls.map((l) => (l.key === line.key ? { ...l, lv: item.chrgitm_lv, spec: item.spec ?? '', unit: item.unit, name: l.name || item.name } : l)),
            ),
          () => {},
        );
      }
      return null;
    },
    [nextKey, t],
  );

  const switchKind = useCallback(
    (k: BillKind) => {
      if (result || k === kind) return;
      kindTouched.current = true;
      setKind(k);
      // pharmacy lines and HIS lines do not mix
      setLines([]);
      setHis(null);
      setHisMedType(null);
    },
    [result, kind],
  );

  // ------------------------------------------------------------ confirm

  const confirm = useCallback(async () => {
    if (result || confirmingRef.current) return;
    if (!built.ok) {
      errors.reportKey(`confirm.${built.reason}`);
      return;
    }
    const fp = draftFingerprint(built.draft);
    if (!request.current || request.current.fingerprint !== fp) request.current = { fingerprint: fp, id: newRequestId() };
    confirmingRef.current = true;
    setConfirming(true);
    try {
      const view = await api('settle.confirm', { ...built.draft, requestId: request.current.id });
      setResult(freshest(view));
      errors.clear();
    } catch (err) {
      errors.report(err);
    } finally {
      confirmingRef.current = false;
      setConfirming(false);
    }
  }, [result, built, errors]);

  // ------------------------------------------------------------ keyboard

  const focusMulaid = useCallback(() => {
    const selected = document.querySelector<HTMLElement>('[data-testid="mulaid-option"][data-selected="true"], [data-testid="mulaid-none"][data-selected="true"]');
    if (selected && !(selected as HTMLButtonElement).disabled) return selected.focus();
    const first = document.querySelector<HTMLElement>('[data-testid="mulaid-option"]:not([disabled])') ?? document.querySelector<HTMLElement>('[data-testid="mulaid-none"]');
    if (first) first.focus();
    else focusTestId('use-acct');
  }, []);

  const dispatch = useCallback(
    (action: KeyAction) => {
      switch (action) {
        case 'help':
          setHelpOpen((o) => !o);
          break;
        case 'newPatient':
          setListOpen(false);
          setHelpOpen(false);
          resetAll();
          setTimeout(() => focusTestId('identify-certno'), 0);
          break;
        case 'focusCertno':
          setListOpen(false);
          setHelpOpen(false);
          setTimeout(() => focusTestId('identify-certno'), 0);
          break;
        case 'focusSearch':
          setListOpen(false);
          setHelpOpen(false);
          setTimeout(() => focusTestId(kind === 'pharmacy' ? 'item-search' : 'his-file-input'), 0);
          break;
        case 'toggleMode':
          switchKind(kind === 'pharmacy' ? 'outpatient' : 'pharmacy');
          break;
        case 'openList':
          setHelpOpen(false);
          setListOpen((o) => !o);
          break;
        case 'focusMulaid':
          setListOpen(false);
          setHelpOpen(false);
          setTimeout(focusMulaid, 0);
          break;
        case 'reverse':
          if (listOpen) listCommands.current?.reverse();
          else setListOpen(true);
          break;
        case 'confirm':
          if (!listOpen && !helpOpen && !conflictsOpen && !eodOpen) void confirm();
          break;
        case 'lock':
          onLock();
          break;
        case 'devPanel':
          if (devAvailable) setDevOpen((o) => !o);
          break;
        case 'endOfDay':
          setHelpOpen(false);
          setListOpen(false);
          setEodOpen((o) => !o);
          break;
        case 'conflicts':
          setHelpOpen(false);
          setListOpen(false);
          setConflictsOpen((o) => !o);
          break;
        case 'escape':
          if (eodOpen) setEodOpen(false);
          else if (conflictsOpen) setConflictsOpen(false);
          else if (helpOpen) setHelpOpen(false);
          else if (listOpen) {
            if (!listCommands.current?.escape()) setListOpen(false);
          } else if (errors.showing) errors.clear();
          else if (result) dispatch('newPatient');
          break;
      }
    },
    [kind, listOpen, helpOpen, conflictsOpen, eodOpen, result, devAvailable, errors, resetAll, switchKind, confirm, onLock, focusMulaid],
  );

  useEffect(() => {
    actionRef.current = active ? dispatch : null;
    return () => {
      actionRef.current = null;
    };
  }, [active, dispatch, actionRef]);

  useEffect(() => {
    if (!active) return;
    function onKeyDown(e: KeyboardEvent) {
      const action = actionForKey(e) ?? chordActionForKey(e);
      if (action) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat || action === 'escape') dispatch(action);
        return;
      }
      // number keys answer the co-pay question when not typing in a field
      if (person && person.authorizers.length > 0 && !result && !listOpen && !helpOpen && !isTypingTarget(document.activeElement as HTMLInputElement | null)) {
        const choice = digitChoice(e.key, person.authorizers);
        if (!choice) return;
        e.preventDefault();
        // a digit may be the start of a keyboard-wedge scan: act once it is known not to be
        runUnlessScan(e, () => {
          if (choice.kind === 'none') setMulaidPsnNo(null);
          else if (choice.kind === 'choose') setMulaidPsnNo(choice.psn_no);
          else {
            const reason = person.authorizers.find((a) => a.psn_no === choice.psn_no)?.reason;
            errors.reportKey(reason ? `reason.${reason}` : 'mulaid.question');
          }
        });
      }
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [active, dispatch, person, result, listOpen, helpOpen, errors]);

  // ------------------------------------------------------------ render

  const readOnly = result !== null;
  const confirmDisabled = !built.ok || confirming || readOnly;
  return (
    <div className={`workspace${devOpen && devAvailable ? ' with-dev' : ''}`}>
      <div className="workspace-main">
        <header className="topbar">
          <div className="topbar-title">
            <strong>{t('app.title')}</strong>
            {appInfo && <span className="muted"> · {appInfo.fixmedins_name}</span>}
          </div>
          <div className="mode-switch" role="tablist" aria-label="F5">
            <button
              type="button"
              role="tab"
              aria-selected={kind === 'pharmacy'}
              className={kind === 'pharmacy' ? 'active' : ''}
              onClick={() => switchKind('pharmacy')}
              disabled={readOnly}
              data-testid="mode-pharmacy"
              data-active={kind === 'pharmacy' ? 'true' : 'false'}
            >
              {t('mode.pharmacy')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={kind === 'outpatient'}
              className={kind === 'outpatient' ? 'active' : ''}
              onClick={() => switchKind('outpatient')}
              disabled={readOnly}
              data-testid="mode-outpatient"
              data-active={kind === 'outpatient' ? 'true' : 'false'}
            >
              {t('mode.outpatient')}
            </button>
            <kbd>F5</kbd>
          </div>
          <div className="spacer" />
          <button type="button" className="btn" onClick={() => dispatch('endOfDay')} data-testid="eod-open">
            {t('eod.open')} <kbd>Ctrl+E</kbd>
          </button>
          <button type="button" className="btn" onClick={() => dispatch('openList')} data-testid="list-open">
            {t('list.open')} <kbd>F6</kbd>
          </button>
        </header>

        <div className="settle-grid">
          <div className="col col-left">
            <IdentifyPanel
              person={person}
              identifying={identifying}
              disabled={!active}
              onIdentifyCertno={(certno) => {
                if (result) resetAll();
                void identify({ mdtrt_cert_type: '02', certno }, '');
              }}
            />
            <CardReadButton disabled={!active} />
            {person && (
              <MulaidQuestion
                person={person}
                chosen={mulaidPsnNo}
                useAcct={useAcct}
                readOnly={readOnly}
                onChoose={setMulaidPsnNo}
                onUseAcct={setUseAcct}
              />
            )}
          </div>

          <div className="col col-middle">
            <section className="panel bill-panel" data-testid="bill-panel" data-kind={kind}>
              <h2>
                {t('bill.title')} · {t(`mode.${kind}`)}
              </h2>
              {kind === 'pharmacy' ? (
                <ItemSearch disabled={readOnly || !active} onAdd={addItem} />
              ) : (
                <HisLoader disabled={readOnly || !active} his={his} person={person} onLoaded={onHisLoaded} />
              )}
              <BillTable
                lines={lines}
                priced={preview?.lines_priced ?? null}
                readOnly={readOnly}
                onQty={(key, qty) => setLines((ls) => setLineQty(ls, key, qty))}
                onRemove={(key) => setLines((ls) => removeLine(ls, key))}
              />
            </section>
          </div>

          <div className="col col-right">
            {result && <PendingCenterBadge view={result} offline={offlineIds.has(result.id)} />}
            {result && <ResultPanel view={result} onNewPatient={() => dispatch('newPatient')} />}
            <SplitPreview
              split={preview?.split ?? null}
              explanation={preview?.explanation ?? []}
              stale={preview?.stale ?? false}
              policyVersion={preview?.policy_version ?? null}
              error={previewError ? describeError(t, previewError) : null}
              updating={previewUpdating}
            />
            {!result && (
              <div className="confirm-area">
                <button type="button" className="btn btn-primary btn-confirm" onClick={() => void confirm()} disabled={confirmDisabled} data-testid="confirm-button">
                  {confirming ? t('busy.settle') : t('confirm.button')} <kbd>F9</kbd>
                </button>
                {!built.ok && (
                  <div className="muted small" data-testid="confirm-hint">
                    {t(`confirm.${built.reason}`)}
                  </div>
                )}
              </div>
            )}
          </div>
        </div>
      </div>

      {devOpen && devAvailable && <DevPanel onClose={() => setDevOpen(false)} />}
      {listOpen && <SettlementList onClose={() => setListOpen(false)} commands={listCommands} />}
      {conflictsOpen && <ConflictsView onClose={() => setConflictsOpen(false)} />}
      {eodOpen && <EndOfDay onClose={() => setEodOpen(false)} />}
      {helpOpen && <HelpOverlay devAvailable={devAvailable} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
