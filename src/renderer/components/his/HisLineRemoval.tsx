/**
 * Removing a line of an HIS bill needs a supervisor: the supervisor types his number and PIN here,
 * the main side checks them and records the removal (audited); the bill comes back without the line.
 */
import { useState } from 'react';
import type { HeldHisBill } from '../../../shared/api-his.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { DigitsField } from '../DigitsField.js';
import { FormError } from '../ErrorBanner.js';

interface Props {
  billNo: string;
  /** the line's position among the lines still on the bill */
  position: number;
  med_list_codg: string;
  name: string;
  onRemoved(held: HeldHisBill): void;
  onCancel(): void;
}

export function HisLineRemoval({ billNo, position, med_list_codg, name, onRemoved, onCancel }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [supervisorNo, setSupervisorNo] = useState('');
  const [pin, setPin] = useState('');
  const { error, busy, submit } = useFormSubmit();
  const invalid = !reason.trim() ? t('hisRemove.reasonRequired') : !/^\d{4}$/.test(supervisorNo) ? t('login.cashierInvalid') : !/^\d{4,8}$/.test(pin) ? t('login.pinInvalid') : null;
  return (
    <div className="overlay overlay-top" role="dialog" aria-modal="true" aria-labelledby="his-remove-title" data-testid="his-remove-dialog">
      <form
        className="overlay-card dialog-card"
        onSubmit={(e) =>
          void submit(e, {
            invalid,
            run: async () => onRemoved(await api('his.removeLine', { billNo, position, med_list_codg, reason: reason.trim().slice(0, 100), supervisorNo, pin })),
            after: () => setPin(''),
            authFailed: t('hisRemove.authFailed'),
          })
        }
      >
        <h2 id="his-remove-title">{t('hisRemove.title')}</h2>
        <p>{t('hisRemove.summary', { no: billNo, n: position + 1, name })}</p>
        <label className="field">
          <span>{t('hisRemove.reason')}</span>
          <input autoFocus value={reason} maxLength={100} placeholder={t('hisRemove.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} data-testid="his-remove-reason" />
        </label>
        <DigitsField label={t('hisRemove.supervisor')} value={supervisorNo} onChange={setSupervisorNo} maxLength={4} testId="his-remove-supervisor" />
        <DigitsField label={t('hisRemove.pin')} value={pin} onChange={setPin} maxLength={8} testId="his-remove-pin" secret autoComplete="off" />
        <FormError error={error} testId="his-remove-error" />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} data-testid="his-remove-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy} data-testid="his-remove-confirm">
            {t('hisRemove.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
