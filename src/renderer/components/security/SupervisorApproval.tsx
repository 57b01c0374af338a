/**
 * The supervisor's part of a dialog (reversal, removing an HIS bill line …): number and PIN typed by
 * the supervisor at the window, or the line saying why none is needed. Used with lib/use-approval.ts.
 */
import { useI18n } from '../../i18n/index.js';
import type { Approval } from '../../lib/use-approval.js';
import { DigitsField } from '../DigitsField.js';
import '../../security.css';

export function SupervisorApproval({ approval, testId }: { approval: Approval; testId: string }) {
  const { t } = useI18n();
  const need = approval.need;
  if (!need) return <p className="muted small" data-testid={`${testId}-checking`}>…</p>;
  if (!need.required) {
    return (
      <p className="muted small" data-testid={`${testId}-not-needed`} data-exception={need.exception ?? ''}>
        {t(`approval.notNeeded.${need.exception ?? 'supervisor_signed_in'}`)}
      </p>
    );
  }
  return (
    <fieldset className="approval" data-testid={testId}>
      <legend>{t('approval.title')}</legend>
      <p className="muted small">{t('approval.hint')}</p>
      <div className="approval-fields">
        <DigitsField label={t('approval.supervisorNo')} value={approval.supervisorNo} onChange={approval.setSupervisorNo} maxLength={4} testId={`${testId}-no`} autoComplete="off" />
        <DigitsField label={t('approval.pin')} value={approval.pin} onChange={approval.setPin} maxLength={8} testId={`${testId}-pin`} secret autoComplete="off" />
      </div>
    </fieldset>
  );
}
