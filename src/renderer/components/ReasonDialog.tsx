/** A dialog over a list that asks why before it acts (reversing a settlement, or a conflicting one). */
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { useFormSubmit } from '../lib/use-form-submit.js';
import { FormError } from './ErrorBanner.js';

interface Props {
  testId: string;
  title: string;
  /** id of the heading, which then names the dialog */
  titleId?: string;
  /** a line saying what is about to be done */
  summary?: string;
  label: string;
  placeholder?: string;
  /** the message for an empty reason; without one the confirm button waits for a reason */
  reasonRequired?: string;
  confirmLabel: string;
  /** test ids of the reason field, the error line, cancel and confirm */
  ids: { reason: string; error?: string; cancel?: string; confirm: string };
  /** act with the reason (trimmed, at most 100 characters); a failure stays in the dialog */
  onSubmit(reason: string): Promise<unknown>;
  onCancel(): void;
  /** more of the form after the reason (a supervisor's approval), and what is wrong with it */
  children?: ReactNode;
  invalid?(): string | null;
  /** the sentence for a refused PIN in that part of the form */
  authFailed?: string;
}

export function ReasonDialog({ testId, title, titleId, summary, label, placeholder, reasonRequired, confirmLabel, ids, onSubmit, onCancel, children, invalid, authFailed }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useFormSubmit();
  const text = reason.trim();
  return (
    <div className="overlay overlay-top" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
      <form className="overlay-card dialog-card" onSubmit={(e) => void submit(e, { invalid: text ? (invalid?.() ?? null) : (reasonRequired ?? ''), run: () => onSubmit(text.slice(0, 100)), authFailed })}>
        <h2 id={titleId}>{title}</h2>
        {summary && <p>{summary}</p>}
        <label className="field">
          <span>{label}</span>
          <input autoFocus value={reason} maxLength={100} placeholder={placeholder} onChange={(e) => setReason(e.target.value)} data-testid={ids.reason} />
        </label>
        {children}
        <FormError error={error} testId={ids.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} data-testid={ids.cancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || (!reasonRequired && !text)} data-testid={ids.confirm}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
