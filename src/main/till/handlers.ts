/** Calls of the till (src/shared/api-till.ts): the cashier's hand-over and the figures of a settlement. */
import type { tillCalls } from '../../shared/api-till.js';
import type { PdfFile } from '../../shared/api-till.js';
import { AppError } from '../errors.js';
import type { AreaHandlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { HandoverService } from './handover.js';

export interface TillAreaDeps {
  handover: HandoverService;
  store: Pick<Store, 'receipts'>;
  /** the cashier at the window */
  cashier(): { no: string; name: string } | null;
  handoverPdf(id: number, actor: string): Promise<PdfFile>;
}

export function createTillHandlers(d: TillAreaDeps): AreaHandlers<typeof tillCalls> {
  const who = () => {
    const c = d.cashier();
    if (!c) throw new AppError('AUTH', 'not logged in');
    return { no: c.no, name: c.name };
  };
  return {
    'till.handoverPreview': () => d.handover.openShift(who()),
    'till.handoverRecord': (i) => d.handover.record(who(), { cashCounted: i.cashCounted, note: i.note, print: i.print }),
    'till.handoverGet': (i) => d.handover.get(i.id),
    'till.handoverPdf': (i) => {
      d.handover.get(i.id);
      return d.handoverPdf(i.id, who().no);
    },
    'till.handoverReprint': (i) => ({ jobId: d.handover.reprint(i.id, who().no) }),
    'till.receipt': (i) => {
      const r = d.store.receipts.receipt(i.settlementId);
      return r ? { settlementId: r.settlement_id, cashDue: r.cash_due, received: r.received, change: r.change_given, tender: r.tender } : null;
    },
  };
}
