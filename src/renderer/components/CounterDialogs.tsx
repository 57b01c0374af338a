/**
 * The counter's own questions, each answered by keyboard:
 * - another patient identified while a bill is open: 1 park this bill, 2 discard it, Esc ignore;
 * - an unusual quantity or total at F9: Enter (or F9 again) settles, Esc goes back to the bill.
 * The keys Esc and F9 come through the screen's key dispatch (workspace-actions.ts); the digits here.
 */
import { useLayoutEffect, useRef } from 'react';
import type { PersonView } from '../../shared/domain.js';
import { formatYuan, type Fen } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import type { IncomingChoice } from '../lib/settlement-draft.js';
import { runUnlessScan } from '../lib/wedge.js';

function useDigitKeys(map: Record<string, () => void>) {
  const ref = useRef(map);
  ref.current = map;
  // before the dialog is painted: a key pressed the moment it shows must reach it
  useLayoutEffect(() => {
    function onKey(e: KeyboardEvent) {
      const fn = ref.current[e.key];
      if (!fn || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      // a digit may be the start of a keyboard-wedge scan: act once it is known not to be
      runUnlessScan(e, fn);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

interface IncomingProps {
  current: { name: string; lines: number; total: Fen };
  incoming: PersonView;
  canPark: boolean;
  onChoose(choice: IncomingChoice): void;
}

export function IncomingPatientDialog({ current, incoming, canPark, onChoose }: IncomingProps) {
  const { t } = useI18n();
  useDigitKeys({ '1': () => canPark && onChoose('park'), '2': () => onChoose('discard') });
  return (
    <div className="overlay overlay-top" role="alertdialog" aria-modal="true" aria-labelledby="incoming-title" data-testid="incoming-dialog">
      <div className="overlay-card dialog-card">
        <h2 id="incoming-title">{t('incoming.title')}</h2>
        <p data-testid="incoming-who">
          {t('incoming.newPerson', { name: incoming.name, certno: incoming.certno_masked })}
        </p>
        <p className="muted">{t('incoming.current', { name: current.name, n: current.lines, total: formatYuan(current.total) })}</p>
        <div className="dialog-choices">
          <button type="button" className="btn btn-primary" autoFocus={canPark} disabled={!canPark} onClick={() => onChoose('park')} data-testid="incoming-park">
            <kbd>1</kbd> {t('incoming.park', { name: incoming.name })}
          </button>
          {!canPark && <div className="muted small">{t('incoming.parkFull')}</div>}
          <button type="button" className="btn" autoFocus={!canPark} onClick={() => onChoose('discard')} data-testid="incoming-discard">
            <kbd>2</kbd> {t('incoming.discard', { name: incoming.name })}
          </button>
          <button type="button" className="btn" onClick={() => onChoose('ignore')} data-testid="incoming-ignore">
            <kbd>Esc</kbd> {t('incoming.ignore', { name: current.name })}
          </button>
        </div>
      </div>
    </div>
  );
}

interface UnusualProps {
  ask: { lines: number[]; total: boolean };
  lines: ReadonlyArray<{ name: string; qty: string; unit: string }>;
  total: Fen;
  limits: { plausibleQty: number; plausibleBillFen: number };
  onConfirm(): void;
  onCancel(): void;
}

export function UnusualDialog({ ask, lines, total, limits, onConfirm, onCancel }: UnusualProps) {
  const { t } = useI18n();
  return (
    <div className="overlay overlay-top" role="alertdialog" aria-modal="true" aria-labelledby="unusual-title" data-testid="unusual-dialog">
      <div className="overlay-card dialog-card">
        <h2 id="unusual-title">{t('unusual.title')}</h2>
        <ul className="unusual-list">
          {ask.lines.map((n) => {
            const l = lines[n - 1];
            return (
              <li key={n} data-testid="unusual-line" data-line={n}>
                {t('unusual.line', { n, name: l?.name ?? '', qty: l?.qty ?? '', unit: l?.unit ?? '', max: limits.plausibleQty })}
              </li>
            );
          })}
          {ask.total && <li data-testid="unusual-total">{t('unusual.total', { total: formatYuan(total), max: formatYuan(limits.plausibleBillFen) })}</li>}
        </ul>
        <p>{t('unusual.ask')}</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} data-testid="unusual-cancel">
            {t('unusual.back')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn btn-primary" autoFocus onClick={onConfirm} data-testid="unusual-confirm">
            {t('unusual.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
