/** The administrator screen's data section: where the personal-data key is kept, the data directory's permissions, free disk space. */
import type { SecurityStatus } from '../../../shared/api-security.js';
import { useI18n } from '../../i18n/index.js';

export function DataSection({ status }: { status: SecurityStatus | null }) {
  const { t } = useI18n();
  if (!status) return null;
  return (
    <section className="admin-section" aria-labelledby="admin-data" data-testid="admin-data">
      <h2 id="admin-data">{t('admin.section.data')}</h2>
      <p>{t(`admin.data.key.${status.keyProtection}`)}</p>
      {status.disk.freeMb !== null && <p data-testid="admin-disk">{t('admin.data.disk', { mb: status.disk.freeMb })}</p>}
      {status.disk.low && <p className="state-bad">{t('admin.data.diskLow')}</p>}
      {status.dataDir.length === 0 ? (
        <p>{t('admin.data.permsOk')}</p>
      ) : (
        <>
          <p className="state-warn">{t('admin.data.perms')}</p>
          <ul data-testid="admin-perms">
            {status.dataDir.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
