/**
 * One national message → its reply, never throwing: the envelope check (receive.ts), msgid
 * deduplication, the businessError fault, the sign-in rule, the input decoded with the terminal's
 * own schema, the transaction (transactions/registry.ts) and the reply built and stored for
 * dedupe in ONE SQLite transaction, so a refusal or a crash leaves nothing behind.
 */
import { z } from 'zod';
import type { RequestEnvelope } from '../main/center/envelope.js';
import { centerTransactions, type Infno } from '../main/center/registry.js';
import { formatCstDate, formatMillisTime } from '../main/center/time.js';
import { describeIssue } from '../main/center/wire.js';
import { driftedOf } from './drift.js';
import type { SimState } from './index.js';
import { receiveEnvelope, type InboundMessage } from './receive.js';
import { SimRefusal } from './refusal.js';
import { createEnvelopeText, json, type Reply } from './reply.js';
import type { HandlerContext } from './transactions/context.js';
import { runTransaction } from './transactions/registry.js';

/** the businessError fault: answer with this infcode and err_msg, apply and store nothing */
export type FaultRefusal = { infcode: number; err_msg: string } | null;

function contextFor(state: SimState, env: RequestEnvelope, receivedAt: Date): HandlerContext {
  return {
    store: state.store,
    catalog: state.national.catalog(formatCstDate(receivedAt)),
    national: state.national,
    policyFor: (region) => {
      const p = state.policies.get(region) ?? state.policy;
      return state.faults.driftedPolicy ? driftedOf(p) : p;
    },
    hospLevel: state.hospLevel,
    date: formatCstDate(receivedAt),
    mdtrtarea_admvs: env.mdtrtarea_admvs,
    env,
    now: receivedAt,
  };
}

export function createMessageProcessor(state: SimState) {
  const envelopeText = createEnvelopeText(state);

  return function processMessage(msg: InboundMessage, refuseWith: FaultRefusal = null): Reply {
    const receivedAt = state.now();
    const received = receiveEnvelope(msg, state.security ? { security: state.security, replay: state.replay, now: receivedAt } : undefined);
    // the gateway in front of the center answers for itself, without an envelope
    if (!received.ok && received.gateway) return json(401, JSON.stringify({ code: 401, message: received.message }));
    if (!received.ok) return json(200, envelopeText(receivedAt, received.division, -1, received.err_msg, null));
    const { env } = received;
    const infno: Infno = received.infno;
    const division = env.mdtrtarea_admvs;
    const refusal = (err_msg: string) => json(200, envelopeText(receivedAt, division, -1, err_msg, null));

    if (state.faults.dedupe) {
      const seen = state.store.messages.get(env.msgid);
      if (seen) {
        if (seen.infno !== infno) return refusal(`报文ID ${env.msgid} 已用于交易 ${seen.infno}，不能用于 ${infno} (msgid)`);
        return json(200, seen.reply);
      }
    }
    if (refuseWith) return json(200, envelopeText(receivedAt, division, refuseWith.infcode, refuseWith.err_msg, null));
    if (state.requireSignIn && infno !== '9001') {
      if (!state.store.signIns.known(env.sign_no)) return refusal('未签到或签到编号无效，请先签到 (sign_no)');
    }

    const tx = centerTransactions[infno];
    const decoded = z.safeDecode(tx.input as z.ZodType, env.input);
    const stored = (reply: Reply): Reply => {
      state.store.messages.save(env.msgid, infno, reply.body, formatMillisTime(receivedAt));
      return reply;
    };
    if (!decoded.success) {
      const { message } = describeIssue(decoded.error, 'input');
      return stored(refusal(`${infno} ${tx.name} 入参校验失败: ${message}`));
    }
    const ctx = contextFor(state, env, receivedAt);
    try {
      return state.store.transaction((): Reply => {
        const output = runTransaction(infno, decoded.data, ctx);
        const wire = z.safeEncode(tx.output as z.ZodType, output);
        if (!wire.success) {
          // a simulator bug: answer like a broken center would (HTTP 500), change nothing
          throw new Error(`output encoding failed: ${describeIssue(wire.error, 'output').message}`);
        }
        return stored(json(200, envelopeText(receivedAt, division, 0, null, wire.data)));
      });
    } catch (e) {
      if (e instanceof SimRefusal) return stored(refusal(e.err_msg));
      return json(500, envelopeText(receivedAt, division, -1, `医保中心内部错误: ${(e as Error).message}`, null));
    }
  };
}
