/**
 * Bills parked while another patient was served: whose, how many items, the total; each can be
 * resumed (Ctrl+D resumes the last one parked, the bill on screen taking its place) or dropped.
 */
import { useI18n } from '../i18n/index.js';
import { billTotal } from '../lib/draft.js';
import type { ParkedBill } from '../lib/settlement-draft.js';
import { Amount } from './Amount.js';

interface Props {
  parked: readonly ParkedBill[];
  disabled: boolean;
  onResume(id: number): void;
  onDrop(id: number): void;
}

export function ParkedBills({ parked, disabled, onResume, onDrop }: Props) {
  const { t } = useI18n();
  if (parked.length === 0) return null;
  return (
    <section className="panel parked-bills" data-testid="parked-bills" data-count={parked.length} aria-labelledby="parked-title">
      <h3 id="parked-title">
        {t('parked.title', { n: parked.length })} <kbd>Ctrl+D</kbd>
      </h3>
      <ul>
        {[...parked].reverse().map((p) => (
          <li key={p.id} data-testid="parked-bill" data-psn-no={p.person?.psn_no ?? ''}>
            <span className="parked-who">{p.person?.name ?? t('parked.nobody')}</span>
            <span className="muted small">{t('parked.lines', { n: p.lines.length })}</span>
            <Amount fen={billTotal(p.lines)} size="sm" />
            <span className="parked-actions">
              <button type="button" className="btn btn-small" disabled={disabled} onClick={() => onResume(p.id)} data-testid="parked-resume">
                {t('parked.resume')}
              </button>
              <button type="button" className="btn btn-small btn-quiet" disabled={disabled} onClick={() => onDrop(p.id)} data-testid="parked-drop">
                {t('parked.drop')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
