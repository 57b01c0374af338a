/**
 * The HIS simulator's own SQLite file: the bills it hands out by number (and whether they are paid),
 * the results it applied (one per idempotency key) and every delivery it received (a result sent
 * twice is one result and two deliveries). All of the simulator's SQL is here.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface SimBillRow {
  his_bill_no: string;
  doc: string;
  status: 'open' | 'paid';
  paid: string | null;
}

export interface SimResultRow {
  key: string;
  kind: string;
  his_bill_no: string;
  settlement_id: string;
  payload: string;
  received_at: string;
  deliveries: number;
}

export function openHisSimStore(dbPath: string) {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
CREATE TABLE IF NOT EXISTS bills (his_bill_no TEXT PRIMARY KEY, doc TEXT NOT NULL, status TEXT NOT NULL, paid TEXT);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, kind TEXT NOT NULL, his_bill_no TEXT NOT NULL, settlement_id TEXT NOT NULL,
  payload TEXT NOT NULL, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`);
  return {
    putBill: (no: string, doc: string) =>
      void db.prepare("INSERT INTO bills (his_bill_no, doc, status) VALUES (?, ?, 'open') ON CONFLICT(his_bill_no) DO UPDATE SET doc = excluded.doc, status = 'open', paid = NULL").run(no, doc),
    bill: (no: string) => (db.prepare('SELECT * FROM bills WHERE his_bill_no = ?').get(no) as SimBillRow | undefined) ?? null,
    bills: () => db.prepare('SELECT * FROM bills ORDER BY his_bill_no').all() as SimBillRow[],
    billCount: () => db.prepare('SELECT COUNT(*) FROM bills').pluck().get() as number,
    /** a result applied once per key; false when the key was applied before (counted as another delivery) */
    apply(r: Omit<SimResultRow, 'deliveries'>, paid: { status: 'open' | 'paid'; paid: string | null }): boolean {
      return db.transaction(() => {
        const had = db.prepare('UPDATE results SET deliveries = deliveries + 1 WHERE key = ?').run(r.key).changes === 1;
        if (had) return false;
        db.prepare('INSERT INTO results (key, kind, his_bill_no, settlement_id, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)').run(r.key, r.kind, r.his_bill_no, r.settlement_id, r.payload, r.received_at);
        db.prepare('UPDATE bills SET status = ?, paid = ? WHERE his_bill_no = ?').run(paid.status, paid.paid, r.his_bill_no);
        return true;
      })();
    },
    results: () => db.prepare('SELECT * FROM results ORDER BY received_at, key').all() as SimResultRow[],
    next(name: string): number {
      db.prepare('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT(name) DO NOTHING').run(name);
      return db.prepare('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value').pluck().get(name) as number;
    },
    close: () => db.close(),
  };
}
export type HisSimStore = ReturnType<typeof openHisSimStore>;
