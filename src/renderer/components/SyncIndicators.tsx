/** Status-bar part of the sync area: open conflicts (a button to the conflicts view, Ctrl+K) and unknown outcomes. */
import { useI18n } from '../i18n/index.js';
import { useBridgeEvent } from '../lib/hooks.js';
import { useLiveStatus } from '../lib/use-live-status.js';
import { CHORD_BINDINGS } from '../lib/keymap.js';

export function SyncIndicators({ enabled, onOpenConflicts }: { enabled: boolean; onOpenConflicts(): void }) {
  const { t } = useI18n();
  const { value: s, refresh } = useLiveStatus('sync.status', 'sync.changed', enabled);
  useBridgeEvent('conflict.raised', refresh, enabled);
  if (!enabled) return null;
  const conflicts = s?.conflictsOpen ?? 0;
  const unknown = s?.unknownUnresolved ?? 0;
  const chord = CHORD_BINDINGS.find((c) => c.action === 'conflicts')?.label ?? '';
  return (
    <>
      {unknown > 0 && (
        <div className="status-unknown" data-testid="status-unknown" data-count={unknown}>
          {t('sync.unknownCount', { n: unknown })}
        </div>
      )}
      <button
        type="button"
        className={`btn btn-small status-conflicts${conflicts > 0 ? ' has-conflicts' : ''}`}
        onClick={onOpenConflicts}
        data-testid="status-conflicts"
        data-count={conflicts}
        title={t('key.conflicts')}
      >
        {t('conflicts.count', { n: conflicts })} <kbd>{chord}</kbd>
      </button>
    </>
  );
}
