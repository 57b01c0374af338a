/**
 * The replication's follower of a settlement's life: every change (confirmed, answered, refused,
 * reversal_requested, conflict_resolved) gets its row in the replication queue inside the change's own
 * transaction, so the institution database hears of every change exactly in the window's order, and a
 * SIGKILL cannot lose one. Sending happens after the commit, in the sender; nothing here waits for
 * PostgreSQL or can fail a confirm for its sake (a throw here would: it only writes one SQLite row).
 */
import type { SettlementChange, SettlementFollower } from '../../services/settlement/changes.js';
import type { Store } from '../../store/index.js';

/** the change's own facts, as pos.settlement_changes.detail keeps them (the bill's lines are in the settlement's detail) */
export function changeDetail(c: SettlementChange): Record<string, unknown> {
  switch (c.kind) {
    case 'confirmed':
      return { offline: c.offline, cash: c.cash, accounts: c.accounts, lines: c.items.length };
    case 'answered':
      return { infno: c.infno, effect: c.effect, ...(c.balcAfter !== undefined ? { balc_after: c.balcAfter } : {}) };
    case 'refused':
      return { infno: c.infno, reason: c.reason };
    case 'reversal_requested':
      return { reason: c.reason, actor: c.actor, conflict_id: c.conflictId };
    case 'conflict_resolved':
      return { conflict_id: c.conflictId, resolution: c.resolution, actor: c.actor, note: c.note };
  }
}

export function createReplicationFollower(d: { store: Pick<Store, 'replication'>; wake(): void }): SettlementFollower {
  return {
    inTransaction(c) {
      d.store.replication.enqueue({ settlement_id: c.settlementId, kind: c.kind, detail: changeDetail(c) });
    },
    afterCommit() {
      d.wake();
    },
  };
}
