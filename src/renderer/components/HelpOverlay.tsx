/** F1: the function keys and the Ctrl shortcuts, from the keymap (an institution's chord only for its supervisor). */
import { useI18n } from '../i18n/index.js';
import { isMessageKey } from '../i18n/translate.js';
import { helpChords, legendBindings } from '../lib/keymap.js';
import { useInstitutionFinance } from '../lib/use-institution-finance.js';
import { chordLabelKey } from './ChordKeys.js';
import { Dialog } from './Dialog.js';

export function HelpOverlay({ devAvailable, onClose }: { devAvailable: boolean; onClose(): void }) {
  const { t } = useI18n();
  const institution = useInstitutionFinance();
  const rows = [
    ...legendBindings(devAvailable).map((b) => ({ id: b.key, keys: b.key === 'Escape' ? 'Esc' : b.key, text: t(`key.${b.key}`) })),
    ...helpChords(institution)
      .filter((b) => isMessageKey(chordLabelKey(b.label)))
      .map((b) => ({ id: b.label, keys: b.label, text: t(chordLabelKey(b.label)) })),
  ];
  return (
    <Dialog testId="help-overlay" labelledBy="help-title" closeTestId="help-close" onClose={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table className="help-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="help-key" data-key={r.id}>
              <td>
                <kbd>{r.keys}</kbd>
              </td>
              <td>{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('help.digits')}</p>
      <p>{t('help.arrows')}</p>
    </Dialog>
  );
}
