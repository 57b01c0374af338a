/**
 * Outpatient: the prescription / visit number (处方单号), typed or scanned, loads the bill from the
 * HIS (his.loadBill). A bill already settled is refused with the settlement it belongs to (the main
 * side says which). The file picker (HisLoader) stays beside it for emergencies.
 */
import './his.css';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { HeldHisBill } from '../../../shared/api-his.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { focusField, type FocusHandle } from '../../lib/focus.js';
import { FormError } from '../ErrorBanner.js';

export interface PrescriptionFieldHandle extends FocusHandle {
  /** load this number now (a scanner read it) */
  load(no: string): void;
}

interface Props {
  disabled: boolean;
  onLoaded(held: HeldHisBill): void;
  ref?: Ref<PrescriptionFieldHandle>;
  /** the working screen's F4 target (set while the field is shown) */
  focusRef?: Ref<FocusHandle>;
}

export function PrescriptionNumberField({ disabled, onLoaded, ref, focusRef }: Props) {
  const { t } = useI18n();
  const [no, setNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function load(text: string) {
    const billNo = text.trim();
    if (!billNo) return setError(t('hisNo.empty'));
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const held = await api('his.loadBill', { billNo });
      setNo('');
      onLoaded(held);
    } catch (err) {
      setNo(billNo);
      setError(describeError(t, toApiError(err)));
    } finally {
      setBusy(false);
    }
  }

  useImperativeHandle(ref, () => ({ focus: () => void focusField(input.current), load: (n) => void load(n) }));
  useImperativeHandle(focusRef, () => ({ focus: () => void focusField(input.current) }), []);

  return (
    <form
      className="his-number"
      onSubmit={(e) => {
        e.preventDefault();
        void load(no);
      }}
      data-testid="his-number-form"
    >
      <label className="field">
        <span>
          {t('hisNo.label')} <kbd>F4</kbd>
        </span>
        <input
          ref={input}
          value={no}
          onChange={(e) => {
            setNo(e.target.value);
            setError(null);
          }}
          placeholder={t('hisNo.placeholder')}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled || busy}
          data-testid="his-number"
        />
      </label>
      <button type="submit" className="btn" disabled={disabled || busy} data-testid="his-number-load">
        {t('hisNo.load')}
      </button>
      <FormError error={error} testId="his-number-error" />
    </form>
  );
}
