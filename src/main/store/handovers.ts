/** Recorded shift hand-overs (migration 4): one row per hand-over, its summary as JSON. */
import type { Db } from './db.js';

export interface HandoverRow {
  id: number;
  cashier_no: string;
  cashier_name: string;
  terminal_id: string;
  business_date: string;
  from_at: string;
  to_at: string;
  summary: string;
  cash_expected: number;
  cash_counted: number;
  difference: number;
  note: string | null;
  audit_chain_head: string | null;
  created_at: string;
}

export function createHandoverRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO handovers (cashier_no, cashier_name, terminal_id, business_date, from_at, to_at, summary, cash_expected,
      cash_counted, difference, note, audit_chain_head, created_at)
    VALUES (@cashier_no, @cashier_name, @terminal_id, @business_date, @from_at, @to_at, @summary, @cash_expected, @cash_counted, @difference, @note,
      @audit_chain_head, @created_at)`);
  const last = db.prepare('SELECT * FROM handovers WHERE cashier_no = ? ORDER BY to_at DESC, id DESC LIMIT 1');
  const onDate = db.prepare('SELECT * FROM handovers WHERE cashier_no = ? AND business_date = ? ORDER BY to_at, id');
  const onDay = db.prepare('SELECT * FROM handovers WHERE business_date = ? ORDER BY to_at, id');
  const get = db.prepare('SELECT * FROM handovers WHERE id = ?');
  return {
    /** in the caller's transaction (with its audit entry); returns the new id */
    add(h: Omit<HandoverRow, 'id'>): number {
      return Number(insert.run(h).lastInsertRowid);
    },
    /** the cashier's last hand-over: where the open shift starts */
    lastFor: (cashierNo: string): HandoverRow | null => (last.get(cashierNo) as HandoverRow | undefined) ?? null,
    onDate: (cashierNo: string, date: string): HandoverRow[] => onDate.all(cashierNo, date) as HandoverRow[],
    /** every cashier's hand-overs of a business day at this window (a few a day: no index needed) */
    onDay: (date: string): HandoverRow[] => onDay.all(date) as HandoverRow[],
    get: (id: number): HandoverRow | null => (get.get(id) as HandoverRow | undefined) ?? null,
  };
}
export type HandoverRepo = ReturnType<typeof createHandoverRepo>;
