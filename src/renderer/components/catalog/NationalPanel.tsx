/** The national catalog behind the institution's (download with progress) and the mapping upload the center may require. */
import { useState } from 'react';
import type { CatalogProgress, CatalogStatus } from '../../../shared/api-catalog.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { useBridgeEvent } from '../../lib/hooks.js';
import { FormError } from '../ErrorBanner.js';

export function NationalPanel({ status, onChanged }: { status: CatalogStatus; onChanged(): void }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<CatalogProgress | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useBridgeEvent('catalog.progress', (p) => {
    if (p.task !== 'import') setProgress(p);
  });

  async function run(what: 'download' | 'upload') {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      if (what === 'download') {
        const r = await api('catalog.downloadNational', {});
        setNote(t('catalogAdmin.downloaded', { items: r.items, caps: r.caps, ratios: r.ratios }));
      } else {
        const r = await api('catalog.uploadMappings', {});
        setNote(t('catalogAdmin.uploaded', { uploaded: r.uploaded, revoked: r.revoked, refused: r.refused.length }));
      }
      onChanged();
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const n = status.national;
  return (
    <section data-testid="catalog-national">
      <h3>{t('catalogAdmin.national')}</h3>
      <p data-testid="catalog-national-line">
        {n.version ? t('catalogAdmin.nationalLine', { n: n.items, ver: n.version, at: (n.downloadedAt ?? '').slice(0, 19).replace('T', ' ') }) : t('catalogAdmin.nationalNone')}
      </p>
      <div className="row">
        <button type="button" className="btn" disabled={busy} onClick={() => void run('download')} data-testid="catalog-download">
          {t('catalogAdmin.download')}
        </button>
        {status.mappings.upload && (
          <button type="button" className="btn" disabled={busy} onClick={() => void run('upload')} data-testid="catalog-upload-mappings">
            {t('catalogAdmin.uploadMappings')}
          </button>
        )}
      </div>
      {status.mappings.upload && <p>{t('catalogAdmin.mappings', { uploaded: status.mappings.uploaded, pending: status.mappings.pending, refused: status.mappings.refused })}</p>}
      {progress && (
        <div data-testid="catalog-progress">
          {progress.phase}
          <progress value={progress.done} max={progress.total ?? undefined} />
        </div>
      )}
      {note && <p data-testid="catalog-national-note">{note}</p>}
      <FormError error={error ?? n.lastError} testId="catalog-national-error" />
    </section>
  );
}
