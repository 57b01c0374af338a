/**
 * The catalog section of the administrator screen, self-contained: the version in force, import with
 * preview and activation, the versions with rollback, the national catalog and the mapping upload.
 * It needs a supervisor (the main side checks every call of it again).
 */
import '../his/his.css';
import { useCallback, useEffect, useState } from 'react';
import type { CatalogStatus, CatalogVersionView } from '../../../shared/api-catalog.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { useBridgeEvent } from '../../lib/hooks.js';
import { FormError } from '../ErrorBanner.js';
import { CatalogImportPanel } from './CatalogImportPanel.js';
import { NationalPanel } from './NationalPanel.js';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

export function CatalogAdmin() {
  const { t } = useI18n();
  const [status, setStatus] = useState<CatalogStatus | null>(null);
  const [versions, setVersions] = useState<CatalogVersionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api('catalog.status', {}).then(setStatus, (e) => setError(describeError(t, toApiError(e))));
    api('catalog.versions', {}).then(setVersions, () => {});
  }, [t]);
  useEffect(refresh, [refresh]);
  useBridgeEvent('catalog.changed', (s) => {
    setStatus(s);
    api('catalog.versions', {}).then(setVersions, () => {});
  });

  async function rollback() {
    setError(null);
    try {
      setStatus(await api('catalog.rollback', {}));
      refresh();
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    }
  }

  const v = status?.version ?? null;
  return (
    <div className="catalog-admin" data-testid="catalog-admin">
      <section>
        <h3>{t('catalogAdmin.inForce')}</h3>
        <p data-testid="catalog-in-force" data-version={v?.id ?? ''}>
          {v ? t('catalogAdmin.versionLine', { id: v.id, source: v.source, n: v.item_count, at: when(v.effective_at) }) : t('catalogAdmin.none')}
        </p>
        {status && <p data-testid="catalog-unmapped" data-count={status.unmapped}>{t('catalogAdmin.unmapped', { n: status.unmapped })}</p>}
        <FormError error={error} testId="catalog-admin-error" />
      </section>
      <CatalogImportPanel onChanged={refresh} />
      <section>
        <h3>{t('catalogAdmin.versions')}</h3>
        <table data-testid="catalog-versions">
          <tbody>
            {versions.map((x) => (
              <tr key={x.id} data-testid="catalog-version" data-state={x.state} data-in-force={x.inForce ? 'true' : 'false'}>
                <td>{x.inForce ? '●' : ''}</td>
                <td>{x.id}</td>
                <td>{t(`catalogAdmin.state.${x.state}`)}</td>
                <td>{x.source}</td>
                <td>{x.item_count}</td>
                <td>{when(x.effective_at)}</td>
                <td>{x.activated_by ?? x.created_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="btn btn-danger" onClick={() => void rollback()} disabled={!v} data-testid="catalog-rollback">
          {t('catalogAdmin.rollback')}
        </button>
      </section>
      {status && <NationalPanel status={status} onChanged={refresh} />}
    </div>
  );
}
