/**
 * The identified person: masked data only, as the main side sends it, with what a patient asks at
 * the window: the account balance and the year's accumulations (deductible left, pooling paid and
 * left to the annual cap). Balances follow each settlement ('person.updated').
 */
import type { PersonView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { isMessageKey } from '../i18n/translate.js';
import { Amount } from './Amount.js';

export function PersonCard({ person }: { person: PersonView }) {
  const { t } = useI18n();
  const gendKey = `gend.${person.gend}`;
  const year = person.year;
  return (
    <div className={`person-card${person.stale ? ' is-stale' : ''}`} data-testid="person-card" data-psn-no={person.psn_no}>
      <div className="person-head">
        <span className="person-name" data-testid="person-name" data-person-ref={person.personRef}>
          {person.name}
        </span>
        <span className="muted">
          {isMessageKey(gendKey) ? t(gendKey) : person.gend} · {t('person.age', { age: person.age })}
        </span>
        {person.stale && (
          <span className="badge badge-warn" data-testid="person-stale" title={t('person.staleHint')}>
            {t('person.stale')}
          </span>
        )}
      </div>
      <dl className="person-facts">
        <div className="fact">
          <dt>{t('person.certno')}</dt>
          <dd className="mono" data-testid="person-certno">
            {person.certno_masked}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('person.insutype')}</dt>
          <dd data-testid="person-insutype" data-insutype={person.insutype}>
            {t(`insutype.${person.insutype}`)}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('person.balance')}</dt>
          <dd>
            {person.hasAccount ? (
              <Amount fen={person.balc} size="lg" testId="person-balance" />
            ) : (
              <span className="muted" data-testid="person-balance" data-has-account="false">
                {t('person.noAccount')}
              </span>
            )}
          </dd>
        </div>
        {year && (
          <div className="fact fact-year" data-testid="person-year">
            <dt>{t('person.year')}</dt>
            <dd className="year-figures">
              <span>
                {t('person.dedcLeft')} <Amount fen={year.dedc_left} size="sm" testId="person-dedc-left" />
              </span>
              <span>
                {t('person.poolPaid')} <Amount fen={year.pool_paid} size="sm" testId="person-pool-paid" />
              </span>
              <span>
                {t('person.poolCapLeft')} <Amount fen={year.pool_cap_left} size="sm" testId="person-pool-cap-left" />
              </span>
            </dd>
          </div>
        )}
        <div className="fact">
          <dt className="sr-only">{t('person.region')}</dt>
          <dd data-testid="person-region" data-cross-region={person.crossRegion ? 'true' : 'false'} data-filing-valid={person.filingValid ? 'true' : 'false'}>
            {person.crossRegion ? (
              <>
                <span className="badge badge-info">{t('person.crossRegion', { admdvs: person.insuplc_admdvs })}</span>{' '}
                <span className={person.filingValid ? 'ok-text' : 'warn-text'}>{t(person.filingValid ? 'person.filingValid' : 'person.filingInvalid')}</span>
              </>
            ) : (
              <span className="muted">{t('person.localInsured')}</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="muted small">{t('person.identifiedBy', { source: t(`identify.source.${person.identifiedBy}`) })}</div>
    </div>
  );
}
