/**
 * The amount received, under the preview when there is cash to collect: type the amount and press
 * Enter (it settles, like F9); + is a 100 note, − a 50 note, * the exact amount (整额); nothing typed
 * is the exact amount. The change stands in large digits.
 */
import { useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import { useI18n } from '../../i18n/index.js';
import { focusField, type FocusHandle } from '../../lib/focus.js';
import { cleanTenderText, PLAUSIBLE_CHANGE_FEN, tendered, type TenderState } from '../../lib/tender.js';
import { formatYuan } from '../../../shared/money.js';
import { Amount } from '../Amount.js';
import '../../styles/receipts.css';

interface Props {
  due: number;
  tender: TenderState;
  disabled: boolean;
  onChange(t: TenderState): void;
  onQuick(kind: 'exact' | 100 | 50): void;
  onConfirm(): void;
  ref?: Ref<FocusHandle>;
}

const QUICK: Record<string, 'exact' | 100 | 50> = { '+': 100, '-': 50, '*': 'exact' };

export function CashTender({ due, tender, disabled, onChange, onQuick, onConfirm, ref }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => void focusField(input.current) }), []);
  const r = tendered(tender, due);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const quick = QUICK[e.key];
    if (quick !== undefined) {
      e.preventDefault();
      onQuick(quick);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onConfirm();
    }
  }

  return (
    <section className="panel tender-panel" data-testid="tender-panel" data-due={due}>
      <div className="tender-row">
        <label>
          {t('tender.received')}
          <input
            ref={input}
            inputMode="decimal"
            autoComplete="off"
            value={tender.text}
            placeholder={t('tender.placeholder')}
            disabled={disabled}
            onChange={(e) => onChange({ text: cleanTenderText(e.target.value), how: 'typed' })}
            onKeyDown={onKeyDown}
            data-testid="tender-input"
          />
        </label>
        <div className="tender-quick">
          <button type="button" className="btn" disabled={disabled} onClick={() => onQuick(100)} data-testid="tender-100">
            {t('tender.note', { n: 100 })} <kbd>+</kbd>
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => onQuick(50)} data-testid="tender-50">
            {t('tender.note', { n: 50 })} <kbd>−</kbd>
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => onQuick('exact')} data-testid="tender-exact">
            {t('tender.exact')} <kbd>*</kbd>
          </button>
        </div>
      </div>
      {r.problem ? (
        <div className="tender-problem" data-testid="tender-problem" data-problem={r.problem} role="status">
          {r.problem === 'short' ? t('tender.short', { amount: formatYuan(r.short) }) : r.problem === 'format' ? t('tender.format') : t('tender.tooMuch', { max: formatYuan(PLAUSIBLE_CHANGE_FEN) })}
        </div>
      ) : (
        <div className="tender-change">
          <span className="split-label">{t('tender.change')}</span>
          <Amount fen={r.change ?? 0} size="xl" testId="tender-change" />
        </div>
      )}
      <div className="muted small">{t('tender.keys')}</div>
    </section>
  );
}
