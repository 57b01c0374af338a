/**
 * Receipts, cash and the hand-over in the whole terminal: the receipt printer (print/area.ts), the
 * shift hand-over service and their calls, built from the configuration. What they write with each
 * settlement change (the till's figures, the print jobs) is wired in buildCore; this is the rest.
 */
import type { AppConfig } from '../config.js';
import type { EventBus } from '../event-bus.js';
import { createPrintArea, localTimeOf } from '../print/area.js';
import { createPrintHandlers } from '../print/handlers.js';
import type { PrinterTransport } from '../print/transports/types.js';
import type { Catalog } from '../settle/index.js';
import type { Store } from '../store/index.js';
import { auditChainHead } from './audit-chain.js';
import { createHandoverService } from './handover.js';
import { createTillHandlers } from './handlers.js';

export interface ReceiptsAreaDeps {
  store: Store;
  config: Pick<AppConfig, 'terminal' | 'printer' | 'dataDir'>;
  clock: { now(): Date; today(): string; stamp14(d?: Date): string };
  catalog: Pick<Catalog, 'lookup'>;
  bus: Pick<EventBus, 'emit'>;
  log(line: string): void;
  /** the cashier at the window, and who an action is recorded for */
  cashier(): { no: string; name: string } | null;
  actor(): string;
  deliverPdf?(file: string): Promise<boolean>;
  /** tests: another transport than the configured one */
  transport?: PrinterTransport;
}

export function createReceiptsArea(d: ReceiptsAreaDeps) {
  const { store, config } = d;
  const chainHead = () => auditChainHead(store);
  const handover = createHandoverService({ store, terminalId: config.terminal.id, clock: d.clock, auditChainHead: chainHead, queued: () => print.kick() });
  const print = createPrintArea({
    store,
    printer: config.printer,
    institution: { fixmedins_code: config.terminal.fixmedins_code, fixmedins_name: config.terminal.fixmedins_name, terminal_id: config.terminal.id, window: config.printer.window },
    localTime: localTimeOf(d.clock),
    nowMs: () => d.clock.now().getTime(),
    catalogItem: (code) => d.catalog.lookup(code) ?? null,
    auditChainHead: chainHead,
    handoverRecord: (id) => handover.get(id),
    dataDir: config.dataDir,
    statusChanged: (s) => d.bus.emit('print.status', s),
    printed: (j) => d.bus.emit('print.printed', j),
    log: d.log,
    deliverPdf: d.deliverPdf,
    transport: d.transport,
  });
  return {
    print,
    handover,
    handlers: {
      ...createPrintHandlers({ area: print, actor: d.actor }),
      ...createTillHandlers({ handover, store, cashier: d.cashier, handoverPdf: (id, who) => print.handoverPdf(id, who) }),
    },
    kick: () => print.kick(),
    start: () => print.start(),
    stop: () => print.stop(),
  };
}
export type ReceiptsArea = ReturnType<typeof createReceiptsArea>;
