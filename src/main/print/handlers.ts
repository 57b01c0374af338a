/** Calls of the printer area (src/shared/api-print.ts). */
import type { printCalls } from '../../shared/api-print.js';
import { AppError } from '../errors.js';
import type { AreaHandlers } from '../router.js';
import type { PrintArea } from './area.js';

export function createPrintHandlers(d: { area: PrintArea; actor(): string }): AreaHandlers<typeof printCalls> {
  const { area } = d;
  return {
    'print.status': () => area.status(),
    'print.jobs': (i) => area.jobs(i.settlementId),
    'print.open': () => area.open(),
    'print.reprint': (i) => area.reprint(i.settlementId, i.kind, d.actor()),
    'print.acknowledge': (i) => area.acknowledge(i.jobId, d.actor()),
    'print.paper': (i) => area.paper(i.jobId),
    'print.pdf': (i) => area.pdf(i.settlementId, i.kind, d.actor()),
    'dev.printerState': async (i) => {
      if (!area.virtual) throw AppError.keyed('DEV_ONLY', 'print.notVirtual', {}, { message: 'only the virtual printer can be told its state' });
      area.virtual.setState(i.state);
      await area.worker.check();
      if (i.state === 'ready') area.kick();
      return area.status();
    },
  };
}
