/**
 * The print queue's follower of a settlement's life: its jobs are written inside the change's own
 * transaction, so a SIGKILL can never leave a confirmed settlement without its slip, and a slip is
 * never queued for a settlement that did not commit.
 *   confirmed           the drawer pulse (a cash part, when configured) at once; the slip held for the
 *                       center's answer (at most printer.waitForCenterMs), at once when confirmed offline
 *   answered 2207/2102  the held slip may go: it prints with the center's split and setl_id
 *   answered 2208/2103  the held reversal slip may go
 *   refused             a slip still held is cancelled: the center did not settle (or reverse) it
 *   reversal_requested  the reversal slip, held like the settlement's
 * Printing itself happens after the commit, in the print worker; it can fail, wait and retry without
 * ever touching the settlement.
 */
import type { PrinterConfig } from '../config.js';
import type { SettlementFollower } from '../../services/settlement/changes.js';
import { SETTLING } from '../../services/settlement/messages.js';
import type { Store } from '../../store/index.js';

export interface PrintQueueDeps {
  store: Pick<Store, 'printJobs'>;
  printer: Pick<PrinterConfig, 'waitForCenterMs' | 'drawer'>;
  nowMs(): number;
}

export function createPrintQueue(d: PrintQueueDeps) {
  const jobs = d.store.printJobs;
  let onQueued: () => void = () => {};
  const wait = d.printer.waitForCenterMs;
  const follower: SettlementFollower = {
    inTransaction(c) {
      switch (c.kind) {
        case 'confirmed': {
          const rec = c.record();
          if (d.printer.drawer.onCash && rec.local_split.psn_cash_pay > 0) jobs.add({ kind: 'drawer', settlement_id: rec.id, state: 'ready', actor: rec.cashier_no });
          const now = c.offline || wait === 0;
          jobs.add({ kind: 'settlement', settlement_id: rec.id, state: now ? 'ready' : 'held', hold_until: d.nowMs() + wait, actor: rec.cashier_no });
          return;
        }
        case 'answered':
          if (c.effect.center_split) jobs.release(c.settlementId, 'settlement');
          if (c.effect.status === 'reversed') jobs.release(c.settlementId, 'reversal');
          return;
        case 'refused':
          // the settlement itself refused: neither its slip nor a reversal slip asked for meanwhile prints
          if (SETTLING.has(c.infno)) jobs.cancel(c.settlementId, 'settlement', `医保中心拒绝：${c.reason}`);
          jobs.cancel(c.settlementId, 'reversal', `医保中心拒绝：${c.reason}`);
          return;
        case 'reversal_requested':
          jobs.add({ kind: 'reversal', settlement_id: c.settlementId, state: wait === 0 ? 'ready' : 'held', hold_until: d.nowMs() + wait, actor: c.actor });
          return;
        default:
          return;
      }
    },
    afterCommit(c) {
      if (c.kind !== 'conflict_resolved') onQueued();
    },
  };
  return {
    follower,
    /** the print worker (whole app only) wakes when something was queued or released */
    onQueued(fn: () => void) {
      onQueued = fn;
    },
  };
}
export type PrintQueue = ReturnType<typeof createPrintQueue>;
