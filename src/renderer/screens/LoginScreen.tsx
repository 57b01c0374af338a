/** Cashier sign-in: 4-digit number + PIN, Enter submits. */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { PIN_PATTERN, CASHIER_NO_PATTERN } from '../../shared/domain.js';
import { DigitsField } from '../components/DigitsField.js';
import { FormError } from '../components/ErrorBanner.js';

export function LoginScreen({ onSession, institution }: { onSession(s: SessionState): void; institution: string | null }) {
  const { t } = useI18n();
  const [cashierNo, setCashierNo] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!CASHIER_NO_PATTERN.test(cashierNo)) return setError(t('login.cashierInvalid'));
    if (!PIN_PATTERN.test(pin)) return setError(t('login.pinInvalid'));
    setBusy(true);
    setError(null);
    try {
      const s = await api('session.login', { cashierNo, pin });
      setPin('');
      onSession(s);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr.code === 'AUTH' ? t('login.failed') : describeError(t, apiErr));
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="center-screen">
      <form className="card login-card" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.title')}</h1>
        {institution && <p className="muted">{institution}</p>}
        <h2>{t('login.title')}</h2>
        <DigitsField label={t('login.cashier')} value={cashierNo} onChange={setCashierNo} maxLength={4} testId="login-cashier" autoFocus autoComplete="username" />
        <DigitsField label={t('login.pin')} value={pin} onChange={setPin} maxLength={8} testId="login-pin" secret autoComplete="current-password" />
        <FormError error={error} testId="login-error" />
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </button>
        <p className="muted small">{t('login.hint')}</p>
      </form>
    </div>
  );
}
