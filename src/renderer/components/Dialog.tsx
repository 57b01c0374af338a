/**
 * A dialog over the screen that its close button or a click beside it closes (help, devices). Its
 * body scrolls inside the card, so the close button stays on screen however short the window.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

interface Props {
  testId: string;
  /** the dialog's name: the id of its heading, or a label when it has none */
  labelledBy?: string;
  label?: string;
  /** extra class of the card */
  className?: string;
  closeTestId: string;
  onClose(): void;
  children: ReactNode;
}

export function Dialog({ testId, labelledBy, label, className, closeTestId, onClose, children }: Props) {
  const { t } = useI18n();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-label={label} data-testid={testId} onClick={onClose}>
      <div className={`overlay-card dialog-card${className ? ` ${className}` : ''}`} onClick={(e) => e.stopPropagation()}>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus data-testid={closeTestId}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
