/**
 * In the status bar: the security light (red when the audit chain or a cashier row was tampered with,
 * amber when the disk is nearly full), the cashier's own PIN change, and the administrator screen's
 * button for administrators.
 */
import type { Role } from '../../../shared/domain.js';
import { roleAtLeast } from '../../../shared/limits.js';
import { useI18n } from '../../i18n/index.js';
import { useSecurityStatus } from '../../lib/use-security-status.js';
import '../../security.css';

interface Props {
  enabled: boolean;
  role: Role | null;
  onChangePin(): void;
  onAdmin(): void;
}

export function SecurityControls({ enabled, role, onChangePin, onAdmin }: Props) {
  const { t } = useI18n();
  const [status] = useSecurityStatus(enabled);
  if (!enabled) return null;
  const broken = status?.audit.state === 'broken';
  const tampered = (status?.cashiersTampered.length ?? 0) > 0;
  const state = !status || status.audit.state === 'checking' ? 'checking' : broken || tampered ? 'bad' : 'ok';
  const text = broken ? t('security.broken') : tampered ? t('security.tampered') : state === 'checking' ? t('security.checking') : t('security.ok');
  return (
    <>
      <span
        className={`security-light security-${state}`}
        data-testid="status-security"
        data-state={broken ? 'broken' : tampered ? 'tampered' : state}
        title={status?.audit.message ?? status?.audit.head ?? ''}
        role={state === 'bad' ? 'alert' : undefined}
      >
        <span className="dot" aria-hidden="true" />
        {state === 'ok' ? <span className="sr-only">{text}</span> : text}
      </span>
      {status?.disk.low && (
        <span className="security-light security-bad" data-testid="status-disk-low">
          {t('security.diskLow')}
        </span>
      )}
      <button type="button" className="btn btn-small btn-quiet" onClick={onChangePin} data-testid="change-pin-open">
        {t('pin.open')}
      </button>
      {roleAtLeast(role, 'administrator') && (
        <button type="button" className="btn btn-small" onClick={onAdmin} data-testid="admin-open">
          {t('admin.open')}
        </button>
      )}
    </>
  );
}
