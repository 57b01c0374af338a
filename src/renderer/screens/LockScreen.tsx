/** Locked: shows who is signed in; the same cashier's PIN unlocks. */
import type { SessionState } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { PinForm } from '../components/PinForm.js';

export function LockScreen({ session, onSession }: { session: SessionState; onSession(s: SessionState): void }) {
  const { t } = useI18n();
  const cashier = session.cashier;
  return (
    <div className="lock-screen" data-testid="lock-screen">
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
    </div>
  );
}
