/**
 * What the simulator sends back: an HTTP reply, and the national response envelope around a
 * transaction's output or refusal. With sm4-envelope configured the output goes back encrypted
 * and the reply signed (security/reply-seal.ts), the counterpart of the checks in receive.ts.
 */
import type { ResponseEnvelopeOut } from '../main/center/envelope.js';
import { formatCompactTime, formatMillisTime } from '../main/center/time.js';
import type { SimState } from './index.js';
import { sealReply } from './security/reply-seal.js';

export interface Reply {
  status: number;
  body: string;
  contentType: string;
}

export const json = (status: number, body: string): Reply => ({ status, body, contentType: 'application/json;charset=utf-8' });

export type EnvelopeText = (receivedAt: Date, division: string, infcode: number, err_msg: string | null, output: unknown) => string;

export function createEnvelopeText(state: Pick<SimState, 'store' | 'now' | 'security'>): EnvelopeText {
  // division (6) + time (14) + a persistent serial (10), as public integrations show inf_refmsgid
  const refMsgId = (division: string) =>
    `${division}${formatCompactTime(state.now())}${String(state.store.counters.next('inf_refmsgid')).padStart(10, '0')}`;
  return (receivedAt, division, infcode, err_msg, output) => {
    const env: ResponseEnvelopeOut = {
      infcode,
      inf_refmsgid: refMsgId(division),
      refmsg_time: formatMillisTime(receivedAt),
      respond_time: formatMillisTime(state.now()),
      err_msg,
      warn_msg: null,
      cainfo: null,
      signtype: null,
      output,
    };
    return JSON.stringify(state.security ? sealReply(env, state.security) : env);
  };
}
