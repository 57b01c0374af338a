/**
 * The terminal's store: one SQLite file and every repository over it. All of the terminal's SQL is in
 * this folder (test/unit/store/sql-in-store.test.ts keeps it so); other folders call repositories by name.
 */
import { openDatabase, startCheckpoints, type Db } from './db.js';
import { createAuditRepo } from './audit.js';
import { createCashierRepo } from './cashiers.js';
import { createConflictRepo } from './conflicts.js';
import { createHandoverRepo } from './handovers.js';
import { createKv } from './kv.js';
import { createMsgidAllocator } from './msgid.js';
import { createOfflineMarks } from './offline-marks.js';
import { createOutboxRepo } from './outbox.js';
import { createPersonCache } from './person-cache.js';
import { createPrintJobs } from './print-jobs.js';
import { createReceiptRepo } from './receipts.js';
import { createReconcileRows } from './reconcile-rows.js';
import { createRunRepo } from './reconcile-runs.js';
import { createSendLog } from './send-log.js';
import { createSettlementRepo } from './settlements.js';

export interface StoreOptions {
  fixmedinsCode: string;
  stamp14: () => string;
  nowIso?: () => string;
}

export function createStore(file: string, opts: StoreOptions) {
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
    sendLog: createSendLog(db, nowIso),
    conflicts: createConflictRepo(db, nowIso),
    offlineMarks: createOfflineMarks(db),
    personCache: createPersonCache(db, nowIso),
    settlements: createSettlementRepo(db, { nowIso, msgids, audit }),
    reconcileRows: createReconcileRows(db),
    reconcileRuns: createRunRepo(db),
    kv: createKv(db),
    // migration 4: the print queue, the till's figures, the shift hand-overs
    printJobs: createPrintJobs(db, nowIso),
    receipts: createReceiptRepo(db),
    handovers: createHandoverRepo(db),
    /** run fn in one write transaction (BEGIN IMMEDIATE); nested calls become savepoints */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
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
