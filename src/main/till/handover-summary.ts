/**
 * The hand-over's figures from a window's grouped totals (store/receipts.ts `totals`): pure, so the
 * same summary runs over one window here and over many windows for the institution's end of day.
 *   settlements  every one confirmed in the window but those the center refused (they moved no money)
 *   reversals    every reversal asked for in the window but those the center refused
 *   cash         collected: the cash due as confirmed at the counter (the amount received less the
 *                change); refunded: the cash part of each reversal; expected in the drawer: the
 *                difference (a float kept in the drawer is the cashier's own and not counted here)
 */
import type { HandoverSummary, TillTotals } from '../../shared/api-till.js';
import type { TillTotalsRow } from '../store/receipts.js';

const zero = (): TillTotals => ({ count: 0, medfee: 0, fund: 0, acct: 0, mulaid: 0, cash: 0 });

function add(t: TillTotals, r: TillTotalsRow): void {
  t.count += r.n;
  t.medfee += r.medfee ?? 0;
  t.fund += r.fund ?? 0;
  t.acct += r.acct ?? 0;
  t.mulaid += r.mulaid ?? 0;
  t.cash += r.cash ?? 0;
}

export interface SummaryHeader {
  cashier: { no: string; name: string };
  terminal_id: string;
  business_date: string;
  from: string;
  to: string;
}

export function summarizeHandover(h: SummaryHeader, rows: readonly TillTotalsRow[]): HandoverSummary {
  const settlements = zero();
  const reversals = zero();
  let settlementsPending = 0;
  let reversalsPending = 0;
  let reversalsRefused = 0;
  const refused = { count: 0, cash: 0 };
  let cashCollected = 0;
  let cashRefunded = 0;
  for (const r of rows) {
    if (r.what === 'settlement') {
      if (r.status === 'refused') {
        refused.count += r.n;
        refused.cash += r.till_cash ?? 0;
        continue;
      }
      add(settlements, r);
      cashCollected += r.till_cash ?? 0;
      if (!r.confirmed) settlementsPending += r.n;
    } else {
      // the settlement itself was refused: neither it nor its reversal moved money at the center
      if (r.status === 'refused') continue;
      // a refused reversal leaves the settlement standing ('settled' again)
      if (r.status === 'settled' || r.status === 'queued') {
        reversalsRefused += r.n;
        continue;
      }
      add(reversals, r);
      cashRefunded += r.till_cash ?? 0;
      if (!r.confirmed) reversalsPending += r.n;
    }
  }
  return {
    ...h,
    settlements,
    settlementsPending,
    refused,
    reversals,
    reversalsPending,
    reversalsRefused,
    byKind: {
      fund: settlements.fund - reversals.fund,
      acct: settlements.acct - reversals.acct,
      mulaid: settlements.mulaid - reversals.mulaid,
      cashCollected,
      cashRefunded,
    },
    cashExpected: cashCollected - cashRefunded,
  };
}
