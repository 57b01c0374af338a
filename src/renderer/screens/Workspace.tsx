/**
 * The cashier's working screen: identify → bill → co-pay choice → split preview → confirm → result,
 * plus today's list, help and the developer panel. A composition: the draft (use-settlement-draft.ts),
 * what each key does (workspace-actions.ts), the keyboard (use-key-dispatch.ts), focus by refs.
 */
import { useRef, type MutableRefObject } from 'react';
import type { AppInfo } from '../../shared/api.js';
import { BillTable } from '../components/BillTable.js';
import { CardReadButton } from '../components/CardReadButton.js';
import { ConflictsView } from '../components/ConflictsView.js';
import { IncomingPatientDialog, UnusualDialog } from '../components/CounterDialogs.js';
import { DevPanel } from '../components/DevPanel.js';
import { EndOfDay } from '../components/EndOfDay.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { HisLoader } from '../components/HisLoader.js';
import { useHisCounter } from '../components/his/use-his-counter.js';
import { IdentifyPanel } from '../components/IdentifyPanel.js';
import { ItemSearch } from '../components/ItemSearch.js';
import { MulaidQuestion } from '../components/MulaidQuestion.js';
import { ParkedBills } from '../components/ParkedBills.js';
import { PendingCenterBadge, useOfflineIds } from '../components/PendingCenterBadge.js';
import { ResultPanel } from '../components/ResultPanel.js';
import { CashTender } from '../components/receipts/CashTender.js';
import type { SlipCommands } from '../components/receipts/SlipStatus.js';
import { SettlementList, type ListCommands } from '../components/SettlementList.js';
import { SplitPreview } from '../components/SplitPreview.js';
import { WorkspaceTopbar } from '../components/WorkspaceTopbar.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { useCounterSettings } from '../lib/counter-settings.js';
import { useScanRouting } from '../lib/device-scans.js';
import { billTotal } from '../lib/draft.js';
import { useErrors } from '../lib/errors.js';
import { useFocusTargets } from '../lib/focus.js';
import type { KeyAction } from '../lib/keymap.js';
import { copayQuestionOpen, MAX_PARKED } from '../lib/settlement-draft.js';
import { useKeyDispatch } from '../lib/use-key-dispatch.js';
import { useSettlementDraft } from '../lib/use-settlement-draft.js';
import { useWorkspaceActions, type EodCommands } from './workspace-actions.js';

interface Props {
  appInfo: AppInfo | null;
  /** false while the screen is locked: no keys, no identity events */
  active: boolean;
  onLock(): void;
  /** the status bar's key legend dispatches through here */
  actionRef: MutableRefObject<((a: KeyAction) => void) | null>;
}

export function Workspace({ appInfo, active, onLock, actionRef }: Props) {
  const { t } = useI18n();
  const errors = useErrors();
  const devAvailable = appInfo?.embedded === true;
  const draft = useSettlementDraft({ defaultKind: appInfo?.defaultKind ?? null, active });
  const { state, built, readOnly } = draft;
  const { person, kind, result, preview } = state;
  const focus = useFocusTargets();
  const listCommands = useRef<ListCommands | null>(null);
  const eodCommands = useRef<EodCommands | null>(null);
  const slipCommands = useRef<SlipCommands | null>(null);
  const { open, close, dispatch } = useWorkspaceActions({ draft, focus, listCommands, eodCommands, slipCommands, devAvailable, onLock });
  const settings = useCounterSettings();
  const offlineIds = useOfflineIds();
  // outpatient: the prescription number (F4), scanned numbers, HIS lines removed only with a supervisor
  const his = useHisCounter({ lines: state.lines, his: state.his, disabled: readOnly || !active, loadHis: draft.loadHis, removeLine: draft.removeLine, errors, focusRef: focus.refs.billEntry });

  useKeyDispatch({
    active,
    actionRef,
    onAction: dispatch,
    digits: person && copayQuestionOpen(state) && !open.list && !open.help ? { authorizers: person.authorizers, onChoice: draft.answerDigit } : null,
  });

  // scanners: e-vouchers identify (identity.presented, in the draft), item barcodes join the pharmacy bill
  useScanRouting({
    enabled: active,
    itemsBlockedKey: readOnly ? 'scan.billClosed' : kind !== 'pharmacy' ? 'scan.notPharmacy' : null,
    onItem: draft.addItem,
    onPrescription: kind === 'outpatient' && !readOnly ? his.scanned : null,
    errors,
  });

  const confirming = state.phase === 'confirming';
  // the cash to collect as previewed: the amount received is asked for it
  const cashDue = preview.output?.split.psn_cash_pay ?? 0;
  return (
    <div className={`workspace${open.dev && devAvailable ? ' with-dev' : ''}`}>
      <div className="workspace-main">
        <WorkspaceTopbar institution={appInfo ? appInfo.fixmedins_name : null} kind={kind} readOnly={readOnly} onKind={draft.switchKind} onAction={dispatch} />

        <div className="settle-grid">
          <div className="col col-left">
            <IdentifyPanel
              key={state.generation}
              ref={focus.refs.certno}
              person={person}
              identifying={state.identifying?.display ?? null}
              notice={state.notice}
              disabled={!active}
              onIdentifyCertno={(certno) => draft.present({ mdtrt_cert_type: '02', certno }, '')}
            />
            <CardReadButton disabled={!active} />
            <ParkedBills parked={state.parked} disabled={!active || confirming} onResume={draft.resumeParked} onDrop={draft.dropParked} />
            {person && (
              <MulaidQuestion
                ref={focus.refs.mulaid}
                person={person}
                chosen={state.mulaidPsnNo}
                useAcct={state.useAcct}
                readOnly={readOnly}
                onChoose={draft.chooseMulaid}
                onUseAcct={draft.setUseAcct}
              />
            )}
          </div>

          <div className="col col-middle">
            <section className="panel bill-panel" data-testid="bill-panel" data-kind={kind}>
              <h2>
                {t('bill.title')} · {t(`mode.${kind}`)}
              </h2>
              {kind === 'pharmacy' ? (
                <ItemSearch key={state.generation} ref={focus.refs.billEntry} disabled={readOnly || !active} onAdd={draft.addItem} onEmptyEnter={() => focus.focusSoon('tender')} />
              ) : (
                <>
                  {his.field}
                  <HisLoader key={state.generation} disabled={readOnly || !active} his={state.his} person={person} onLoaded={draft.loadHis} />
                </>
              )}
              <BillTable lines={state.lines} priced={preview.output?.lines_priced ?? null} readOnly={readOnly} onQty={draft.setQty} onRemove={his.remove} hisRemovable={his.linesRemovable} />
            </section>
          </div>

          <div className="col col-right">
            {result && <PendingCenterBadge view={result} offline={offlineIds.has(result.id)} />}
            {result && <ResultPanel view={result} person={person} paid={state.paid} slipCommands={slipCommands} onNewPatient={() => dispatch('newPatient')} />}
            {!result && (
            <SplitPreview
              split={preview.output?.split ?? null}
              explanation={preview.output?.explanation ?? []}
              stale={preview.output?.stale ?? false}
              policyVersion={preview.output?.policy_version ?? null}
              error={preview.error ? describeError(t, preview.error) : null}
              updating={preview.pending !== null}
            />
            )}
            {!result && cashDue > 0 && (
              <CashTender
                ref={focus.refs.tender}
                due={cashDue}
                tender={state.tender}
                disabled={readOnly || confirming || !active}
                onChange={draft.setTender}
                onQuick={draft.quickTender}
                onConfirm={() => void draft.confirm(false)}
              />
            )}
            {!result && (
              <div className="confirm-area">
                <button
                  type="button"
                  className="btn btn-primary btn-confirm"
                  onClick={() => void draft.confirm(false)}
                  disabled={!built.ok || confirming || readOnly}
                  data-testid="confirm-button"
                >
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

      {open.dev && devAvailable && <DevPanel onClose={() => close('dev')} />}
      {open.list && <SettlementList onClose={() => close('list')} commands={listCommands} />}
      {open.conflicts && <ConflictsView onClose={() => close('conflicts')} />}
      {open.eod && <EndOfDay onClose={() => close('eod')} commands={eodCommands} />}
      {state.incoming && (
        <IncomingPatientDialog
          current={{ name: person?.name ?? '', lines: state.lines.length, total: billTotal(state.lines) }}
          incoming={state.incoming}
          canPark={state.parked.length < MAX_PARKED}
          onChoose={draft.chooseIncoming}
        />
      )}
      {state.unusualAsk && (
        <UnusualDialog ask={state.unusualAsk} lines={state.lines} total={billTotal(state.lines)} limits={settings} onConfirm={() => void draft.confirm(true)} onCancel={draft.cancelUnusual} />
      )}
      {open.help && <HelpOverlay devAvailable={devAvailable} onClose={() => close('help')} />}
      {his.dialog}
    </div>
  );
}
