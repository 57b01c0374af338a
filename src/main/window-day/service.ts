/**
 * The window's day (本窗口日结) on a terminal with an institution database: its till totals per cashier
 * and for the window, the hand-overs recorded that day, and what the institution database does not have
 * yet. It reads only this window's SQLite (and the sender's state when the terminal runs), so it answers
 * also while PostgreSQL or the center is away. It never calls the center: the center reconciles the
 * whole institution (`pos reconcile --institution`, Ctrl+E → 全院).
 */
import type { InstitutionStatus } from '../../shared/api-institution-replication.js';
import type { WindowDay } from '../../shared/api-window-day.js';
import type { Store } from '../store/index.js';
import { summarizeWindowDay } from './summary.js';

export interface WindowDayDeps {
  store: Pick<Store, 'receipts' | 'handovers' | 'cashiers' | 'replication'>;
  terminal: { id: string; fixmedins_code: string; fixmedins_name: string };
  /** the replication sender's state (null where it does not run, as in the `pos day` command) */
  replication(): InstitutionStatus | null;
  nowIso(): string;
}

export function createWindowDayService(d: WindowDayDeps) {
  return {
    get(date: string): WindowDay {
      const { store } = d;
      const rows = store.receipts.windowDayTotals(date);
      const handovers = store.handovers.onDay(date);
      const parts = summarizeWindowDay({ terminal_id: d.terminal.id, business_date: date, nameOf: (no) => store.cashiers.find(no)?.name ?? null }, rows, handovers);
      // the backlog from the queue itself; the sender adds whether PostgreSQL is reachable and when it last took a batch
      const counts = store.replication.counts();
      const s = d.replication();
      return {
        terminal_id: d.terminal.id,
        fixmedins_code: d.terminal.fixmedins_code,
        fixmedins_name: d.terminal.fixmedins_name,
        business_date: date,
        at: d.nowIso(),
        ...parts,
        replication: {
          state: s?.configured ? s.state : null,
          backlog: counts.backlog,
          oldestUnsentDate: counts.oldest_unsent_date,
          lastOkAt: s?.lastOkAt ?? null,
          lastError: s?.lastError ?? null,
        },
      };
    },
  };
}
export type WindowDayService = ReturnType<typeof createWindowDayService>;
