/** Always visible at the bottom: devices, center, outbox, cashier, clock, language, function keys. */
import type { ReactNode } from 'react';
import type { SessionState, StatusSnapshot } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { useNow } from '../lib/hooks.js';
import type { KeyAction } from '../lib/keymap.js';
import { KeyLegend } from './KeyLegend.js';
import { ChordKeys } from './ChordKeys.js';
import { SyncIndicators } from './SyncIndicators.js';
import { RetryCountdown, waitingSeconds } from './RetryCountdown.js';
import { HisNoticeCount } from './his/HisNoticeCount.js';
import { CenterCheckButton } from './CenterCheckPanel.js';
import { PrinterStatusItem } from './receipts/PrinterStatusItem.js';
import { InstitutionStatusItem } from './InstitutionStatusItem.js';

interface Props {
  status: StatusSnapshot | null;
  session: SessionState | null;
  devAvailable: boolean;
  showKeys: boolean;
  onRetry(): void;
  onLogout?(): void;
  onAction(a: KeyAction): void;
  /** open the device list (logged in) */
  onDevices?(): void;
  /** the security light and the PIN / administration buttons (components/security/SecurityControls.tsx) */
  security?: ReactNode;
  /** open the connection check (logged in) */
  onCenterCheck?(): void;
}

export function StatusBar({ status, session, devAvailable, showKeys, onRetry, onLogout, onAction, onDevices, security, onCenterCheck }: Props) {
  const { t, toggleLocale } = useI18n();
  const now = useNow(1000);
  const { clock } = useBusinessTime();
  const center = status?.center;
  const centerState = center?.state ?? 'unknown';
  const outbox = status?.outbox;
  const waiting = waitingSeconds(outbox, now.getTime()) !== null;
  const cashier = session?.cashier ?? null;
  return (
    <footer className="status-bar" data-testid="status-bar">
      {showKeys && (
        <div className="key-legend-line">
          <KeyLegend devAvailable={devAvailable} onAction={onAction} />
          <ChordKeys onAction={onAction} />
        </div>
      )}
      <div className="status-row">
        <div className="status-devices" data-testid="status-devices">
          {onDevices ? (
            <button type="button" className="btn btn-small btn-quiet status-label" onClick={onDevices} title={t('statusbar.openDevices')} data-testid="status-devices-open">
              {t('statusbar.devices')}
            </button>
          ) : (
            <span className="status-label">{t('statusbar.devices')}</span>
          )}
          {status && status.devices.length === 0 && <span className="muted">{t('statusbar.noDevices')}</span>}
          {status?.devices.map((d) => (
            <span
              key={d.id}
              className={`device device-${d.state}`}
              data-testid="status-device"
              data-device-id={d.id}
              data-state={d.state}
              title={`${d.label}${d.reason ? ` — ${d.reason}` : ''}`}
            >
              <span className="dot" aria-hidden="true" />
              {t(`device.kind.${d.kind}`)}
              {d.transport === 'virtual' ? t('device.virtual') : ''}
              {t(`device.${d.state}`)}
            </span>
          ))}
        </div>
        <div
          className={`status-center center-${centerState}`}
          data-testid="status-center"
          data-state={centerState}
          data-signed-in={center?.signedIn ? 'true' : 'false'}
          title={centerState === 'offline' ? t('center.offlineHint') : ''}
        >
          <span className="dot" aria-hidden="true" />
          {t('center.label')} {t(`center.${centerState}`)}
          {center && <span className="muted"> · {t(center.signedIn ? 'center.signedIn' : 'center.notSignedIn')}</span>}
          {onCenterCheck && <CenterCheckButton onOpen={onCenterCheck} linkOkAt={center?.lastOkAt ?? null} />}
        </div>
        <div className={`status-outbox${outbox && outbox.depth > 0 ? ' has-queue' : ''}`} data-testid="status-outbox" data-depth={outbox?.depth ?? 0}>
          {t('outbox.depth', { n: outbox?.depth ?? 0 })}
          {outbox?.sending && <span className="muted"> · {t('outbox.sending')}</span>}
        </div>
        <div className={`status-parked${outbox && outbox.parked > 0 ? ' has-parked' : ''}`} data-testid="status-parked" data-parked={outbox?.parked ?? 0}>
          {t('outbox.parked', { n: outbox?.parked ?? 0 })}
        </div>
        <InstitutionStatusItem status={status?.institution} />
        <SyncIndicators enabled={!!cashier && !session?.locked} onOpenConflicts={() => onAction('conflicts')} />
        <PrinterStatusItem enabled={!!cashier && !session?.locked} />
        <RetryCountdown outbox={outbox} />
        <HisNoticeCount enabled={!!cashier && !session?.locked} />
        <button
          type="button"
          className={`btn btn-small${waiting ? ' btn-attention' : ''}`}
          onClick={onRetry}
          data-testid="retry-now"
          data-attention={waiting ? 'true' : 'false'}
          disabled={!cashier || session?.locked}
        >
          {t('retry')}
        </button>
        <div className="status-spacer" />
        {security}
        <div className="status-cashier" data-testid="status-cashier">
          {t('cashier.label')}：{cashier ? `${cashier.name}（${cashier.no}）` : t('cashier.none')}
        </div>
        {cashier && !session?.locked && onLogout && (
          <button type="button" className="btn btn-small btn-quiet" onClick={onLogout} data-testid="logout">
            {t('logout')}
          </button>
        )}
        <div className="status-clock" data-testid="status-clock" title={clock(now)}>
          {clock(now).slice(11)}
        </div>
        <button type="button" className="btn btn-small" onClick={toggleLocale} data-testid="lang-switch">
          {t('lang.switch')}
        </button>
      </div>
    </footer>
  );
}
