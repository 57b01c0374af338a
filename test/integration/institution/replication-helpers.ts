/**
 * Shared by the replication tests: a terminal that replicates to a real PostgreSQL, settling bills at
 * the counter, and the comparison of every row in pos.settlements with the window's own records.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, AUTHORIZER, CHILD, EMPLOYEE, identify, until } from '../sync/helpers.js';
import type { PgConnectionConfig } from '../../../src/main/institution/config.js';

export const FIXMEDINS = 'P53060200001';
export const FAST = { batchSize: 50, retryBaseMs: 50, retryMaxMs: 400, heartbeatMs: 300, staleAfterMs: 5_000 };

/** a window's msgid slot from its id's digits (W2 → 2), as an installer numbers them */
const slotOf = (terminalId: string) => Number(terminalId.replace(/\D/g, '') || '0') % 100;

export async function replicatingTerminal(terminalId: string, database: PgConnectionConfig, replication: Record<string, number> = FAST): Promise<AppUnderTest> {
  const t = await startApp({ terminal: { id: terminalId, msgidSlot: slotOf(terminalId) }, institution: { database, replication } });
  await t.login();
  return t;
}

/** one of a few bills: pharmacy with the account, outpatient, co-pay (家庭共济) with cash received */
export async function settleOne(t: AppUnderTest, n: number): Promise<string> {
  const sim = t.app.sim!;
  const variant = n % 3;
  if (variant === 2) {
    const { personRef } = await identify(t, sim, CHILD);
    const lines = [{ code: AMOXICILLIN, qty: '1' }];
    const draft = t.draft(personRef, lines, { mulaidPsnNo: AUTHORIZER, useAcct: false });
    const preview = await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', draft);
    const due = preview.data.split.psn_cash_pay;
    const r = await t.call<{ id: string }>('settle.confirm', { ...draft, requestId: t.newRequestId(), ...(due > 0 ? { cash: { received: due + 500, tender: 'typed' } } : {}) });
    if (!r.ok) throw new Error(`confirm: ${r.error.message}`);
    return r.data.id;
  }
  const { personRef } = await identify(t, sim, EMPLOYEE);
  const draft =
    variant === 0
      ? t.draft(personRef, [{ code: AMOXICILLIN, qty: '2' }])
      : t.draft(personRef, [{ code: '001101000010000', qty: '1', pric: 1000 }, { code: AMOXICILLIN, qty: '1', pric: 1250 }], { kind: 'outpatient', med_type: '11', useAcct: false });
  const preview = await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', draft);
  const due = preview.data.split.psn_cash_pay;
  const r = await t.call<{ id: string }>('settle.confirm', { ...draft, requestId: t.newRequestId(), ...(due > 0 ? { cash: { received: due, tender: 'exact' } } : {}) });
  if (!r.ok) throw new Error(`confirm: ${r.error.message}`);
  return r.data.id;
}

/** the center answered everything the window sent (no settlement left queued or reversing) */
export async function centerDone(t: AppUnderTest): Promise<void> {
  await until('the outbox drained', () => t.app.store.outbox.stats().depth, (d) => d === 0, 30_000);
}

export async function replicated(t: AppUnderTest, timeoutMs = 30_000): Promise<void> {
  await until('the institution backlog drained', () => t.app.store.replication.counts(), (c) => c.backlog === 0 && c.local_seq > 0, timeoutMs);
}

/** every local settlement is in PostgreSQL once, equal to the fen, with its state */
export async function expectRowsEqualLocal(admin: pg.ClientBase, t: AppUnderTest, terminalId: string): Promise<number> {
  const rows = (await admin.query('SELECT * FROM pos.settlements WHERE terminal_id = $1 ORDER BY id', [terminalId])).rows;
  const ids = new Set(rows.map((r) => r.id as string));
  expect(ids.size).toBe(rows.length);
  const snapshots = t.app.store.replication.batch(1_000_000, 0);
  const localIds = new Set(snapshots.map((s) => s.id));
  expect([...ids].sort()).toEqual([...localIds].sort());
  for (const r of rows) {
    const rec = t.app.store.settlements.get(r.id)!;
    const counted = rec.center_split ?? rec.local_split;
    expect({ status: r.status, setl_id: r.setl_id, mdtrt_id: r.mdtrt_id, business_date: r.business_date, kind: r.kind, insutype: r.insutype, cashier_no: r.cashier_no, counted_from: r.counted_from }).toEqual({
      status: rec.status, setl_id: rec.setl_id, mdtrt_id: rec.mdtrt_id, business_date: rec.business_date, kind: rec.kind, insutype: rec.insutype, cashier_no: rec.cashier_no,
      counted_from: rec.center_split ? 'center' : 'local',
    });
    expect([r.medfee_sumamt, r.fund_pay_sumamt, r.acct_pay, r.acct_mulaid_pay, r.psn_cash_pay]).toEqual([counted.medfee_sumamt, counted.fund_pay_sumamt, counted.acct_pay, counted.acct_mulaid_pay, counted.psn_cash_pay]);
    expect(r.mulaid_name_masked).toBe(rec.mulaid_name_masked);
    const receipt = t.app.store.receipts.receipt(r.id);
    expect([r.cash_received, r.cash_change]).toEqual([receipt?.received ?? null, receipt?.change_given ?? null]);
    if (rec.mulaid_name_masked) expect(r.mulaid_relation).toBe(receipt?.mulaid_relation);
    if (rec.status === 'reversed') {
      const rv = t.app.store.receipts.reversalAnswer(r.id);
      // reversed before the center ever had it: nothing to reverse there, no reversal row
      expect(r.rv_setl_id).toBe(rec.setl_id ? (rv?.setl_id ?? `${rec.setl_id}-R`) : null);
      if (rec.setl_id) expect(r.rv_business_date).not.toBeNull();
      expect(r.rv_reason).toBe(t.app.store.receipts.refund(r.id)?.reason);
    } else expect(r.rv_setl_id).toBeNull();
  }
  return rows.length;
}
