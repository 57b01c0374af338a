/**
 * Where a running end of day is (reconcile.progress): the phase, n of total, the group. Nothing once done or failed.
 * `institution`: the local phase sums every window's settlements in the institution database, not this window's.
 */
import type { ReconcileProgress } from '../../shared/api-reconcile.js';
import { useI18n } from '../i18n/index.js';

export function EodProgress({ progress, testId, institution = false }: { progress: ReconcileProgress | null; testId: string; institution?: boolean }) {
  const { t } = useI18n();
  if (!progress || progress.phase === 'done' || progress.phase === 'failed') return null;
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="eod-progress" data-testid={testId} data-phase={progress.phase} role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      {/* a <progress>, not a styled width: the CSP allows no inline style */}
      <progress className="eod-progress-bar" value={pct} max={100} aria-hidden="true" />
      <span>
        {t(institution && progress.phase === 'local' ? 'eod.phase.localInstitution' : `eod.phase.${progress.phase}`)} {progress.total > 0 ? `${progress.done}/${progress.total}` : ''} {progress.group ?? ''}
      </span>
    </div>
  );
}
