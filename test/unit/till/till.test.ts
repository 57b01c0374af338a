/** The cash part as tendered (refused when short or implausible) and the hand-over's figures. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/main/errors.js';
import { summarizeHandover } from '../../../src/main/till/handover-summary.js';
import { tenderOf } from '../../../src/main/till/cash.js';
import type { TillTotalsRow } from '../../../src/main/store/receipts.js';

const limits = { maxChangeFen: 100_000 };
const keyOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.key : String(e);
  }
  return null;
};

describe('the cash tendered', () => {
  it('records received and change; nothing typed is the exact amount; nothing due needs nothing', () => {
    expect(tenderOf(1250, { received: 2000, tender: 'typed' }, limits)).toEqual({ received: 2000, change: 750, tender: 'typed' });
    expect(tenderOf(1250, null, limits)).toEqual({ received: 1250, change: 0, tender: 'exact' });
    expect(tenderOf(0, null, limits)).toEqual({ received: null, change: null, tender: null });
    expect(tenderOf(0, { received: 0, tender: 'exact' }, limits)).toEqual({ received: null, change: null, tender: null });
  });

  it('refuses too little, change beyond the limit, and cash where none is due, in words', () => {
    expect(keyOf(() => tenderOf(1250, { received: 1249, tender: 'typed' }, limits))).toBe('cash.tooLittle');
    expect(keyOf(() => tenderOf(1250, { received: 1250 + 100_001, tender: 'typed' }, limits))).toBe('cash.implausibleChange');
    expect(tenderOf(1250, { received: 1250 + 100_000, tender: 'note' }, limits).change).toBe(100_000);
    expect(keyOf(() => tenderOf(0, { received: 100, tender: 'typed' }, limits))).toBe('cash.nothingDue');
  });
});

const row = (over: Partial<TillTotalsRow>): TillTotalsRow => ({ what: 'settlement', status: 'settled', confirmed: 1, n: 1, medfee: 0, fund: 0, acct: 0, mulaid: 0, cash: 0, till_cash: 0, ...over });
const head = { cashier: { no: '1001', name: '李收费' }, terminal_id: 'T01', business_date: '2026-11-26', from: 'a', to: 'b' };

describe('the hand-over summary', () => {
  it('adds settlements, takes reversals off each payment kind, and expects the cash collected less the cash refunded', () => {
    const s = summarizeHandover(head, [
      row({ n: 3, medfee: 30000, fund: 15000, acct: 9000, mulaid: 3000, cash: 3000, till_cash: 3000 }),
      row({ status: 'queued', confirmed: 0, n: 1, medfee: 1000, cash: 1000, till_cash: 1000 }),
      row({ status: 'reversed', n: 1, medfee: 5000, fund: 2000, acct: 2000, cash: 1000, till_cash: 1000 }),
      row({ what: 'refund', status: 'reversed', n: 1, medfee: 5000, fund: 2000, acct: 2000, cash: 1000, till_cash: 1000 }),
      row({ what: 'refund', status: 'reversing', confirmed: 0, n: 1, medfee: 800, fund: 400, acct: 400, cash: 0, till_cash: 0 }),
    ]);
    expect(s.settlements).toEqual({ count: 5, medfee: 36000, fund: 17000, acct: 11000, mulaid: 3000, cash: 5000 });
    expect(s.settlementsPending).toBe(1);
    expect(s.reversals.count).toBe(2);
    expect(s.reversalsPending).toBe(1);
    expect(s.byKind).toEqual({ fund: 17000 - 2400, acct: 11000 - 2400, mulaid: 3000, cashCollected: 5000, cashRefunded: 1000 });
    expect(s.cashExpected).toBe(4000);
  });

  it('keeps refused settlements and refused reversals out of the money, and says so', () => {
    const s = summarizeHandover(head, [
      row({ n: 2, medfee: 2000, cash: 2000, till_cash: 2000 }),
      row({ status: 'refused', confirmed: 0, n: 1, medfee: 900, cash: 900, till_cash: 900 }),
      row({ what: 'refund', status: 'settled', n: 1, medfee: 1000, cash: 1000, till_cash: 1000 }),
      row({ what: 'refund', status: 'refused', confirmed: 0, n: 1, medfee: 900, cash: 900, till_cash: 900 }),
    ]);
    expect(s.refused).toEqual({ count: 1, cash: 900 });
    expect(s.reversalsRefused).toBe(1);
    expect(s.reversals.count).toBe(0);
    expect(s.cashExpected).toBe(2000);
  });
});
