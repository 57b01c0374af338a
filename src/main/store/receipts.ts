/**
 * The till's rows (migration 4): the cashier's figures for each settlement (receipts) and each
 * reversal's refund (refunds), and the hand-over's totals over them. The totals are one grouped query
 * per window (a cashier's shift, or a business day); till/handover-summary.ts shapes them, so the
 * institution's end of day can run the same summary over many windows.
 */
import type { Db } from './db.js';

export interface ReceiptRow {
  settlement_id: string;
  cashier_no: string;
  business_date: string;
  created_at: string;
  cash_due: number;
  received: number | null;
  change_given: number | null;
  tender: 'typed' | 'note' | 'exact' | null;
  acct_before: number | null;
  mulaid_before: number | null;
  mulaid_relation: string | null;
  acct_after: number | null;
}

export interface RefundRow {
  settlement_id: string;
  cashier_no: string;
  business_date: string;
  created_at: string;
  reason: string;
  medfee: number;
  fund: number;
  acct: number;
  mulaid: number;
  cash: number;
}

/** one group of a window's totals: settlements or refunds, by the settlement's status and whether the center confirmed it */
export interface TillTotalsRow {
  what: 'settlement' | 'refund';
  status: string;
  confirmed: 0 | 1;
  n: number;
  medfee: number;
  fund: number;
  acct: number;
  mulaid: number;
  cash: number;
  /** settlements: the cash collected at the counter (the cash due as confirmed); refunds: the cash handed back */
  till_cash: number;
}

/** a window: a cashier's shift (after `from`, up to and including `to`, ISO instants) or a business day */
export type TillWindow = { cashier_no: string; from: string; to: string } | { cashier_no: string; business_date: string };

/** a window's totals grouped per cashier as well: the window's day (window-day/) */
export type CashierTillTotalsRow = TillTotalsRow & { cashier_no: string };

// `perCashier`: the cashier's number leads the row and the grouping (a whole window's day)
const SETTLEMENT_TOTALS = (where: string, perCashier = false, from = 'receipts r JOIN settlements s ON s.id = r.settlement_id') => `SELECT ${perCashier ? 'r.cashier_no, ' : ''}'settlement' AS what,
    s.status, s.setl_id IS NOT NULL AS confirmed, COUNT(*) AS n,
    SUM(s.amt_medfee) AS medfee, SUM(s.amt_fund) AS fund, SUM(s.amt_acct) AS acct, SUM(s.amt_mulaid) AS mulaid, SUM(s.amt_cash) AS cash,
    SUM(r.cash_due) AS till_cash
  FROM ${from} WHERE ${where} GROUP BY ${perCashier ? '1, 3, 4' : '2, 3'}`;
// a refund is confirmed when the center answered the reversal (the settlement is then 'reversed')
const REFUND_TOTALS = (where: string, perCashier = false) => `SELECT ${perCashier ? 'f.cashier_no, ' : ''}'refund' AS what,
    s.status, s.status = 'reversed' AS confirmed, COUNT(*) AS n,
    SUM(f.medfee) AS medfee, SUM(f.fund) AS fund, SUM(f.acct) AS acct, SUM(f.mulaid) AS mulaid, SUM(f.cash) AS cash, SUM(f.cash) AS till_cash
  FROM refunds f JOIN settlements s ON s.id = f.settlement_id WHERE ${where} GROUP BY ${perCashier ? '1, 3, 4' : '2, 3'}`;

export function createReceiptRepo(db: Db) {
  const insertReceipt = db.prepare(`INSERT INTO receipts (settlement_id, cashier_no, business_date, created_at, cash_due, received, change_given, tender,
      acct_before, mulaid_before, mulaid_relation, acct_after)
    VALUES (@settlement_id, @cashier_no, @business_date, @created_at, @cash_due, @received, @change_given, @tender, @acct_before, @mulaid_before, @mulaid_relation, @acct_after)
    ON CONFLICT(settlement_id) DO NOTHING`);
  const setAcctAfter = db.prepare('UPDATE receipts SET acct_after = ? WHERE settlement_id = ?');
  const getReceipt = db.prepare('SELECT * FROM receipts WHERE settlement_id = ?');
  const insertRefund = db.prepare(`INSERT INTO refunds (settlement_id, cashier_no, business_date, created_at, reason, medfee, fund, acct, mulaid, cash)
    VALUES (@settlement_id, @cashier_no, @business_date, @created_at, @reason, @medfee, @fund, @acct, @mulaid, @cash) ON CONFLICT(settlement_id) DO NOTHING`);
  const getRefund = db.prepare('SELECT * FROM refunds WHERE settlement_id = ?');
  const shiftTotals = db.prepare(
    `${SETTLEMENT_TOTALS('r.cashier_no = @cashier_no AND r.created_at > @from AND r.created_at <= @to')} UNION ALL
     ${REFUND_TOTALS('f.cashier_no = @cashier_no AND f.created_at > @from AND f.created_at <= @to')}`,
  );
  const dayTotals = db.prepare(
    `${SETTLEMENT_TOTALS('r.cashier_no = @cashier_no AND r.business_date = @business_date')} UNION ALL
     ${REFUND_TOTALS('f.cashier_no = @cashier_no AND f.business_date = @business_date')}`,
  );
  // the window's whole day: settlements through the day index (settlements_by_date; a receipt's date is its
  // settlement's), each joined to its receipt by key; refunds (few) by their own date, the day of the reversal
  const windowDayTotals = db.prepare(
    `${SETTLEMENT_TOTALS('s.business_date = @business_date AND r.business_date = @business_date', true, 'settlements s JOIN receipts r ON r.settlement_id = s.id')} UNION ALL
     ${REFUND_TOTALS('f.business_date = @business_date', true)}`,
  );
  // the reversal record the center answered with (its setl_id), from the send log
  const reversalAnswer = db.prepare(`SELECT json_extract(l.reply, '$.setlinfo.setl_id') AS setl_id, json_extract(l.reply, '$.setlinfo.setl_time') AS setl_time
    FROM outbox o JOIN send_log l ON l.msgid = o.msgid AND l.state = 'success'
    WHERE o.infno IN ('2208', '2103') AND o.status = 'done' AND o.settlement_id = ? ORDER BY o.id DESC LIMIT 1`);
  const firstActivity = db.prepare(`SELECT MIN(at) FROM (SELECT MIN(created_at) AS at FROM receipts WHERE cashier_no = @no AND created_at > @after
    UNION ALL SELECT MIN(created_at) FROM refunds WHERE cashier_no = @no AND created_at > @after)`).pluck();
  const cashiersOn = db.prepare(`SELECT cashier_no FROM receipts WHERE business_date = ? UNION SELECT cashier_no FROM refunds WHERE business_date = ? ORDER BY 1`).pluck();

  return {
    /** in the confirm's transaction; a second write for the same settlement is ignored */
    addReceipt(r: ReceiptRow): void {
      insertReceipt.run(r);
    },
    /** the center's own word on the patient's balance after the settlement (setlinfo.balc) */
    setAcctAfter(settlementId: string, balc: number): void {
      setAcctAfter.run(balc, settlementId);
    },
    receipt: (settlementId: string): ReceiptRow | null => (getReceipt.get(settlementId) as ReceiptRow | undefined) ?? null,
    /** in the reversal's transaction */
    addRefund(r: RefundRow): void {
      insertRefund.run(r);
    },
    refund: (settlementId: string): RefundRow | null => (getRefund.get(settlementId) as RefundRow | undefined) ?? null,
    /** the window's totals, grouped (till/handover-summary.ts adds them up) */
    totals(w: TillWindow): TillTotalsRow[] {
      return ('business_date' in w ? dayTotals.all(w) : shiftTotals.all(w)) as TillTotalsRow[];
    },
    /** every cashier's totals of the window's business day, grouped (window-day/ adds them up per cashier and for the window) */
    windowDayTotals: (date: string): CashierTillTotalsRow[] => windowDayTotals.all({ business_date: date }) as CashierTillTotalsRow[],
    /** the center's reversal record of a reversed settlement: its setl_id and time (null until it answered) */
    reversalAnswer(settlementId: string): { setl_id: string | null; setl_time: string | null } | null {
      return (reversalAnswer.get(settlementId) as { setl_id: string | null; setl_time: string | null } | undefined) ?? null;
    },
    /** when the cashier first took or gave back money after `after` (ISO), or null */
    firstActivity: (cashierNo: string, after: string): string | null => (firstActivity.get({ no: cashierNo, after }) as string | null) ?? null,
    /** the cashiers who took or gave back money on a business day */
    cashiersOn: (date: string): string[] => cashiersOn.all(date, date) as string[],
  };
}
export type ReceiptRepo = ReturnType<typeof createReceiptRepo>;
