/**
 * The window's day from its grouped till totals and its hand-overs: pure. Each cashier's figures are
 * exactly the hand-over's (till/handover-summary.ts `summarizeHandover` over that cashier's rows), and
 * the window's total is the same summary over every row, so the total is the sum of the cashiers to
 * the fen by construction.
 */
import type { HandoverSummary } from '../../shared/api-till.js';
import type { CashierDay, DayFigures, DayHandover, HandedOver, WindowDay } from '../../shared/api-window-day.js';
import type { HandoverRow } from '../store/handovers.js';
import type { CashierTillTotalsRow } from '../store/receipts.js';
import { summarizeHandover } from '../till/handover-summary.js';

export interface WindowDayHeader {
  terminal_id: string;
  business_date: string;
  /** a cashier's name by number (the hand-over's name where the cashier is no longer known) */
  nameOf(no: string): string | null;
}

const figures = (s: HandoverSummary): DayFigures => ({
  settlements: s.settlements,
  settlementsPending: s.settlementsPending,
  refused: s.refused,
  reversals: s.reversals,
  reversalsPending: s.reversalsPending,
  reversalsRefused: s.reversalsRefused,
  byKind: s.byKind,
  cashExpected: s.cashExpected,
});

function handedOver(rows: readonly HandoverRow[]): HandedOver {
  const h: HandedOver = { count: 0, expected: 0, counted: 0, difference: 0 };
  for (const r of rows) {
    h.count += 1;
    h.expected += r.cash_expected;
    h.counted += r.cash_counted;
    h.difference += r.difference;
  }
  return h;
}

export const dayHandover = (r: HandoverRow): DayHandover => ({
  id: r.id,
  cashier: { no: r.cashier_no, name: r.cashier_name },
  from: r.from_at,
  to: r.to_at,
  createdAt: r.created_at,
  cashExpected: r.cash_expected,
  cashCounted: r.cash_counted,
  difference: r.difference,
  note: r.note,
});

export function summarizeWindowDay(h: WindowDayHeader, rows: readonly CashierTillTotalsRow[], handovers: readonly HandoverRow[]): Pick<WindowDay, 'cashiers' | 'total' | 'handovers'> {
  // every cashier who took or gave back money that day, or handed over that day
  const numbers = [...new Set([...rows.map((r) => r.cashier_no), ...handovers.map((r) => r.cashier_no)])].sort();
  const header = (cashier: { no: string; name: string }) => ({ cashier, terminal_id: h.terminal_id, business_date: h.business_date, from: h.business_date, to: h.business_date });
  const cashiers: CashierDay[] = numbers.map((no) => {
    const own = handovers.filter((r) => r.cashier_no === no);
    const cashier = { no, name: h.nameOf(no) ?? own.at(-1)?.cashier_name ?? no };
    const s = summarizeHandover(header(cashier), rows.filter((r) => r.cashier_no === no));
    return { cashier, ...figures(s), handedOver: handedOver(own) };
  });
  const all = summarizeHandover(header({ no: '', name: '' }), rows);
  return { cashiers, total: { ...figures(all), handedOver: handedOver(handovers) }, handovers: handovers.map(dayHandover) };
}
