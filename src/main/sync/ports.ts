/**
 * What the outbox worker needs from the rest of the terminal, as it sees it. The worker moves
 * messages (order, retries with backoff, the send log, 2601 for unknown outcomes) and reports each
 * outcome here; what an outcome means for a settlement is the owner's to decide
 * (services/settlement/answers-applied.ts implements MessageOwner).
 */
import type { OutboxRow } from '../store/index.js';

/** One message made ready by its owner: where it goes and its input. */
export interface PreparedSend {
  readonly row: OutboxRow;
  readonly psn_no: string;
  readonly insuplc_admdvs: string;
  input(): Record<string, unknown>;
}

export interface MessageOwner<P extends PreparedSend = PreparedSend> {
  /** the message's settlement, read once for this send; null when it is gone (the message is parked) */
  prepare(row: OutboxRow): P | null;
  /** in the worker's transaction: the center answered; true when the settlement changed */
  answered(send: P, output: unknown): boolean;
  /** in the worker's transaction: the center refused the message */
  refused(send: P, f: { message: string; infcode: number | null }): void;
  /** in the worker's transaction: the 2601 for the message's unknown outcome was refused */
  unresolvable(send: P, reason: string, f: { omsgid: string; rmsgid: string; err_msg: string }): void;
  /** in the worker's transaction: it goes again later; the cashier is shown why */
  retrying(send: P, shown: string): void;
  /** after the transaction committed */
  committed(send: P): void;
}

/** The center as the worker calls it: rejects with the CenterError the client made (classify.ts reads it). */
export interface MessageSender {
  send(infno: string, input: Record<string, unknown>, meta: { msgid: string; insuplc_admdvs: string }): Promise<unknown>;
}
