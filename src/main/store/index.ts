/**
 * The terminal's store: one SQLite file and every repository over it. All of the terminal's SQL is in
 * this folder (test/unit/store/sql-in-store.test.ts keeps it so); other folders call repositories by name.
 */
import path from 'node:path';
import { openDatabase, startCheckpoints, type Db } from './db.js';
import { createAuditRepo } from './audit.js';
import { createAuditVerifier } from './audit-verify.js';
import { openKeyring, type Keyring } from './keys.js';
import { adoptPlainRows } from './migration-6-security.js';
import { createSealer } from './seal.js';
import { createCatalogVersionRepo } from './catalog-versions.js';
import { createCashierRepo } from './cashiers.js';
import { createCashierCache } from './cashier-cache.js';
import { createConflictRepo } from './conflicts.js';
import { createHisRepo } from './his.js';
import { createHandoverRepo } from './handovers.js';
import { createKv } from './kv.js';
import { createMsgidAllocator } from './msgid.js';
import { createNationalCatalogRepo } from './national-catalog.js';
import { createOfflineMarks } from './offline-marks.js';
import { createOutboxRepo } from './outbox.js';
import { createPersonCache } from './person-cache.js';
import { createPrintJobs } from './print-jobs.js';
import { createReceiptRepo } from './receipts.js';
import { createReconcileRows } from './reconcile-rows.js';
import { createReplicationRepo } from './replication.js';
import { createRunRepo } from './reconcile-runs.js';
import { createSendLog } from './send-log.js';
import { createSettlementRepo } from './settlements.js';

export interface StoreOptions {
  fixmedinsCode: string;
  /** this window's share of the msgid sequence when many windows share the institution code (msgid.ts) */
  msgidSlot?: number | null;
  stamp14: () => string;
  nowIso?: () => string;
  /** default: the key files in keys/ beside the database (keys.ts) */
  keys?: Keyring;
}

export function createStore(file: string, opts: StoreOptions) {
  const keys = opts.keys ?? openKeyring(path.join(path.dirname(path.resolve(file)), 'keys'));
  const sealer = createSealer(keys.dataKey, keys.lookupKey);
  const db: Db = openDatabase(file, { 6: (d) => adoptPlainRows(d, { integrity: keys.integrityKey(), sealer }) });
  const stopCheckpoints = startCheckpoints(db);
  const nowIso = opts.nowIso ?? (() => new Date().toISOString());
  const audit = createAuditRepo(db, nowIso, keys.integrityKey);
  const msgids = createMsgidAllocator(db, opts.fixmedinsCode, opts.stamp14, opts.msgidSlot ?? null);
  return {
    db,
    keys,
    audit,
    /** the audit chain's check (pos audit verify, the check at start) */
    auditVerifier: createAuditVerifier(db, keys.integrityKey),
    msgids,
    cashiers: createCashierRepo(db, nowIso, keys.integrityKey),
    /** the institution's cashiers mirrored here (institution/cashiers/) */
    cashierCache: createCashierCache(db, keys.integrityKey),
    outbox: createOutboxRepo(db),
    sendLog: createSendLog(db, nowIso),
    conflicts: createConflictRepo(db, nowIso),
    offlineMarks: createOfflineMarks(db),
    personCache: createPersonCache(db, nowIso, sealer),
    settlements: createSettlementRepo(db, { nowIso, msgids, audit, sealer }),
    reconcileRows: createReconcileRows(db),
    reconcileRuns: createRunRepo(db),
    kv: createKv(db),
    catalogVersions: createCatalogVersionRepo(db, nowIso),
    nationalCatalog: createNationalCatalogRepo(db, nowIso),
    his: createHisRepo(db, nowIso),
    // migration 4: the print queue, the till's figures, the shift hand-overs
    printJobs: createPrintJobs(db, nowIso),
    receipts: createReceiptRepo(db),
    handovers: createHandoverRepo(db),
    // migration 7: what this window owes the institution database
    replication: createReplicationRepo(db, nowIso),
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
export { isStorageFull } from './db.js';
export { auditHeadLine, type AuditHead } from './audit.js';
export { setDefaultKeyProtector, type KeyProtector } from './keys.js';
