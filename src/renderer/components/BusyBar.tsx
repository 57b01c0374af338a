/** Progress for anything that takes over a second: a bar and a sentence at the top of the screen. */
import { useI18n } from '../i18n/index.js';
import { useVisibleBusy } from '../lib/hooks.js';

export function BusyBar() {
  const { t } = useI18n();
  const busy = useVisibleBusy(1000);
  if (!busy) return null;
  return (
    <div className="busy-bar" role="status" aria-live="polite" data-testid="busy-indicator">
      <div className="busy-track">
        <div className="busy-runner" />
      </div>
      <span className="busy-text">{t(busy.labelKey)}</span>
    </div>
  );
}
