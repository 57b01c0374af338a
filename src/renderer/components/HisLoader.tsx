/** Outpatient: load the HIS bill file; its text is parsed and checked on the main side (bill.parseHis). */
import { useImperativeHandle, useRef, useState, type ChangeEvent, type Ref } from 'react';
import type { PersonView } from '../../shared/domain.js';
import type { HisBill } from '../../shared/his-bill.js';
import { maskCertno } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { HisLineError, type HisInfo } from '../lib/draft.js';
import { focusField, type FocusHandle } from '../lib/focus.js';
import { FormError } from './ErrorBanner.js';

interface Props {
  disabled: boolean;
  his: HisInfo | null;
  person: PersonView | null;
  /** the bill's problem when its lines cannot be taken (nothing is loaded then) */
  onLoaded(bill: HisBill & { fingerprint: string }): Error | null;
  /** F4 focuses the file chooser */
  ref?: Ref<FocusHandle>;
}

export function HisLoader({ disabled, his, person, onLoaded, ref }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [patientCertnoMasked, setPatientCertnoMasked] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => void focusField(input.current) }), []);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after a fix
    if (!file) return;
    setError(null);
    let content: string;
    try {
      content = await file.text();
    } catch {
      setError(t('his.readFailed'));
      return;
    }
    try {
      const bill = await api('bill.parseHis', { content });
      const problem = onLoaded(bill);
      if (problem) setError(problem instanceof HisLineError ? describeError(t, { code: 'VALIDATION', message: problem.message, field: problem.field, key: problem.key, params: { field: problem.field } }) : t('his.error'));
      setPatientCertnoMasked(bill.patient_certno ? maskCertno(bill.patient_certno) : null);
    } catch (err) {
      const apiErr = toApiError(err);
      // the main side names the field and says what is wrong with it, in words (his.* keys)
      setError(apiErr.key?.startsWith('his.') ? describeError(t, apiErr) : `${t('his.error')}：${describeError(t, apiErr)}`);
    }
  }

  const mismatch = his && person && patientCertnoMasked && patientCertnoMasked !== person.certno_masked;
  return (
    <div className="his-loader">
      <label className={`btn file-btn${disabled ? ' disabled' : ''}`}>
        {t('his.load')}
        <input ref={input} type="file" accept=".json,application/json" onChange={onFile} disabled={disabled} data-testid="his-file-input" />
      </label>
      <span className="muted small">{t('his.hint')}</span>
      <FormError error={error} testId="his-error" />
      {his ? (
        <dl className="his-info" data-testid="his-info" data-his-bill-no={his.his_bill_no}>
          <dt>{t('his.billNo')}</dt>
          <dd className="mono">{his.his_bill_no}</dd>
          <dt>{t('his.dept')}</dt>
          <dd>{his.dept_name || '—'}</dd>
          <dt>{t('his.doctor')}</dt>
          <dd>{his.doctor_name || '—'}</dd>
          <dt>{t('his.diagnosis')}</dt>
          <dd>{his.diagnosis.map((d) => `${d.diag_name}（${d.diag_code}）`).join('；') || '—'}</dd>
          {mismatch && (
            <dd className="warn-text" data-testid="his-patient-mismatch">
              {t('person.certno')} {patientCertnoMasked} ≠ {person.certno_masked}
            </dd>
          )}
        </dl>
      ) : (
        <div className="muted">{t('his.empty')}</div>
      )}
    </div>
  );
}
