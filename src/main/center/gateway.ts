/**
 * The terminal's one way to the center. Every call gets a msgid (unless the outbox already gave it
 * one), the operator's sign_no and an envelope naming the operator; its outcome is reported to the
 * link (online / offline). Errors stay CenterErrors: the sync worker classifies them on its own terms
 * and the router maps them for the cashier — nothing in between rewraps them.
 */
import { createCenterClient, type CenterClient } from './client.js';
import { isCenterError } from './errors.js';
import type { CenterLink } from './link.js';
import { isInfno, type Infno, type TxInput, type TxOutput } from './registry.js';
import type { HttpPost, TransportChain, TransportSigner } from './transport.js';

export interface Operator {
  no: string;
  name: string;
}

/** the envelope's operator when no cashier is logged in (the worker draining after a restart) */
export const SYSTEM_OPERATOR: Operator = { no: 'SYSTEM', name: '终端后台' };

export interface GatewayOptions {
  url: string;
  fixmedins_code: string;
  fixmedins_name: string;
  mdtrtarea_admvs: string;
  dev_no: string;
  timeoutMs: number;
  opter_type: '1' | '2' | '3';
  signer?: TransportSigner;
  /** the configured way there (center-transport.ts): signing chain and TLS / proxy poster */
  transport?: { post: HttpPost; chain: TransportChain | null };
  link: CenterLink;
  nextMsgid(): string;
  /** who is at the window now (null: nobody logged in) */
  operator(): Operator | null;
  /** the operator's sign_no from 9001, when signed in */
  signNo(): string | null;
}

export interface CallOptions {
  /** the outbox's msgid for a stored message; a fresh one otherwise */
  msgid?: string;
  /** division where the person is insured (参保地) */
  insuplc_admdvs: string;
}

export function createCenterGateway(opts: GatewayOptions) {
  // one client per operator: the envelope names who sends
  let cached: { no: string; client: CenterClient } | null = null;
  function clientFor(op: Operator): CenterClient {
    if (cached?.no !== op.no) {
      cached = {
        no: op.no,
        client: createCenterClient({
          url: opts.url,
          fixmedins_code: opts.fixmedins_code,
          fixmedins_name: opts.fixmedins_name,
          mdtrtarea_admvs: opts.mdtrtarea_admvs,
          opter: op.no,
          opter_name: op.name,
          dev_no: opts.dev_no,
          timeoutMs: opts.timeoutMs,
          opter_type: opts.opter_type,
          signer: opts.signer,
          post: opts.transport?.post,
          chain: opts.transport?.chain,
        }),
      };
    }
    return cached.client;
  }

  async function callAs<K extends Infno>(op: Operator, infno: K, input: TxInput<K>, o: CallOptions): Promise<TxOutput<K>> {
    const msgid = o.msgid ?? opts.nextMsgid();
    try {
      const out = await clientFor(op).call(infno, input, { msgid, insuplc_admdvs: o.insuplc_admdvs, sign_no: opts.signNo() ?? undefined });
      opts.link.ok();
      return out;
    } catch (err) {
      if (isCenterError(err)) {
        // a refusal is an answer: the center is there
        if (err.kind === 'refused') opts.link.ok();
        else opts.link.failed(err.kind === 'timeout' ? 'timeout' : err.kind === 'bad_reply' ? `bad reply: ${err.message}` : err.message);
      }
      throw err;
    }
  }

  return {
    url: opts.url,
    link: opts.link,
    call<K extends Infno>(infno: K, input: TxInput<K>, o: CallOptions): Promise<TxOutput<K>> {
      return callAs(opts.operator() ?? SYSTEM_OPERATOR, infno, input, o);
    },
    /**
     * A message as the outbox stored it: JSON made by the settlement's messages, checked against the
     * transaction's schema by the client before it leaves (the one place stored JSON meets the types).
     */
    send(infno: string, input: Record<string, unknown>, o: CallOptions): Promise<unknown> {
      if (!isInfno(infno)) return Promise.reject(new Error(`the outbox holds an unknown transaction ${infno}`));
      return callAs(opts.operator() ?? SYSTEM_OPERATOR, infno, input as TxInput<typeof infno>, o);
    },
    /** 9001 for this operator; resolves to the sign_no */
    async signIn(op: Operator): Promise<string> {
      const out = await callAs(op, '9001', { signIn: { opter_no: op.no, mac: '', ip: '127.0.0.1' } }, { insuplc_admdvs: opts.mdtrtarea_admvs });
      return out.signinoutb.sign_no;
    },
  };
}
export type CenterGateway = ReturnType<typeof createCenterGateway>;
