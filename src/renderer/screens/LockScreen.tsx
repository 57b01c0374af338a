/**
 * Locked: shows who is signed in; the same cashier's PIN unlocks. Below, a supervisor's number and
 * PIN unlock it for the cashier (and lift his lockout) or end his session so another cashier signs in.
 */
import { useState } from 'react';
import type { SessionState } from '../../shared/api.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useFormSubmit } from '../lib/use-form-submit.js';
import { DigitsField } from '../components/DigitsField.js';
import { FormError } from '../components/ErrorBanner.js';
import { PinForm } from '../components/PinForm.js';
import '../security.css';

export function LockScreen({ session, onSession }: { session: SessionState; onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const cashier = session.cashier;
  return (
    <div className="lock-screen" data-testid="lock-screen">
      <div className="lock-stack">
        <PinForm
          pin={{ label: t('lock.pin'), testId: 'unlock-pin', autoFocus: true }}
          send={async (pin) => onSession(await api('session.unlock', { pin }))}
          authFailed={t('lock.failed')}
          errorTestId="unlock-error"
          submit={{ label: t('lock.submit'), testId: 'unlock-submit' }}
          hint={t('lock.hint')}
        >
          <h1>{t('lock.title')}</h1>
          {cashier && (
            <p className="lock-who" data-testid="lock-cashier">
              {t('lock.who', { name: cashier.name, no: cashier.no })}
            </p>
          )}
        </PinForm>
        <SupervisorUnlock onSession={onSession} />
      </div>
    </div>
  );
}

function SupervisorUnlock({ onSession }: { onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const [no, setNo] = useState('');
  const [pin, setPin] = useState('');
  const { error, busy, submit } = useFormSubmit();
  const invalid = CASHIER_NO_PATTERN.test(no) && PIN_PATTERN.test(pin) ? null : t('approval.invalid');
  return (
    <form
      className="card lock-supervisor"
      data-testid="supervisor-unlock"
      onSubmit={(e) => {
        // which of the two buttons sent the form (Enter in a field: unlock)
        const mode = ((e.nativeEvent as SubmitEvent).submitter as HTMLElement | null)?.dataset.mode === 'switch' ? 'switch' : 'unlock';
        void submit(e, {
          invalid,
          run: async () => onSession(await api('session.supervisorUnlock', { supervisorNo: no, pin, mode })),
          after: () => setPin(''),
          authFailed: t('login.failed'),
        });
      }}
    >
      <h2>{t('lock.supervisor')}</h2>
      <p className="muted small">{t('lock.supervisorHint')}</p>
      <div className="approval-fields">
        <DigitsField label={t('approval.supervisorNo')} value={no} onChange={setNo} maxLength={4} testId="supervisor-unlock-no" autoComplete="off" />
        <DigitsField label={t('approval.pin')} value={pin} onChange={setPin} maxLength={8} testId="supervisor-unlock-pin" secret autoComplete="off" />
      </div>
      <FormError error={error} testId="supervisor-unlock-error" />
      <div className="row">
        <button type="submit" className="btn" disabled={busy} data-mode="unlock" data-testid="supervisor-unlock-submit">
          {t('lock.supervisorUnlock')}
        </button>
        <button type="submit" className="btn" disabled={busy} data-mode="switch" data-testid="supervisor-switch-submit">
          {t('lock.supervisorSwitch')}
        </button>
      </div>
    </form>
  );
}
