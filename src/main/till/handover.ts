/**
 * The shift hand-over (收费员交班): the open shift of a cashier is everything since their last
 * hand-over on this terminal; recording it keeps its summary with the cash counted and the
 * difference, audited, in one transaction, and queues its thermal slip when asked. A day's summary
 * (`pos handover --date`) is the same summary over a business day.
 */
import type { HandoverRecord, HandoverSummary } from '../../shared/api-till.js';
import { formatYuan } from '../../shared/money.js';
import { AppError } from '../errors.js';
import type { HandoverRow } from '../store/handovers.js';
import type { Store } from '../store/index.js';
import { summarizeHandover } from './handover-summary.js';

export interface HandoverDeps {
  store: Pick<Store, 'receipts' | 'handovers' | 'audit' | 'printJobs' | 'cashiers' | 'transaction'>;
  terminalId: string;
  clock: { today(): string; now(): Date };
  /**
   * The head of the tamper-evident audit chain (issue 13 joins it here): recorded with each
   * hand-over and printed on its slip. Until that chain exists it answers null.
   */
  auditChainHead(): string | null;
  /** a hand-over slip was queued: wake the printer */
  queued?(): void;
}

type Cashier = { no: string; name: string };

export function createHandoverService(d: HandoverDeps) {
  const { store } = d;

  function openShift(cashier: Cashier): HandoverSummary {
    const to = d.clock.now().toISOString();
    const after = store.handovers.lastFor(cashier.no)?.to_at ?? '';
    const from = after || store.receipts.firstActivity(cashier.no, '') || to;
    const rows = store.receipts.totals({ cashier_no: cashier.no, from: after, to });
    return summarizeHandover({ cashier, terminal_id: d.terminalId, business_date: d.clock.today(), from, to }, rows);
  }

  function recordOf(row: HandoverRow, printJobId: number | null = null): HandoverRecord {
    return {
      id: row.id,
      summary: JSON.parse(row.summary) as HandoverSummary,
      cashCounted: row.cash_counted,
      difference: row.difference,
      note: row.note,
      auditChainHead: row.audit_chain_head,
      createdAt: row.created_at,
      printJobId,
    };
  }

  function requireRow(id: number): HandoverRow {
    const row = store.handovers.get(id);
    if (!row) throw AppError.keyed('NOT_FOUND', 'handover.notFound', {}, { field: 'id', message: `no hand-over ${id}` });
    return row;
  }

  return {
    openShift,

    /** one cashier's business day (every shift of it), for scripts */
    day(cashierNo: string, date: string): { summary: HandoverSummary; recorded: HandoverRecord[] } {
      const c = store.cashiers.find(cashierNo);
      const cashier = { no: cashierNo, name: c?.name ?? cashierNo };
      const rows = store.receipts.totals({ cashier_no: cashierNo, business_date: date });
      const recorded = store.handovers.onDate(cashierNo, date).map((r) => recordOf(r));
      return {
        summary: summarizeHandover({ cashier, terminal_id: d.terminalId, business_date: date, from: `${date}`, to: `${date}` }, rows),
        recorded,
      };
    },

    /** the hand-over recorded with the cash counted (its summary made in the same transaction), audited; its slip queued when asked */
    record(cashier: Cashier, input: { cashCounted: number; note: string | null; print: boolean }, actor = cashier.no): HandoverRecord {
      const head = d.auditChainHead();
      const out = store.transaction(() => {
        const s = openShift(cashier);
        const createdAt = d.clock.now().toISOString();
        const id = store.handovers.add({
          cashier_no: cashier.no,
          cashier_name: cashier.name,
          terminal_id: d.terminalId,
          business_date: s.business_date,
          from_at: s.from,
          to_at: s.to,
          summary: JSON.stringify(s),
          cash_expected: s.cashExpected,
          cash_counted: input.cashCounted,
          difference: input.cashCounted - s.cashExpected,
          note: input.note,
          audit_chain_head: head,
          created_at: createdAt,
        });
        store.audit.append({
          actor,
          action: 'handover.record',
          subject: String(id),
          detail: { cashier: cashier.no, from: s.from, to: s.to, expected: s.cashExpected, counted: input.cashCounted, difference: input.cashCounted - s.cashExpected, settlements: s.settlements.count, reversals: s.reversals.count },
        });
        const job = input.print ? store.printJobs.add({ kind: 'handover', handover_id: id, state: 'ready', actor }) : null;
        return recordOf(store.handovers.get(id)!, job);
      });
      if (out.printJobId !== null) d.queued?.();
      return out;
    },

    get: (id: number): HandoverRecord => recordOf(requireRow(id)),

    /** the hand-over slip again (补打), audited */
    reprint(id: number, actor: string): number {
      requireRow(id);
      const job = store.transaction(() => {
        const reprintNo = store.printJobs.nextReprintNo('handover', { handover_id: id });
        const jobId = store.printJobs.add({ kind: 'handover', handover_id: id, reprint_no: reprintNo, state: 'ready', actor })!;
        store.audit.append({ actor, action: 'print.reprint', subject: `handover:${id}`, detail: { job: jobId, reprint_no: reprintNo } });
        return jobId;
      });
      d.queued?.();
      return job;
    },
  };
}
export type HandoverService = ReturnType<typeof createHandoverService>;

/** the difference in words for a slip or a line of output */
export const differenceText = (fen: number): string => (fen === 0 ? '0.00（相符）' : fen > 0 ? `+${formatYuan(fen)}（长款）` : `-${formatYuan(-fen)}（短款）`);
