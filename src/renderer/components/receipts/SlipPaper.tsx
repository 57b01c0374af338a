/**
 * A slip's paper as the printer got it: the job's ESC/POS bytes read back on the main side
 * (print.paper, the same interpreter the tests use) and drawn line by line in the printer's columns,
 * with its QR code. The virtual printer's preview; for a real printer, what was sent.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { PaperView } from '../../../shared/api-print.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { FormError } from '../ErrorBanner.js';
import '../../styles/receipts.css';

function QrImage({ data }: { data: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(data, { errorCorrectionLevel: 'M', margin: 2, scale: 4 }).then((u) => live && setSrc(u), () => undefined);
    return () => {
      live = false;
    };
  }, [data]);
  return src ? <img src={src} alt={data} data-testid="paper-qr" data-qr={data} /> : null;
}

export function SlipPaper({ jobId, onClose }: { jobId: number; onClose(): void }) {
  const { t } = useI18n();
  const [paper, setPaper] = useState<PaperView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api('print.paper', { jobId }).then(setPaper, (e) => setError(describeError(t, toApiError(e))));
  }, [jobId]);

  const rows: Array<{ kind: 'line'; i: number } | { kind: 'qr'; data: string }> = [];
  if (paper) {
    paper.lines.forEach((_, i) => {
      for (const q of paper.qr) if (q.atLine === i) rows.push({ kind: 'qr', data: q.data });
      rows.push({ kind: 'line', i });
    });
  }
  return (
    <div className="overlay overlay-top" role="dialog" aria-modal="true" aria-labelledby="paper-title" data-testid="slip-paper" data-job-id={jobId} onClick={onClose}>
      <div className="overlay-card dialog-card paper-card" onClick={(e) => e.stopPropagation()}>
        <header className="overlay-head">
          <h2 id="paper-title">{t('slip.paperTitle')}</h2>
          <div className="spacer" />
          <button type="button" className="btn" onClick={onClose} autoFocus data-testid="slip-paper-close">
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </header>
        <FormError error={error} testId="slip-paper-error" announce={false} />
        {paper && (
          <div className={`paper paper-${paper.columns === 32 ? 32 : 48}`} data-testid="paper" data-columns={paper.columns}>
            {rows.map((r, k) =>
              r.kind === 'qr' ? (
                <div key={`q${k}`} className="paper-qr">
                  <QrImage data={r.data} />
                </div>
              ) : (
                <div
                  key={`l${k}`}
                  className={`paper-line ${paper.lines[r.i].align}${paper.lines[r.i].bold ? ' bold' : ''}${paper.lines[r.i].double ? ' double' : ''}`}
                  data-testid="paper-line"
                  data-columns={paper.lines[r.i].columns}
                >
                  {paper.lines[r.i].text || ' '}
                </div>
              ),
            )}
            {paper.cuts > 0 && <div className="paper-cut" aria-hidden="true" />}
          </div>
        )}
      </div>
    </div>
  );
}
