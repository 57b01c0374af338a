/** The sign-in and unlock card: what comes before the PIN, the PIN, the error line, submit, a hint. */
import { useState, type ReactNode } from 'react';
import { PIN_PATTERN } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { useFormSubmit } from '../lib/use-form-submit.js';
import { DigitsField } from './DigitsField.js';
import { FormError } from './ErrorBanner.js';

interface Props {
  testId?: string;
  /** the heading and any field before the PIN (the cashier number) */
  children: ReactNode;
  pin: { label: string; testId: string; autoFocus?: boolean; autoComplete?: string };
  /** what is wrong with the fields before the PIN, or null */
  check?(): string | null;
  /** sign in or unlock; the PIN is cleared whatever the answer */
  send(pin: string): Promise<unknown>;
  /** the sentence for a wrong PIN */
  authFailed: string;
  errorTestId: string;
  submit: { label: string; testId: string };
  hint: string;
}

export function PinForm({ testId, children, pin: pinField, check, send, authFailed, errorTestId, submit: submitButton, hint }: Props) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const { error, busy, submit } = useFormSubmit();
  const invalid = () => check?.() ?? (PIN_PATTERN.test(pin) ? null : t('login.pinInvalid'));
  return (
    <form
      className="card login-card"
      onSubmit={(e) => void submit(e, { invalid: invalid(), run: () => send(pin), after: () => setPin(''), authFailed })}
      data-testid={testId}
    >
      {children}
      <DigitsField label={pinField.label} value={pin} onChange={setPin} maxLength={8} testId={pinField.testId} secret autoFocus={pinField.autoFocus} autoComplete={pinField.autoComplete} />
      <FormError error={error} testId={errorTestId} />
      <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid={submitButton.testId}>
        {submitButton.label}
      </button>
      <p className="muted small">{hint}</p>
    </form>
  );
}
