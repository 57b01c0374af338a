import { useI18n } from '../i18n/index.js';
import { CHORD_BINDINGS, legendBindings } from '../lib/keymap.js';
import { chordLabelKey } from './ChordKeys.js';
import { isMessageKey } from '../i18n/translate.js';

export function HelpOverlay({ devAvailable, onClose }: { devAvailable: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onClick={onClose}>
      <div className="overlay-card dialog-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">{t('help.title')}</h2>
        <table className="help-table">
          <tbody>
            {legendBindings(devAvailable).map((b) => (
              <tr key={b.key}>
                <td>
                  <kbd>{b.key === 'Escape' ? 'Esc' : b.key}</kbd>
                </td>
                <td>{t(`key.${b.key}`)}</td>
              </tr>
            ))}
            {CHORD_BINDINGS.filter((b) => isMessageKey(chordLabelKey(b.label))).map((b) => (
              <tr key={b.label}>
                <td>
                  <kbd>{b.label}</kbd>
                </td>
                <td>{t(chordLabelKey(b.label))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('help.digits')}</p>
        <p>{t('help.arrows')}</p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus data-testid="help-close">
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
