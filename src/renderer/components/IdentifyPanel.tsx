/**
 * Left panel: waiting for a card / QR, or a typed ID number; then the person card. A mistyped ID
 * number (wrong length, wrong check digit) stays in the field, marked, until it is corrected; the
 * field empties once the person is identified (and on F2, which renders the panel anew).
 */
import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import type { PersonView } from '../../shared/domain.js';
import { isValidIdNumber } from '../../shared/id-number.js';
import { useI18n } from '../i18n/index.js';
import { focusField, type FocusHandle } from '../lib/focus.js';
import { isCertno, normaliseCertno } from '../lib/format.js';
import type { DraftNotice } from '../lib/settlement-draft.js';
import { PersonCard } from './PersonCard.js';
import { FormError } from './ErrorBanner.js';

interface Props {
  person: PersonView | null;
  /** masked display of a credential being looked up, or '' for a typed number */
  identifying: string | null;
  /** the screen's word on the patient shown (a failed identification kept the previous bill) */
  notice: DraftNotice;
  disabled: boolean;
  onIdentifyCertno(certno: string): void;
  /** F3 focuses the ID-number field */
  ref?: Ref<FocusHandle>;
}

export function IdentifyPanel({ person, identifying, notice, disabled, onIdentifyCertno, ref }: Props) {
  const { t } = useI18n();
  const [certno, setCertno] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => void focusField(input.current) }), []);

  // identified: the number did its work
  const personRef = person?.personRef ?? null;
  useEffect(() => {
    if (personRef) {
      setCertno('');
      setError(null);
    }
  }, [personRef]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = normaliseCertno(certno);
    if (!isCertno(c)) return setError(t('identify.invalid'));
    if (!isValidIdNumber(c)) return setError(t('identify.badCheckDigit'));
    setError(null);
    onIdentifyCertno(c);
  }

  return (
    <section className="panel identify-panel" aria-labelledby="identify-title">
      <h2 id="identify-title">{t('identify.title')}</h2>
      {notice?.kind === 'identifyFailedKept' && (
        <div className="notice notice-warn" role="status" data-testid="identify-kept-notice">
          {t('identify.keptPrevious', { name: notice.name })}
        </div>
      )}
      {notice?.kind === 'resumed' && (
        <div className="notice notice-info" role="status" data-testid="parked-resumed-notice">
          {t('parked.resumedNotice', { name: notice.name })}
        </div>
      )}
      {!person && (
        <div className="identify-waiting" data-testid="identify-waiting">
          {identifying !== null ? (identifying ? t('identify.presented', { display: identifying }) : t('busy.identify')) : t('identify.waiting')}
        </div>
      )}
      {person && <PersonCard person={person} />}
      {person && identifying !== null && (
        <div className="muted small" data-testid="identify-busy">
          {identifying ? t('identify.presented', { display: identifying }) : t('busy.identify')}
        </div>
      )}
      <form className="identify-form" onSubmit={submit}>
        <label className="field">
          <span>
            {t('identify.certno')} <kbd>F3</kbd>
          </span>
          <div className="input-row">
            <input
              ref={input}
              value={certno}
              maxLength={18}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('identify.certnoPlaceholder')}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setCertno(e.target.value.toUpperCase().replace(/[^0-9X]/g, ''));
                setError(null);
              }}
              disabled={disabled}
              data-testid="identify-certno"
            />
            <button type="submit" className="btn" disabled={disabled} data-testid="identify-submit">
              {t('identify.submit')}
            </button>
          </div>
        </label>
        <FormError error={error} testId="identify-error" announce={false} />
      </form>
    </section>
  );
}
