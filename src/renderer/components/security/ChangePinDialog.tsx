/** A cashier changes his own PIN: the current one, then the new one twice. */
import { useState } from 'react';
import { PIN_PATTERN } from '../../../shared/domain.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { DigitsField } from '../DigitsField.js';
import { FormError } from '../ErrorBanner.js';

export function ChangePinDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const [oldPin, setOld] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [done, setDone] = useState(false);
  const { error, busy, submit } = useFormSubmit();
  const invalid = !PIN_PATTERN.test(oldPin) || !PIN_PATTERN.test(pin) ? t('login.pinInvalid') : pin !== pin2 ? t('setup.mismatch') : null;
  return (
    <div className="overlay overlay-top" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-testid="change-pin">
      <form
        className="overlay-card dialog-card"
        onSubmit={(e) =>
          void submit(e, {
            invalid,
            run: async () => {
              await api('session.changePin', { oldPin, newPin: pin });
              setDone(true);
            },
            after: () => {
              setOld('');
              setPin('');
              setPin2('');
            },
            authFailed: t('lock.failed'),
          })
        }
      >
        <h2 id="pin-title">{t('pin.title')}</h2>
        <DigitsField label={t('pin.old')} value={oldPin} onChange={setOld} maxLength={8} testId="change-pin-old" secret autoFocus autoComplete="current-password" />
        <DigitsField label={t('pin.new')} value={pin} onChange={setPin} maxLength={8} testId="change-pin-new" secret autoComplete="new-password" />
        <DigitsField label={t('pin.new2')} value={pin2} onChange={setPin2} maxLength={8} testId="change-pin-new2" secret autoComplete="new-password" />
        <FormError error={error} testId="change-pin-error" />
        {done && (
          <p className="muted" role="status" data-testid="change-pin-done">
            {t('pin.done')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="change-pin-close">
            {t('common.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="change-pin-submit">
            {t('pin.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
