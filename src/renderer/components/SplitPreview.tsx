/** The split of the bill in large numbers; the cash to collect is the largest. */
import { useState } from 'react';
import type { ExplanationStep, Split } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { AMOUNT_FIELDS } from '../lib/amount-fields.js';
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

/** The five parts of a split; `compact` (the result panel, whose collect amount stands above): smaller, cash in the row. */
export function SplitAmounts({ split, idPrefix = 'split', compact = false }: { split: Split; idPrefix?: string; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={`split-grid${compact ? ' split-compact' : ''}`}>
      {AMOUNT_FIELDS.map(({ field, short }) => {
        // the cash to collect is what the cashier says aloud: the largest
        const cash = short === 'cash' && !compact;
        return (
          <div key={field} className={cash ? 'split-cell split-cash' : 'split-cell'}>
            <div className="split-label">{t(cash ? 'split.cashCollect' : `split.${short}`)}</div>
            <Amount fen={split[field]} size={cash ? 'xl' : compact ? 'md' : 'lg'} testId={`${idPrefix}-${short}`} />
          </div>
        );
      })}
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
