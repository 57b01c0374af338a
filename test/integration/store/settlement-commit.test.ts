import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/main/store/index.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { tempDir } from '../../helpers/tmp.js';

describe('store: the durable commit of a confirmed settlement', () => {
  let t: ReturnType<typeof tempDir>;
  let store: Store;
  let file: string;
  beforeEach(() => {
    t = tempDir();
    file = path.join(t.dir, 'terminal.db');
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  it('uses WAL and synchronous=FULL', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('writes settlement, items, outbox and audit together, visible to another connection', () => {
    const rec = sampleRecord();
    const { created } = store.settlements.commitConfirmed(rec, sampleItems(), [
      { step: 1, infno: '2101', payload: { a: 1 } },
      { step: 2, infno: '2102', payload: { b: 2 } },
    ], { actor: '1001', action: 'settlement.confirm', subject: rec.id });
    expect(created).toBe(true);
    const other = new Database(file, { readonly: true });
    try {
      expect(other.prepare('SELECT COUNT(*) n FROM settlements WHERE id = ?').get(rec.id)).toEqual({ n: 1 });
      expect(other.prepare('SELECT COUNT(*) n FROM settlement_items WHERE settlement_id = ?').get(rec.id)).toEqual({ n: 1 });
      expect(other.prepare('SELECT infno FROM outbox WHERE settlement_id = ? ORDER BY id').all(rec.id)).toEqual([{ infno: '2101' }, { infno: '2102' }]);
      expect(other.prepare("SELECT COUNT(*) n FROM audit WHERE subject = ? AND action = 'settlement.confirm'").get(rec.id)).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('the same request id twice makes one settlement', () => {
    const rec = sampleRecord();
    store.settlements.commitConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    const again = store.settlements.commitConfirmed({ ...rec, id: 'other-id' }, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(rec.id);
    expect(store.db.prepare('SELECT COUNT(*) n FROM settlements').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT COUNT(*) n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('a failure inside the transaction leaves nothing behind', () => {
    const rec = sampleRecord();
    const bad = [{ ...sampleItems()[0], amount: -1 }]; // violates the CHECK constraint
    expect(() => store.settlements.commitConfirmed(rec, bad, [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' })).toThrow();
    for (const table of ['settlements', 'settlement_items', 'outbox', 'audit']) {
      expect(store.db.prepare(`SELECT COUNT(*) n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('msgids are 30 characters, unique within a second, and survive a restart', () => {
    const a = store.msgids.next();
    const b = store.msgids.next();
    expect(a).toMatch(/^P53060200001202611261015000001$/);
    expect(b).toBe('P53060200001202611261015000002');
    store.close();
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
    expect(store.msgids.next()).toBe('P53060200001202611261015000003');
  });

  it('the outbox hands out a settlement’s messages strictly in order', () => {
    const r1 = sampleRecord();
    const r2 = sampleRecord();
    store.settlements.commitConfirmed(r1, sampleItems(), [{ step: 1, infno: '2101', payload: {} }, { step: 2, infno: '2102', payload: {} }], { actor: 'a', action: 'x' });
    store.settlements.commitConfirmed(r2, sampleItems(), [{ step: 1, infno: '2101', payload: {} }, { step: 2, infno: '2102', payload: {} }], { actor: 'a', action: 'x' });
    const due = store.outbox.due(Date.now(), 10);
    expect(due.map((d) => [d.settlement_id, d.infno])).toEqual([[r1.id, '2101'], [r2.id, '2101']]);
    store.outbox.markDone(due[0].id, {});
    expect(store.outbox.due(Date.now(), 10).map((d) => [d.settlement_id, d.infno])).toEqual([[r1.id, '2102'], [r2.id, '2101']]);
    expect(store.outbox.stats().depth).toBe(2);
  });
});
