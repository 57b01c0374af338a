/** Developer panel: the virtual printer's state, to watch slips wait and print when it "returns". */
import type { PrinterState } from '../../../shared/api-print.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';

const STATES: Array<Exclude<PrinterState, 'unknown' | 'error'>> = ['ready', 'paper_out', 'cover_open', 'offline'];

export function DevPrinterControls({ onError }: { onError(e: unknown): void }) {
  const { t } = useI18n();
  return (
    <div className="dev-printer" data-testid="dev-printer">
      <h3>{t('dev.printer')}</h3>
      <div className="tender-quick">
        {STATES.map((s) => (
          <button key={s} type="button" className="btn btn-small" onClick={() => api('dev.printerState', { state: s }).catch(onError)} data-testid={`dev-printer-${s}`}>
            {t(`printer.state.${s}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
