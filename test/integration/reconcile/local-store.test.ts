/**
 * What the terminal's own database says about a period (migration 3's columns and the reader),
 * on a real SQLite file: center amounts over the preview, reversals on the day they happened,
 * pending apart, refused and cancelled ones left out.
 */
import { describe, expect, it } from 'vitest';
import { createLocalReader, type PageCursor, type ReconRow } from '../../../src/main/reconcile/local.js';
import { GROUP_TOTALS_SQL } from '../../../src/main/store/reconcile-rows.js';
import { sampleRecord } from '../../helpers/records.js';
import { useTempStore } from '../../helpers/temp-store.js';

const local = { medfee_sumamt: 10000, fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 10000, act_pay_dedc: 0, hifp_pay: 7000, pool_prop_selfpay: 3000, cvlserv_pay: 0, hifmi_pay: 0, hifob_pay: 0, fund_pay_sumamt: 7000, psn_part_amt: 3000, acct_pay: 3000, acct_mulaid_pay: 0, psn_cash_pay: 0 };
const center = { ...local, hifp_pay: 6900, fund_pay_sumamt: 6900, acct_pay: 2000, acct_mulaid_pay: 1000, psn_cash_pay: 100 };

const ts = useTempStore(() => '20261124101500');

function add(over: Parameters<typeof sampleRecord>[0], reversal?: { setl_id: string; setl_time: string }) {
  const rec = sampleRecord({ local_split: local, ...over });
  const messages = reversal ? [{ step: 1, infno: rec.kind === 'pharmacy' ? '2103' : '2208', payload: {} }] : [];
  ts.store.settlements.commitConfirmed(rec, [], messages, { actor: '1001', action: 'test' });
  if (reversal) {
    // the worker's way: the send logged, answered (the answer kept in the send log), the message done
    const row = ts.store.outbox.forSettlement(rec.id)[0];
    const sendLog = ts.store.sendLog;
    sendLog.begin({ msgid: row.msgid, outbox_id: row.id, settlement_id: rec.id, infno: row.infno });
    sendLog.success(row.msgid, { setlinfo: { setl_id: reversal.setl_id, setl_time: reversal.setl_time } });
    ts.store.outbox.markDone(row.id);
  }
  return rec;
}

describe('local side of end of day', () => {
  it('totals per insutype and clr_type with the center amounts, reversals on their own day, pending apart', () => {
    add({ business_date: '2026-11-24', status: 'settled', setl_id: 'S1', center_split: center });
    add({ business_date: '2026-11-24', status: 'settled', setl_id: 'S2', center_split: null, kind: 'outpatient', med_type: '11', insutype: '390' });
    add({ business_date: '2026-11-24', status: 'queued' });
    add({ business_date: '2026-11-24', status: 'refused' });
    add({ business_date: '2026-11-24', status: 'reversed', setl_id: null }); // cancelled before it ever went out
    add({ business_date: '2026-11-23', status: 'reversed', setl_id: 'S0', center_split: center }, { setl_id: 'RV9', setl_time: '2026-11-24 09:00:00' });
    add({ business_date: '2026-11-24', status: 'reversing', setl_id: 'S3', center_split: center });

    const s = createLocalReader(ts.store.reconcileRows).summary({ from: '2026-11-24', to: '2026-11-24' });
    const pharm = s.groups.get('310/41')!;
    expect(pharm.settlements).toEqual({ count: 2, medfee_sumamt: 20000, fund_pay_sumamt: 13800, acct_pay: 4000, acct_mulaid_pay: 2000, psn_cash_pay: 200 });
    expect(pharm.reversals).toEqual({ count: 1, medfee_sumamt: -10000, fund_pay_sumamt: -6900, acct_pay: -2000, acct_mulaid_pay: -1000, psn_cash_pay: -100 });
    // the queued settlement and the reversal still waiting, apart
    expect(pharm.pending.count).toBe(2);
    expect(pharm.pending.medfee_sumamt).toBe(0); // +100.00 queued, −100.00 reversal pending
    expect(s.groups.get('390/11')!.settlements).toMatchObject({ count: 1, fund_pay_sumamt: 7000, acct_pay: 3000 });
    expect(s.pending.map((p) => p.what).sort()).toEqual(['reversal', 'settlement']);
    expect(s.refusedCount).toBe(1);

    // the day before holds the original but not its reversal
    const before = createLocalReader(ts.store.reconcileRows).summary({ from: '2026-11-23', to: '2026-11-23' });
    expect(before.groups.get('310/41')!.settlements.count).toBe(1);
    expect(before.groups.get('310/41')!.reversals.count).toBe(0);
  });

  it('pages the detail rows in commit order without holding the connection', () => {
    for (let i = 0; i < 23; i++) add({ business_date: '2026-11-24', status: 'settled', setl_id: `S${i}` });
    const reader = createLocalReader(ts.store.reconcileRows);
    const seen: string[] = [];
    let after: PageCursor | null = null;
    let pages = 0;
    for (;;) {
      const { rows, next }: { rows: ReconRow[]; next: PageCursor | null } = reader.page({ from: '2026-11-24', to: '2026-11-24' }, after, 5);
      pages++;
      // another statement on the same connection between pages works (nothing is left open)
      expect(reader.count({ from: '2026-11-24', to: '2026-11-24' })).toBe(23);
      seen.push(...rows.map((r) => r.setl_id!));
      if (!next) break;
      after = next;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `S${i}`));
  });

  it('keeps the amount columns with the split they come from, and totals from the index alone', () => {
    const rec = add({ business_date: '2026-11-24', status: 'queued' });
    const amounts = () => ts.store.db.prepare('SELECT status, amt_medfee, amt_fund, amt_acct, amt_mulaid, amt_cash, clr_type FROM settlements WHERE id = ?').get(rec.id);
    expect(amounts()).toEqual({ status: 'queued', amt_medfee: 10000, amt_fund: 7000, amt_acct: 3000, amt_mulaid: 0, amt_cash: 0, clr_type: '41' });
    ts.store.settlements.update(rec.id, { status: 'settled', setl_id: 'S1', center_split: center });
    expect(amounts()).toEqual({ status: 'settled', amt_medfee: 10000, amt_fund: 6900, amt_acct: 2000, amt_mulaid: 1000, amt_cash: 100, clr_type: '41' });
    ts.store.settlements.update(rec.id, { center_split: null });
    expect(amounts()).toMatchObject({ amt_fund: 7000, amt_acct: 3000, amt_mulaid: 0, amt_cash: 0 });
    // a write whose amounts disagree with its split is refused, not stored as a wrong total
    expect(() => ts.store.db.prepare('UPDATE settlements SET amt_cash = amt_cash + 1 WHERE id = ?').run(rec.id)).toThrow(/CHECK/);
    expect(() => ts.store.db.prepare(`UPDATE settlements SET center_split = ? WHERE id = ?`).run(JSON.stringify(center), rec.id)).toThrow(/CHECK/);
    const plan = ts.store.db.prepare(`EXPLAIN QUERY PLAN ${GROUP_TOTALS_SQL}`).all('2026-11-24', '2026-11-24') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX settlements_by_date/);
  });
});
