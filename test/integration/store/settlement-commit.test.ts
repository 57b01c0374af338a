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
      expect(other.prepare('SELECT COUNT(*) n FROM settlement_items WHERE settlement_id = ?').get(rec.id)).toEqual({ n: 1 }); // the view over the row's lines
      expect(other.prepare('SELECT infno FROM outbox WHERE settlement_id = ? ORDER BY id').all(rec.id)).toEqual([{ infno: '2101' }, { infno: '2102' }]);
      expect(other.prepare("SELECT COUNT(*) n FROM audit WHERE subject = ? AND action = 'settlement.confirm'").get(rec.id)).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('the same request id twice makes one settlement', () => {
    const rec = sampleRecord();
    store.settlements.commitConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    // a repeated confirm (double press, a retry after a lost answer) carries the same request id: the settlement's id
    const again = store.settlements.commitConfirmed({ ...rec, cashier_no: '9999' }, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(rec.id);
    expect(again.record.cashier_no).toBe(rec.cashier_no);
    expect(store.db.prepare('SELECT COUNT(*) n FROM settlements').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT COUNT(*) n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('a failure inside the transaction leaves nothing behind', () => {
    const rec = sampleRecord();
    // the settlement row is written, then the second message cannot be: everything is rolled back
    const unserialisable = { amount: 1n } as unknown as Record<string, unknown>;
    expect(() =>
      store.settlements.commitConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }, { step: 2, infno: '2102', payload: unserialisable }], { actor: '1001', action: 'x' }),
    ).toThrow(/BigInt/);
    for (const table of ['settlements', 'outbox', 'audit']) {
      expect(store.db.prepare(`SELECT COUNT(*) n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('a line that is not a whole, non-negative amount of fen is refused', () => {
    for (const bad of [{ amount: -1 }, { pric: 12.5 }, { amount: Number.NaN }]) {
      const rec = sampleRecord();
      expect(() => store.settlements.commitConfirmed(rec, [{ ...sampleItems()[0], ...bad }], [], { actor: '1001', action: 'x' }), JSON.stringify(bad)).toThrow(/line 1/);
    }
    expect(store.db.prepare('SELECT COUNT(*) n FROM settlements').get()).toEqual({ n: 0 });
  });

  it('the lines are stored with the settlement and read back as rows through settlement_items', () => {
    const rec = sampleRecord();
    const items = [...sampleItems(), { line_no: 2, code: 'Y2', name: '第二行', chrgitm_lv: '02' as const, pric: 150, cnt: '3', amount: 450, selfpay_prop: 1000, pric_uplmt_amt: 200 }];
    store.settlements.commitConfirmed(rec, items, [], { actor: '1001', action: 'x' });
    expect(store.settlements.items(rec.id)).toEqual(items);
    expect(store.db.prepare('SELECT line_no, code, name, pric, cnt, amount, pric_uplmt_amt FROM settlement_items WHERE settlement_id = ? ORDER BY line_no').all(rec.id)).toEqual([
      { line_no: 1, code: 'X1', name: '测试药品', pric: 5000, cnt: '2', amount: 10000, pric_uplmt_amt: null },
      { line_no: 2, code: 'Y2', name: '第二行', pric: 150, cnt: '3', amount: 450, pric_uplmt_amt: 200 },
    ]);
  });

  it('prepares the rows outside the transaction: preparing writes nothing, committing writes it all once', () => {
    const rec = sampleRecord();
    const changes = () => store.db.prepare('SELECT (SELECT COUNT(*) FROM settlements) + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM audit) AS n').get();
    const prepared = store.settlements.prepareConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: { a: 1 } }], { actor: '1001', action: 'settlement.confirm', subject: rec.id });
    expect(changes()).toEqual({ n: 0 });
    expect(prepared.messages[0].payload).toBe('{"a":1}');
    expect(store.settlements.commitPrepared(prepared).created).toBe(true);
    expect(changes()).toEqual({ n: 3 });
    const again = store.settlements.prepareConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    expect(store.settlements.commitPrepared(again).created).toBe(false);
    expect(changes()).toEqual({ n: 3 });
    // the settlement names its last message, and that message is the one written
    expect(store.db.prepare('SELECT s.last_outbox_id = o.id AS ok FROM settlements s JOIN outbox o ON o.settlement_id = s.id').get()).toEqual({ ok: 1 });
  });

  it('a file from a pre-release build (old tables under the same version) is refused with a plain message', () => {
    const old = path.join(t.dir, 'old.db');
    const db = new Database(old);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (3); CREATE TABLE settlements (id TEXT PRIMARY KEY, request_id TEXT NOT NULL UNIQUE)");
    db.close();
    expect(() => createStore(old, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' })).toThrow(/pre-release build.*Move the file/);
  });

  it('msgids are 30 characters, increasing within a second, and a restart in the same second repeats none', () => {
    // a fresh process starts in the next second: the current one may have been used before it started
    const a = store.msgids.next();
    const b = store.msgids.next();
    expect(a).toBe('P53060200001202611261015010001');
    expect(b).toBe('P53060200001202611261015010002');
    store.close();
    // restarted with the clock still in the same second, nothing of a or b stored: its first second was recorded
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
    expect(store.msgids.next()).toBe('P53060200001202611261015020001');
  });

  it('a restart starts after every msgid the send log or the pending outbox holds, even ahead of the clock', () => {
    const rec = sampleRecord();
    store.settlements.commitConfirmed(rec, sampleItems(), [{ step: 1, infno: '2101', payload: {} }], { actor: '1001', action: 'x' });
    store.db.prepare("UPDATE outbox SET msgid = 'P53060200001202611261030590042'").run();
    store.db.prepare("INSERT INTO send_log (msgid, outbox_id, settlement_id, infno, state, first_at, sent_at) VALUES ('P53060200001202611261020000007', 1, ?, '2101', 'success', 'x', 'x')").run(rec.id);
    store.close();
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
    expect(store.msgids.next()).toBe('P53060200001202611261031000001');
  });

  it('more than 9999 msgids in one second borrow the next second, across minute and day boundaries', () => {
    store.close();
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261231235958' });
    const ids = Array.from({ length: 10_001 }, () => store.msgids.next());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[9998]).toBe('P53060200001202612312359599999');
    expect(ids[9999]).toBe('P53060200001202701010000000001');
    expect([...ids].sort()).toEqual(ids);
  });

  it('windows of one institution in the same second never share a msgid: each numbers within its slot', () => {
    store.close();
    const stores = [3, 17].map((slot, i) => createStore(path.join(t.dir, `w${i}.db`), { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500', msgidSlot: slot }));
    try {
      const [a, b] = stores.map((s) => Array.from({ length: 150 }, () => s.msgids.next()));
      expect(new Set([...a!, ...b!]).size).toBe(300);
      // slot 3: 0301…0399, then the next second; slot 17: 1701…
      expect(a![0]!.slice(26)).toBe('0301');
      expect(a![98]!.slice(26)).toBe('0399');
      expect(a![99]!.slice(12, 30)).toBe('202611261015020301');
      expect(b![0]!.slice(26)).toBe('1701');
      expect(a!.every((m) => m.slice(26, 28) === '03') && b!.every((m) => m.slice(26, 28) === '17')).toBe(true);
    } finally {
      for (const s of stores) s.close();
      store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
    }
  });

  it('the outbox hands out a settlement’s messages strictly in order', () => {
    const r1 = sampleRecord();
    const r2 = sampleRecord();
    store.settlements.commitConfirmed(r1, sampleItems(), [{ step: 1, infno: '2101', payload: {} }, { step: 2, infno: '2102', payload: {} }], { actor: 'a', action: 'x' });
    store.settlements.commitConfirmed(r2, sampleItems(), [{ step: 1, infno: '2101', payload: {} }, { step: 2, infno: '2102', payload: {} }], { actor: 'a', action: 'x' });
    const due = store.outbox.due(Date.now(), 10);
    expect(due.map((d) => [d.settlement_id, d.infno])).toEqual([[r1.id, '2101'], [r2.id, '2101']]);
    store.outbox.markDone(due[0].id);
    expect(store.outbox.due(Date.now(), 10).map((d) => [d.settlement_id, d.infno])).toEqual([[r1.id, '2102'], [r2.id, '2101']]);
    expect(store.outbox.stats().depth).toBe(2);
  });
});
