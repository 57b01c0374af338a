/**
 * "Pay from the family co-pay account?": the authorizers, why some cannot be used (an expired binding
 * with its end date), and "no". The focus follows the answer (a digit pressed moves it to the option
 * chosen, so only one looks chosen); with no binding F7 lands on the plain "no binding" line, where
 * a digit does nothing.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { PersonView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { focusField, type FocusHandle } from '../lib/focus.js';
import { Amount } from './Amount.js';

interface Props {
  person: PersonView;
  chosen: string | null;
  useAcct: boolean;
  readOnly: boolean;
  onChoose(psnNo: string | null): void;
  onUseAcct(v: boolean): void;
  /** F7: the chosen answer, else the first usable one, else the own-account switch */
  ref?: Ref<FocusHandle>;
}

export function MulaidQuestion({ person, chosen, useAcct, readOnly, onChoose, onUseAcct, ref }: Props) {
  const { t } = useI18n();
  const authorizers = person.authorizers;
  const options = useRef<(HTMLButtonElement | null)[]>([]);
  const none = useRef<HTMLButtonElement>(null);
  const acct = useRef<HTMLInputElement>(null);
  const group = useRef<HTMLDivElement>(null);
  const noneBound = useRef<HTMLDivElement>(null);
  const selectedButton = () => (chosen === null ? none.current : (options.current[authorizers.findIndex((a) => a.psn_no === chosen)] ?? null));
  // an answer given by a digit while the question has the focus: the focus goes with it
  useEffect(() => {
    const el = selectedButton();
    if (el && !el.disabled && group.current?.contains(document.activeElement) && document.activeElement !== el) el.focus();
  }, [chosen]);
  useImperativeHandle(
    ref,
    () => ({
      focus() {
        if (authorizers.length === 0) return noneBound.current?.focus();
        const selected = selectedButton();
        if (selected && !selected.disabled) return selected.focus();
        const first = options.current.slice(0, authorizers.length).find((b) => b && !b.disabled) ?? none.current;
        if (first) first.focus();
        else focusField(acct.current);
      },
    }),
    [authorizers, chosen],
  );
  return (
    <section className="panel pay-options">
      <label className={`toggle${!person.hasAccount ? ' disabled' : ''}`}>
        <input
          ref={acct}
          type="checkbox"
          checked={useAcct && person.hasAccount}
          disabled={!person.hasAccount || readOnly}
          onChange={(e) => onUseAcct(e.target.checked)}
          data-testid="use-acct"
        />
        <span>{t('useAcct')}</span>
        {!person.hasAccount && <span className="muted small">（{t('person.noAccount')}）</span>}
      </label>
      {authorizers.length === 0 && (
        // the question is still answered, plainly: this person has no family co-pay binding
        <div className="mulaid-question none-bound" data-testid="mulaid-question" ref={noneBound} tabIndex={-1}>
          <h3>{t('mulaid.question')}</h3>
          <div className="mulaid-reason" data-testid="mulaid-none-bound" data-reason="not_bound">
            {t('reason.not_bound')}
          </div>
        </div>
      )}
      {authorizers.length > 0 && (
        <div className="mulaid-question" data-testid="mulaid-question" role="radiogroup" aria-labelledby="mulaid-heading" ref={group}>
          <h3 id="mulaid-heading">
            {t('mulaid.question')} <kbd>F7</kbd>
          </h3>
          <ul className="mulaid-options">
            {authorizers.map((a, i) => {
              const selected = chosen === a.psn_no;
              return (
                <li key={a.psn_no}>
                  <button
                    ref={(el) => {
                      options.current[i] = el;
                    }}
                    type="button"
                    role="radio"
                    aria-checked={selected}
                    className={`mulaid-option${selected ? ' selected' : ''}${a.usable ? '' : ' unusable'}`}
                    disabled={!a.usable || readOnly}
                    onClick={() => onChoose(a.psn_no)}
                    data-testid="mulaid-option"
                    data-psn-no={a.psn_no}
                    data-usable={a.usable ? 'true' : 'false'}
                    data-selected={selected ? 'true' : 'false'}
                  >
                    <kbd>{i < 9 ? i + 1 : ''}</kbd>
                    <span className="mulaid-relation">{t(`relation.${a.relation}`)}</span>
                    <span className="mulaid-name">{a.name_masked}</span>
                    <span className="mulaid-balance">
                      {t('mulaid.balance')} <Amount fen={a.balc} testId="mulaid-balance" />
                    </span>
                    {!a.usable && a.reason && (
                      <span className="mulaid-reason" data-testid="mulaid-reason" data-reason={a.reason}>
                        {a.reason === 'binding_expired' ? t('mulaid.expiredOn', { date: a.bind_end_date }) : t(`reason.${a.reason}`)}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
            <li>
              <button
                ref={none}
                type="button"
                role="radio"
                aria-checked={chosen === null}
                className={`mulaid-option${chosen === null ? ' selected' : ''}`}
                disabled={readOnly}
                onClick={() => onChoose(null)}
                data-testid="mulaid-none"
                data-selected={chosen === null ? 'true' : 'false'}
              >
                <kbd>0</kbd>
                <span>{t('mulaid.none')}</span>
              </button>
            </li>
          </ul>
          <div className="muted small">{t('mulaid.keys')}</div>
        </div>
      )}
    </section>
  );
}
