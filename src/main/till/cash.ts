/**
 * The till's follower of a settlement's life: the cashier's figures are written in the settlement's
 * own transaction — at confirm the cash due, the amount received and the change (checked here: a
 * wrong amount undoes the confirm with a clear word, nothing is half-recorded), the balances the slip
 * prints; when the center answers, its own balance after; at a reversal, the refund from this
 * cashier's drawer.
 */
import type { CashTender } from '../../shared/api-till.js';
import { formatYuan } from '../../shared/money.js';
import { AppError } from '../errors.js';
import type { SettlementFollower } from '../services/settlement/changes.js';
import type { ReceiptRow } from '../store/receipts.js';
import type { Store } from '../store/index.js';
import type { CashConfig } from './config.js';

export interface Tendered {
  received: number | null;
  change: number | null;
  tender: ReceiptRow['tender'];
}

/** The cash part as tendered: nothing when nothing is due; no amount given is the exact amount (整额). */
export function tenderOf(due: number, cash: CashTender | null, limits: CashConfig): Tendered {
  if (due === 0) {
    if (cash && cash.received > 0) {
      throw AppError.keyed('VALIDATION', 'cash.nothingDue', {}, { field: 'cash.received', message: 'no cash is due for this settlement' });
    }
    return { received: null, change: null, tender: null };
  }
  if (!cash) return { received: due, change: 0, tender: 'exact' };
  if (cash.received < due) {
    throw AppError.keyed('VALIDATION', 'cash.tooLittle', { due: formatYuan(due), received: formatYuan(cash.received) }, { field: 'cash.received', message: `received ${cash.received} fen is less than the ${due} fen due` });
  }
  const change = cash.received - due;
  if (change > limits.maxChangeFen) {
    throw AppError.keyed('VALIDATION', 'cash.implausibleChange', { change: formatYuan(change), max: formatYuan(limits.maxChangeFen) }, { field: 'cash.received', message: `change of ${change} fen is above ${limits.maxChangeFen}` });
  }
  return { received: cash.received, change, tender: cash.tender };
}

export interface TillFollowerDeps {
  store: Pick<Store, 'receipts'>;
  cash: CashConfig;
  clock: { today(): string; now(): Date };
}

export function createTillFollower(d: TillFollowerDeps): SettlementFollower {
  return {
    inTransaction(c) {
      if (c.kind === 'confirmed') {
        const rec = c.record();
        const due = rec.local_split.psn_cash_pay;
        const t = tenderOf(due, c.cash, d.cash);
        d.store.receipts.addReceipt({
          settlement_id: rec.id,
          cashier_no: rec.cashier_no,
          business_date: rec.business_date,
          created_at: rec.created_at,
          cash_due: due,
          received: t.received,
          change_given: t.change,
          tender: t.tender,
          acct_before: c.accounts.acct_balc,
          mulaid_before: c.accounts.mulaid?.balc ?? null,
          mulaid_relation: c.accounts.mulaid?.relation ?? null,
          acct_after: null,
        });
      } else if (c.kind === 'answered' && c.balcAfter !== undefined) {
        d.store.receipts.setAcctAfter(c.settlementId, c.balcAfter);
      } else if (c.kind === 'reversal_requested') {
        const rec = c.record();
        const s = rec.center_split ?? rec.local_split;
        d.store.receipts.addRefund({
          settlement_id: rec.id,
          cashier_no: c.actor,
          business_date: d.clock.today(),
          created_at: d.clock.now().toISOString(),
          reason: c.reason,
          medfee: s.medfee_sumamt,
          fund: s.fund_pay_sumamt,
          acct: s.acct_pay,
          mulaid: s.acct_mulaid_pay,
          cash: s.psn_cash_pay,
        });
      }
    },
  };
}
