/** A job as the document it prints and the bytes that go to the printer. */
import type { PrintJobRow } from '../../store/print-jobs.js';
import type { PrinterConfig } from '../config.js';
import type { SlipDoc } from '../layout/doc.js';
import { COLUMNS, fitToColumns } from '../layout/columns.js';
import { handoverSlip, type HandoverSlipFacts } from '../layout/handover.js';
import { reversalSlip, settlementSlip } from '../layout/slip.js';
import type { SlipFactsReader } from '../queue/slip-facts.js';
import { renderDrawerKick, renderEscPos } from './escpos-render.js';

export interface SlipRenderer {
  /** the slip's document (null for a drawer pulse) */
  doc(job: PrintJobRow): SlipDoc | null;
  bytes(job: PrintJobRow): Buffer;
}

export function createSlipRenderer(facts: SlipFactsReader, printer: Pick<PrinterConfig, 'width' | 'encoding' | 'cut' | 'drawer'>, handoverRecord: (id: number) => HandoverSlipFacts['record']): SlipRenderer {
  const cols = COLUMNS[printer.width];
  function doc(job: PrintJobRow): SlipDoc | null {
    switch (job.kind) {
      case 'settlement':
        return settlementSlip(facts.settlement(job));
      case 'reversal':
        return reversalSlip(facts.reversal(job));
      case 'handover':
        return handoverSlip(facts.handover(job, handoverRecord));
      default:
        return null;
    }
  }
  return {
    doc,
    bytes(job) {
      if (job.kind === 'drawer') return renderDrawerKick(printer.drawer.pin, printer.drawer.onMs, printer.drawer.offMs);
      const d = doc(job)!;
      return renderEscPos(fitToColumns(d, cols, printer.encoding), { encoding: printer.encoding, cut: printer.cut, qrModule: printer.width === 58 ? 5 : 6 });
    },
  };
}
