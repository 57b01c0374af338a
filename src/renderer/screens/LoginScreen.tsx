/** Cashier sign-in: 4-digit number + PIN, Enter submits. */
import { useState } from 'react';
import type { SessionState } from '../../shared/api.js';
import { CASHIER_NO_PATTERN } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { DigitsField } from '../components/DigitsField.js';
import { PinForm } from '../components/PinForm.js';

export function LoginScreen({ onSession, institution }: { onSession(s: SessionState): void; institution: string | null }) {
  const { t } = useI18n();
  const [cashierNo, setCashierNo] = useState('');
  return (
    <div className="center-screen">
      <PinForm
        testId="login-form"
        pin={{ label: t('login.pin'), testId: 'login-pin', autoComplete: 'current-password' }}
        check={() => (CASHIER_NO_PATTERN.test(cashierNo) ? null : t('login.cashierInvalid'))}
        send={async (pin) => onSession(await api('session.login', { cashierNo, pin }))}
        authFailed={t('login.failed')}
        errorTestId="login-error"
        submit={{ label: t('login.submit'), testId: 'login-submit' }}
        hint={t('login.hint')}
      >
        <h1>{t('app.title')}</h1>
        {institution && <p className="muted">{institution}</p>}
        <h2>{t('login.title')}</h2>
        <DigitsField label={t('login.cashier')} value={cashierNo} onChange={setCashierNo} maxLength={4} testId="login-cashier" autoFocus autoComplete="username" />
      </PinForm>
    </div>
  );
}
