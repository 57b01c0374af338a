/** The modifier shortcuts (Ctrl+E end of day, …) in the key legend, from the keymap; each is a button too. */
import { useI18n } from '../i18n/index.js';
import { isMessageKey } from '../i18n/translate.js';
import { CHORD_BINDINGS, type KeyAction } from '../lib/keymap.js';

/** i18n key of a chord's label: 'Ctrl+E' → 'key.CtrlE' */
export const chordLabelKey = (label: string) => `key.${label.replace('+', '')}`;

export function ChordKeys({ onAction }: { onAction(a: KeyAction): void }) {
  const { t } = useI18n();
  return (
    <div className="key-legend chord-keys" data-testid="chord-keys">
      {CHORD_BINDINGS.filter((b) => b.legend !== false && isMessageKey(chordLabelKey(b.label))).map((b) => (
        <button key={b.label} type="button" className="key-item" tabIndex={-1} onClick={() => onAction(b.action)} data-testid={`key-${b.label.replace('+', '')}`}>
          <kbd>{b.label}</kbd>
          <span>{t(chordLabelKey(b.label))}</span>
        </button>
      ))}
    </div>
  );
}
