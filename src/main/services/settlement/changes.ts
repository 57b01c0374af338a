/**
 * Who else must hear of a settlement's change, durably. A follower writes its own queue rows inside
 * the transaction of the change (so a SIGKILL cannot separate the change from what it owes the
 * printer, the HIS or the institution database), and wakes its sender after the commit.
 */
import type { SettlementItem, SettlementRecord } from '../../store/index.js';
import type { CashTender } from '../../../shared/api-till.js';
import type { Relation } from '../../../shared/domain.js';
import type { SettlementEffect } from './answers.js';

/** what the accounts held as the settlement was priced (before it): own balance (null: no account), the co-pay authorizer's */
export interface AccountsBefore {
  acct_balc: number | null;
  mulaid: { relation: Relation; balc: number } | null;
}

interface ChangeBase {
  settlementId: string;
  /** the settlement as it is now (read when asked; inside the transaction it sees the change) */
  record(): SettlementRecord;
}

export type SettlementChange = ChangeBase &
  (
    | { kind: 'confirmed'; items: SettlementItem[]; offline: boolean; cash: CashTender | null; accounts: AccountsBefore }
    /** the center answered one of the settlement's messages (2201 visit id, 2207/2102 settled with its split, 2208/2103 reversed) */
    | { kind: 'answered'; infno: string; effect: SettlementEffect; balcAfter?: number }
    /** the center refused one of its messages */
    | { kind: 'refused'; infno: string; reason: string }
    | { kind: 'reversal_requested'; reason: string; actor: string; conflictId: number | null }
    | { kind: 'conflict_resolved'; conflictId: number; resolution: 'accepted' | 'reversed'; actor: string; note: string | null }
  );

/** a change as its author describes it; the feed adds which settlement and how to read it */
export type ChangeFacts = SettlementChange extends infer C ? (C extends SettlementChange ? Omit<C, keyof ChangeBase> : never) : never;

export interface SettlementFollower {
  /** inside the transaction of the change: write your own durable rows; a throw undoes the change */
  inTransaction?(change: SettlementChange): void;
  /** after the commit: wake what sends them (never throws into the settlement's path) */
  afterCommit?(change: SettlementChange): void;
}

export function createChangeFeed(log: (line: string) => void) {
  const followers = new Set<SettlementFollower>();
  return {
    follow(f: SettlementFollower): () => void {
      followers.add(f);
      return () => followers.delete(f);
    },
    inTransaction(c: SettlementChange): void {
      for (const f of followers) f.inTransaction?.(c);
    },
    afterCommit(c: SettlementChange): void {
      for (const f of followers) {
        try {
          f.afterCommit?.(c);
        } catch (e) {
          log(`[settlement] a follower failed after ${c.kind} of ${c.settlementId}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    },
  };
}
export type ChangeFeed = ReturnType<typeof createChangeFeed>;
