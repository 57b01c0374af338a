/** Locked: shows who is signed in; the same cashier's PIN unlocks. */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';

export function LockScreen({ session, onSession }: { session: SessionState; onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!/^\d{4,8}$/.test(pin)) return setError(t('login.pinInvalid'));
    setBusy(true);
    setError(null);
    try {
      onSession(await api('session.unlock', { pin }));
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr.code === 'AUTH' ? t('lock.failed') : describeError(t, apiErr));
    } finally {
      setPin('');
      setBusy(false);
    }
  }

  const cashier = session.cashier;
  return (
    <div className="lock-screen" data-testid="lock-screen">
      <form className="card login-card" onSubmit={submit}>
        <h1>{t('lock.title')}</h1>
        {cashier && (
          <p className="lock-who" data-testid="lock-cashier">
            {t('lock.who', { name: cashier.name, no: cashier.no })}
          </p>
        )}
        <label className="field">
          <span>{t('lock.pin')}</span>
          <input
            autoFocus
            type="password"
            inputMode="numeric"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            data-testid="unlock-pin"
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="unlock-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid="unlock-submit">
          {t('lock.submit')}
        </button>
        <p className="muted small">{t('lock.hint')}</p>
      </form>
    </div>
  );
}
