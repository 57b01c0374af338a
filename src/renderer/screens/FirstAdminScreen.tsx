/** A first start against a real center: no cashier exists, so the first administrator is created here (once). */
import { useState } from 'react';
import type { SessionState } from '../../shared/api.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useFormSubmit } from '../lib/use-form-submit.js';
import { DigitsField } from '../components/DigitsField.js';
import { FormError } from '../components/ErrorBanner.js';
import '../security.css';

export function FirstAdminScreen({ onSession }: { onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const [no, setNo] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const { error, busy, submit } = useFormSubmit();
  const invalid = () =>
    !CASHIER_NO_PATTERN.test(no) ? t('login.cashierInvalid') : !name.trim() ? t('setup.name') : !PIN_PATTERN.test(pin) ? t('login.pinInvalid') : pin !== pin2 ? t('setup.mismatch') : null;
  return (
    <div className="center-screen">
      <form
        className="card login-card"
        data-testid="first-admin"
        onSubmit={(e) => void submit(e, { invalid: invalid(), run: async () => onSession(await api('setup.firstAdmin', { cashierNo: no, name: name.trim(), pin })) })}
      >
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.hint')}</p>
        <DigitsField label={t('login.cashier')} value={no} onChange={setNo} maxLength={4} testId="first-admin-no" autoFocus />
        <label className="field">
          <span>{t('setup.name')}</span>
          <input value={name} maxLength={20} onChange={(e) => setName(e.target.value)} data-testid="first-admin-name" />
        </label>
        <DigitsField label={t('login.pin')} value={pin} onChange={setPin} maxLength={8} testId="first-admin-pin" secret autoComplete="new-password" />
        <DigitsField label={t('setup.pin2')} value={pin2} onChange={setPin2} maxLength={8} testId="first-admin-pin2" secret autoComplete="new-password" />
        <FormError error={error} testId="first-admin-error" />
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy} data-testid="first-admin-submit">
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
