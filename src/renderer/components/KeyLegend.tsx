/** The function keys, on screen; each is also a button for the mouse. */
import { useI18n } from '../i18n/index.js';
import { legendBindings, type KeyAction } from '../lib/keymap.js';

export function KeyLegend({ devAvailable, onAction, compact = true }: { devAvailable: boolean; onAction?(a: KeyAction): void; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={compact ? 'key-legend' : 'key-legend key-legend-full'} data-testid="key-legend">
      {legendBindings(devAvailable).map((b) => (
        <button
          key={b.key}
          type="button"
          className="key-item"
          tabIndex={-1}
          onClick={() => onAction?.(b.action)}
          data-testid={`key-${b.key}`}
        >
          <kbd>{b.key === 'Escape' ? 'Esc' : b.key}</kbd>
          <span>{t(`key.${b.key}`)}</span>
        </button>
      ))}
    </div>
  );
}
