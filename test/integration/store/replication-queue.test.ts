/**
 * The replication queue (SQLite migration 7): seqs grow, a batch reads each change with its settlement
 * as it is now, acks never go back, counts say the backlog and its oldest day; a data file that skipped
 * migration 7 (made while 9 was the newest) gets its tables when the store opens.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/main/store/index.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { useTempStore } from '../../helpers/temp-store.js';

const ctx = useTempStore();

describe('the replication queue', () => {
  it('queues in seq order, reads the settlement as it is now, acks forward only', () => {
    const { store } = ctx;
    const a = sampleRecord({ business_date: '2026-12-01' });
    const b = sampleRecord({ business_date: '2026-12-02' });
    store.transaction(() => {
      for (const r of [a, b]) store.settlements.commitConfirmed(r, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
      expect(store.replication.enqueue({ settlement_id: a.id, kind: 'confirmed', detail: { offline: false } })).toBe(1);
      expect(store.replication.enqueue({ settlement_id: b.id, kind: 'confirmed', detail: {} })).toBe(2);
    });
    store.settlements.update(a.id, { status: 'settled', setl_id: 'S-A', center_split: a.local_split });
    store.replication.enqueue({ settlement_id: a.id, kind: 'answered', detail: { infno: '2102' } });
    expect(() => store.replication.enqueue({ settlement_id: 'nope', kind: 'confirmed', detail: {} })).toThrow(/no settlement/);

    const batch = store.replication.batch(10);
    expect(batch.map((s) => [s.seq, s.change_kind, s.id])).toEqual([[1, 'confirmed', a.id], [2, 'confirmed', b.id], [3, 'answered', a.id]]);
    expect(batch[0]).toMatchObject({ status: 'settled', setl_id: 'S-A', counted_center: 1, medfee_sumamt: 10000, fund_pay_sumamt: 7000, acct_pay: 3000, clr_type: '41' });
    expect(store.replication.counts()).toEqual({ backlog: 3, local_seq: 3, acked_seq: 0, oldest_unsent_date: '2026-12-01' });
    store.replication.ack(1);
    expect(store.replication.counts()).toEqual({ backlog: 2, local_seq: 3, acked_seq: 1, oldest_unsent_date: '2026-12-01' });
    store.replication.ack(2);
    expect(store.replication.counts().oldest_unsent_date).toBe('2026-12-01');
    store.replication.ack(1);
    expect(store.replication.ackedSeq()).toBe(2);
    expect(store.replication.batch(10).map((s) => s.seq)).toEqual([3]);
    expect(store.replication.batch(10, 0)).toHaveLength(3);
  });

  it('a data file made while 9 was the newest migration (version number only) gets 7 at open, and nothing else again', () => {
    const { store, file } = ctx;
    // as a build before the set of applied migrations left it: one number, 9, and no tables of 7
    store.db.exec('DROP TABLE repl_queue; DROP TABLE repl_state; DROP TABLE schema_migrations; UPDATE schema_version SET version = 9;');
    store.close();
    const again = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
    try {
      expect(again.replication.counts()).toEqual({ backlog: 0, local_seq: 0, acked_seq: 0, oldest_unsent_date: null });
      // 1–6 and 9 counted as applied (re-running 1 would fail on its existing tables), 7 ran now
      expect(again.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toContain(7);
    } finally {
      again.close();
    }
  });
});
