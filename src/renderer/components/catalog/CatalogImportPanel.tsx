/**
 * Import of the institution's catalog file: the file goes up in pieces (catalog.uploadChunk), is read
 * and validated on the main side (every error with its row, column and reason), the changes are
 * previewed, and only then is the version activated — now or at a chosen time — or discarded.
 */
import { useState } from 'react';
import type { CatalogImportResult } from '../../../shared/api-catalog.js';
import { formatYuan } from '../../../shared/money.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { newRequestId } from '../../lib/uuid.js';
import { FormError } from '../ErrorBanner.js';

const CHUNK = 1024 * 1024;

/** a slice of the file as base64 (FileReader: no string building over megabytes) */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

export function CatalogImportPanel({ onChanged }: { onChanged(): void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [effective, setEffective] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function upload(file: File) {
    setError(null);
    setResult(null);
    setDone(false);
    const uploadId = newRequestId();
    const total = Math.max(1, Math.ceil(file.size / CHUNK));
    try {
      for (let i = 0; i < total; i++) {
        setProgress({ done: i, total });
        await api('catalog.uploadChunk', { uploadId, fileName: file.name, index: i, last: i === total - 1, data: await base64Of(file.slice(i * CHUNK, (i + 1) * CHUNK)) });
      }
      setProgress(null);
      setResult(await api('catalog.importUploaded', { uploadId, dryRun: false }));
      onChanged();
    } catch (err) {
      setProgress(null);
      setError(describeError(t, toApiError(err)));
    }
  }

  async function act(what: 'activate' | 'discard') {
    if (!result?.versionId) return;
    setError(null);
    try {
      if (what === 'activate') await api('catalog.activate', { versionId: result.versionId, effectiveAt: effective ? new Date(effective).toISOString() : null });
      else await api('catalog.discard', { versionId: result.versionId });
      setDone(true);
      onChanged();
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    }
  }

  const c = result?.preview.counts;
  return (
    <section data-testid="catalog-import">
      <h3>{t('catalogAdmin.import')}</h3>
      <label className="btn file-btn">
        {t('catalogAdmin.chooseFile')}
        <input
          type="file"
          accept=".csv,.xlsx"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
          data-testid="catalog-file"
        />
      </label>
      {progress && (
        <div>
          {t('catalogAdmin.uploading', { done: progress.done, total: progress.total })}
          <progress value={progress.done} max={progress.total} />
        </div>
      )}
      <FormError error={error} testId="catalog-import-error" />
      {result && c && (
        <div data-testid="catalog-preview" data-version={result.versionId ?? ''} data-errors={result.errorCount}>
          <p>
            {result.source} · {t('catalogAdmin.preview', { total: result.preview.total })}：{t('catalogAdmin.added', { n: c.added })} · {t('catalogAdmin.priceChanged', { n: c.priceChanged })} ·{' '}
            {t('catalogAdmin.removed', { n: c.removed })} · {t('catalogAdmin.newlyUnmapped', { n: c.newlyUnmapped })} · {t('catalogAdmin.otherChanged', { n: c.otherChanged })} ·{' '}
            {t('catalogAdmin.unchanged', { n: c.unchanged })}
          </p>
          {result.errorCount > 0 && (
            <>
              <div className="form-error">{t('catalogAdmin.errors', { n: result.errorCount })}</div>
              <ul className="errors" data-testid="catalog-errors">
                {result.errors.slice(0, 200).map((e) => (
                  <li key={`${e.row}-${e.column}`}>{t('catalogAdmin.rowError', { row: e.row, column: e.column, reason: e.reason })}</li>
                ))}
                {result.errorCount > 200 && <li>{t('catalogAdmin.moreErrors', { n: result.errorCount - 200 })}</li>}
              </ul>
            </>
          )}
          {result.preview.priceChanged.length > 0 && (
            <table>
              <tbody>
                {result.preview.priceChanged.slice(0, 30).map((p) => (
                  <tr key={p.code}>
                    <td className="mono">{p.code}</td>
                    <td>{p.name}</td>
                    <td>
                      {formatYuan(p.oldPrice)} → {formatYuan(p.newPrice)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.versionId !== null && !done && (
            <div className="row">
              <label className="field">
                <span>{t('catalogAdmin.effectiveAt')}</span>
                <input type="datetime-local" value={effective} onChange={(e) => setEffective(e.target.value)} data-testid="catalog-effective" />
              </label>
              <button type="button" className="btn btn-primary" onClick={() => void act('activate')} data-testid="catalog-activate">
                {t('catalogAdmin.activate')}
              </button>
              <button type="button" className="btn" onClick={() => void act('discard')} data-testid="catalog-discard">
                {t('catalogAdmin.discard')}
              </button>
            </div>
          )}
          {done && <p data-testid="catalog-activated">{t('catalogAdmin.activated')}</p>}
        </div>
      )}
    </section>
  );
}
