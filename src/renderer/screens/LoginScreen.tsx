/** Cashier sign-in: 4-digit number + PIN, Enter submits. */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';

export function LoginScreen({ onSession, institution }: { onSession(s: SessionState): void; institution: string | null }) {
  const { t } = useI18n();
  const [cashierNo, setCashierNo] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!/^\d{4}$/.test(cashierNo)) return setError(t('login.cashierInvalid'));
    if (!/^\d{4,8}$/.test(pin)) return setError(t('login.pinInvalid'));
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
        <label className="field">
          <span>{t('login.cashier')}</span>
          <input
            autoFocus
            inputMode="numeric"
            autoComplete="username"
            maxLength={4}
            value={cashierNo}
            onChange={(e) => setCashierNo(e.target.value.replace(/\D/g, ''))}
            data-testid="login-cashier"
          />
        </label>
        <label className="field">
          <span>{t('login.pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            data-testid="login-pin"
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </button>
        <p className="muted small">{t('login.hint')}</p>
      </form>
    </div>
  );
}
