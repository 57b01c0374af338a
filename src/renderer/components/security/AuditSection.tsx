/** The administrator screen's audit section: the chain's state, its head (as printed on paper), check now. */
import type { SecurityStatus } from '../../../shared/api-security.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { FormError } from '../ErrorBanner.js';

export function AuditSection({ status, onStatus }: { status: SecurityStatus | null; onStatus(s: SecurityStatus): void }) {
  const { t } = useI18n();
  const { error, busy, submit } = useFormSubmit();
  const a = status?.audit;
  return (
    <section className="admin-section" aria-labelledby="admin-audit" data-testid="admin-audit">
      <h2 id="admin-audit">{t('admin.section.audit')}</h2>
      {a && (
        <>
          <p className={a.state === 'broken' ? 'state-bad' : ''} data-testid="admin-audit-state" data-state={a.state}>
            {t(`admin.audit.state.${a.state}`, { n: a.checked })}
            {a.message ? `：${a.message}` : ''}
          </p>
          {status!.cashiersTampered.map((no) => (
            <p key={no} className="state-bad" data-testid="admin-cashier-tampered">
              {t('security.tampered')}：{no}
            </p>
          ))}
          <p className="admin-head-line" data-testid="admin-audit-head">
            {t('admin.audit.head', { head: a.head })}
          </p>
        </>
      )}
      <FormError error={error} testId="admin-audit-error" />
      <form onSubmit={(e) => void submit(e, { run: async () => onStatus(await api('security.verifyAudit', {})) })}>
        <button type="submit" className="btn" disabled={busy} data-testid="admin-audit-verify">
          {t('admin.audit.verify')}
        </button>
      </form>
    </section>
  );
}
