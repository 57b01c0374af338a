/**
 * The simulator's store: its SQLite file and one repository per table family. Nothing outside this
 * folder sees the database handle, so every statement the simulator runs is written here.
 */
import { openSimDb } from './db.js';
import { createPeopleRepo } from './people.js';
import { createBindingRepo } from './bindings.js';
import { createYtdRepo } from './ytd.js';
import { createCounterRepo } from './counters.js';
import { createSignInRepo } from './sign-ins.js';
import { createVisitRepo } from './visits.js';
import { createSettlementRepo } from './settlements.js';
import { createMessageRepo } from './messages.js';
import { createReversalRepo } from './reversals.js';
import { createReconcileRepo } from './reconcile.js';
import { createNationalCatalogRepo } from './national-catalog.js';

export function openSimStore(dbPath: string, seedYear: number) {
  const db = openSimDb(dbPath, seedYear);
  return {
    people: createPeopleRepo(db),
    bindings: createBindingRepo(db),
    ytd: createYtdRepo(db),
    counters: createCounterRepo(db),
    signIns: createSignInRepo(db),
    visits: createVisitRepo(db),
    settlements: createSettlementRepo(db),
    messages: createMessageRepo(db),
    reversals: createReversalRepo(db),
    reconcile: createReconcileRepo(db),
    national: createNationalCatalogRepo(db),
    /** runs fn in one SQLite transaction: a throw rolls back everything it wrote */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}

export type SimStore = ReturnType<typeof openSimStore>;
export type { PersonRow } from './people.js';
export type { BindingRow } from './bindings.js';
export type { YtdRow, YtdDelta } from './ytd.js';
export type { SettlementRow, NewSettlement } from './settlements.js';
export type { SimReversal } from './reversals.js';
export type { ReconRecord, ReconGroupPeriod, ReconCursor } from './reconcile.js';
export type { SimNationalRow, SimMappingRow } from './national-catalog.js';
