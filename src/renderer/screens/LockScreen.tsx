/** Locked: shows who is signed in; the same cashier's PIN unlocks. */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { PIN_PATTERN } from '../../shared/domain.js';
import { DigitsField } from '../components/DigitsField.js';
import { FormError } from '../components/ErrorBanner.js';

export function LockScreen({ session, onSession }: { session: SessionState; onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!PIN_PATTERN.test(pin)) return setError(t('login.pinInvalid'));
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
        <DigitsField label={t('lock.pin')} value={pin} onChange={setPin} maxLength={8} testId="unlock-pin" secret autoFocus />
        <FormError error={error} testId="unlock-error" />
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid="unlock-submit">
          {t('lock.submit')}
        </button>
        <p className="muted small">{t('lock.hint')}</p>
      </form>
    </div>
  );
}
