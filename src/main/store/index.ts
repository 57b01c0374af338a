/** The terminal's store: one SQLite file, repositories over it. */
import { openDatabase, startCheckpoints, type Db } from './db.js';
import { createAuditRepo } from './audit.js';
import { createCashierRepo } from './cashiers.js';
import { createMsgidAllocator } from './msgid.js';
import { createOutboxRepo } from './outbox.js';
import { createPersonCache } from './person-cache.js';
import { createSettlementRepo } from './settlements.js';

export function createStore(file: string, opts: { fixmedinsCode: string; stamp14: () => string; nowIso?: () => string }) {
  const db: Db = openDatabase(file);
  const stopCheckpoints = startCheckpoints(db);
  const nowIso = opts.nowIso ?? (() => new Date().toISOString());
  const audit = createAuditRepo(db, nowIso);
  const msgids = createMsgidAllocator(db, opts.fixmedinsCode, opts.stamp14);
  return {
    db,
    audit,
    msgids,
    cashiers: createCashierRepo(db, nowIso),
    outbox: createOutboxRepo(db),
    personCache: createPersonCache(db, nowIso),
    settlements: createSettlementRepo(db, { nowIso, msgids, audit }),
    kv: {
      get: (key: string) => (db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null,
      set: (key: string, value: string) => db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value),
    },
    close: () => {
      stopCheckpoints();
      db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;
export type { SettlementRecord, SettlementItem, OutboxMessage } from './settlements.js';
export type { OutboxRow } from './outbox.js';
