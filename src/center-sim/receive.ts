/**
 * Where a national message enters the simulator: the one check point between the HTTP server
 * (server.ts) and the transactions (process.ts). It turns a request into a checked envelope or a
 * refusal, before anything is looked up, deduplicated or changed.
 *
 * Signature checks belong here too, once the envelope is read and before it is trusted: the
 * gateway's HTTP header signature (x-tif-paasid, x-tif-timestamp, x-tif-nonce, x-tif-signature),
 * `cainfo` by `signtype` (SM3/SM2 over the envelope fields other than cainfo and input, in ASCII
 * order of their names), and an SM4-encrypted `input`, decrypted here so handlers only ever see
 * the plain input.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestEnvelope, INFVER } from '../main/center/envelope.js';
import { isValidMsgid } from '../main/center/msgid.js';
import { isInfno, type Infno } from '../main/center/registry.js';
import { describeIssue } from '../main/center/wire.js';

export interface InboundMessage {
  /** the request body as received */
  body: string;
  /** the request's HTTP headers: where a gateway's signature travels */
  headers: IncomingHttpHeaders;
}

export type Received =
  | { ok: true; env: RequestEnvelope; infno: Infno }
  /** refused: answered from `division` with infcode -1 and err_msg, nothing stored */
  | { ok: false; division: string; err_msg: string };

/** the division to answer from when the envelope cannot be read */
const DEFAULT_DIVISION = '530600';

export function receiveEnvelope(msg: InboundMessage): Received {
  let raw: unknown;
  try {
    raw = JSON.parse(msg.body);
  } catch {
    return { ok: false, division: DEFAULT_DIVISION, err_msg: '报文不是合法的JSON' };
  }
  const parsed = RequestEnvelope.safeParse(raw);
  if (!parsed.success) {
    const { message } = describeIssue(parsed.error);
    return { ok: false, division: DEFAULT_DIVISION, err_msg: `报文头校验失败: ${message}` };
  }
  const env = parsed.data;
  const refused = (err_msg: string): Received => ({ ok: false, division: env.mdtrtarea_admvs, err_msg });
  if (env.infver !== INFVER) return refused(`接口版本号 ${env.infver} 不支持，应为 ${INFVER} (infver)`);
  if (!isValidMsgid(env.msgid)) return refused('报文ID格式错误: 应为定点医药机构编号(12位)+yyyyMMddHHmmss+4位顺序号 (msgid)');
  if (env.fixmedins_code.length === 12 && !env.msgid.startsWith(env.fixmedins_code)) {
    return refused('报文ID前12位与定点医药机构编号不符 (msgid)');
  }
  if (!isInfno(env.infno)) return refused(`不支持的交易编号 ${env.infno} (infno)`);
  return { ok: true, env, infno: env.infno };
}
