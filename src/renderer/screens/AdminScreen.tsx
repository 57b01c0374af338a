/**
 * The administrator's screen, a screen of its own over the counter (the bill in progress stays): one
 * section per concern — cashiers, the audit log, data and disk, the way to the center, the catalog. An area adds its own section here
 * (e.g. "check the center") as one more component in the list.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { AuditSection } from '../components/security/AuditSection.js';
import { CashierSection } from '../components/security/CashierSection.js';
import { DataSection } from '../components/security/DataSection.js';
import { CatalogAdmin } from '../components/catalog/CatalogAdmin.js';
import { CenterCheckPanel } from '../components/CenterCheckPanel.js';
import { WindowsOverviewSection } from '../components/institution/WindowsOverview.js';
import { useSecurityStatus } from '../lib/use-security-status.js';
import '../security.css';

export function AdminScreen({ me, onClose }: { me: string; onClose(): void }) {
  const { t } = useI18n();
  const [status, setStatus] = useSecurityStatus(true);
  // the administrator sees the chain as it is now, not as it was at start
  useEffect(() => {
    api('security.verifyAudit', {}).then(setStatus, () => {});
  }, [setStatus]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="screen-layer" role="region" aria-labelledby="admin-title" data-testid="admin-screen">
      <header className="admin-head">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <div className="spacer" />
        <button type="button" className="btn" onClick={onClose} data-testid="admin-close">
          {t('admin.back')} <kbd>Esc</kbd>
        </button>
      </header>
      <div className="admin-body">
        <CashierSection me={me} />
        <AuditSection status={status} onStatus={setStatus} />
        <DataSection status={status} />
        <CenterCheckPanel />
        <CatalogAdmin />
        <WindowsOverviewSection />
      </div>
    </div>
  );
}
