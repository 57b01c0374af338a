/**
 * What every simulated transaction gets and returns. A handler takes the decoded (fen) input of its
 * infno and returns the decoded output; the message pipeline (../process.ts) decodes and encodes
 * with the same schemas the terminal uses, and runs the handler inside one SQLite transaction, so
 * a refusal leaves nothing behind.
 */
import type { RequestEnvelope } from '../../main/center/envelope.js';
import type { Infno, TxInput, TxOutput } from '../../main/center/registry.js';
import type { BillingContext } from '../billing.js';
import type { SimNational } from '../national-catalog.js';

export interface HandlerContext extends BillingContext {
  /** the checked envelope (../receive.ts): msgid, fixmedins_code, sign_no … */
  env: RequestEnvelope;
  /** when the message was received */
  now: Date;
  /** the national catalog: versions, the published one, mappings */
  national: SimNational;
}

export type Handler<K extends Infno> = (input: TxInput<K>, ctx: HandlerContext) => TxOutput<K>;

/** One handler for every infno the terminal speaks. */
export type Handlers = { [K in Infno]: Handler<K> };

/** A family of transactions (one file): its handlers by infno, each checked against its own schemas. */
export type Family = Partial<Handlers>;
