/** The split of the bill in large numbers; the cash to collect is the largest. */
import { useState } from 'react';
import type { Split } from '../../shared/domain.js';
import type { ExplanationStep } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { Amount } from './Amount.js';
import { FormError } from './ErrorBanner.js';

interface Props {
  split: Split | null;
  explanation: readonly ExplanationStep[];
  stale: boolean;
  policyVersion: string | null;
  error: string | null;
  updating: boolean;
  /** prefix of the data-testid values: "split" for the preview, "result" for the center's answer */
  idPrefix?: string;
}

export function SplitAmounts({ split, idPrefix = 'split' }: { split: Split; idPrefix?: string }) {
  const { t } = useI18n();
  return (
    <div className="split-grid">
      <div className="split-cell">
        <div className="split-label">{t('split.medfee')}</div>
        <Amount fen={split.medfee_sumamt} size="lg" testId={`${idPrefix}-medfee`} />
      </div>
      <div className="split-cell">
        <div className="split-label">{t('split.fund')}</div>
        <Amount fen={split.fund_pay_sumamt} size="lg" testId={`${idPrefix}-fund`} />
      </div>
      <div className="split-cell">
        <div className="split-label">{t('split.acct')}</div>
        <Amount fen={split.acct_pay} size="lg" testId={`${idPrefix}-acct`} />
      </div>
      <div className="split-cell">
        <div className="split-label">{t('split.mulaid')}</div>
        <Amount fen={split.acct_mulaid_pay} size="lg" testId={`${idPrefix}-mulaid`} />
      </div>
      <div className="split-cell split-cash">
        <div className="split-label">{t('split.cashCollect')}</div>
        <Amount fen={split.psn_cash_pay} size="xl" testId={`${idPrefix}-cash`} />
      </div>
    </div>
  );
}

export function SplitPreview({ split, explanation, stale, policyVersion, error, updating }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section className={`panel split-panel${updating ? ' is-updating' : ''}`} data-testid="split-panel" data-updating={updating ? 'true' : 'false'}>
      <h2>{t('split.title')}</h2>
      <FormError error={error} testId="preview-error" />
      {!split && !error && <div className="muted split-waiting">{t('split.waiting')}</div>}
      {split && (
        <>
          {stale && (
            <div className="notice notice-warn" data-testid="split-stale">
              {t('split.stale')}
            </div>
          )}
          <SplitAmounts split={split} />
          <button type="button" className="btn btn-link" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="split-explain-toggle">
            {t(open ? 'split.hideExplain' : 'split.explain')}
          </button>
          {open && (
            <ol className="explanation" data-testid="split-explanation">
              {explanation.map((s, i) => (
                <li key={`${s.key}-${i}`} data-key={s.key}>
                  <span>{locale === 'en' ? s.en : s.zh}</span>
                  {s.amount !== null && <Amount fen={s.amount} size="sm" />}
                </li>
              ))}
              {policyVersion && <li className="muted small">{t('split.policy', { version: policyVersion })}</li>}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
