/**
 * A way to open the catalog section until the administrator screen hosts it: Ctrl+M (目录管理) for a
 * signed-in supervisor opens it over the screen; Escape or the close button closes it.
 */
import { useEffect, useState } from 'react';
import type { SessionState } from '../../../shared/api.js';
import { useI18n } from '../../i18n/index.js';
import { CatalogAdmin } from './CatalogAdmin.js';

export function CatalogAdminEntry({ session }: { session: SessionState | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const allowed = !!session?.cashier && !session.locked && session.cashier.role === 'supervisor';
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'm') {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open || !session?.cashier || session.locked) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="catalog-admin-title" data-testid="catalog-admin-dialog">
      <div className="overlay-card catalog-admin">
        <div className="overlay-head">
          <h2 id="catalog-admin-title">{t('catalogAdmin.title')}</h2>
          <button type="button" className="btn btn-small" onClick={() => setOpen(false)} data-testid="catalog-admin-close">
            {t('common.close')}
          </button>
        </div>
        {allowed ? <CatalogAdmin /> : <p data-testid="catalog-admin-denied">{t('catalogAdmin.supervisorOnly')}</p>}
      </div>
    </div>
  );
}
