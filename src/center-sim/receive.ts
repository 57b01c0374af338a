/**
 * Where a national message enters the simulator: the one check point between the HTTP server
 * (server.ts) and the transactions (process.ts). It turns a request into a checked envelope or a
 * refusal, before anything is looked up, deduplicated or changed.
 *
 * With a signed transport configured (security/options.ts) the signatures are checked here too,
 * once the body is read and before it is trusted (security/inbound.ts): the gateway's HTTP header
 * signature (x-tif-paasid, -timestamp, -nonce, -signature), `cainfo` by `signtype` (SM3 / SM2 over
 * the envelope fields other than cainfo and input, in ASCII order of their names), and an
 * SM4-encrypted input (encData, signed in signData), decrypted here so handlers only ever see the
 * plain input.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestEnvelope, INFVER } from '../main/center/envelope.js';
import { isValidMsgid } from '../main/center/msgid.js';
import { isInfno, type Infno } from '../main/center/registry.js';
import { describeIssue } from '../main/center/wire.js';
import { checkTifHeaders, openSignedEnvelope } from './security/inbound.js';
import type { SimSecurity } from './security/options.js';
import type { createReplayGuard } from './security/replay-guard.js';

export interface InboundMessage {
  /** the request body as received */
  body: string;
  /** the request's HTTP headers: where a gateway's signature travels */
  headers: IncomingHttpHeaders;
}

export type Received =
  | { ok: true; env: RequestEnvelope; infno: Infno }
  /** refused: answered from `division` with infcode -1 and err_msg, nothing stored */
  | { ok: false; division: string; err_msg: string; gateway?: false }
  /** refused by the gateway in front of the center (its header signature): HTTP 401, no envelope */
  | { ok: false; gateway: true; message: string };

/** the signed transport the simulator expects, when one is configured */
export interface ReceiveSecurity {
  security: SimSecurity;
  replay: ReturnType<typeof createReplayGuard>;
  now: Date;
}

/** the division to answer from when the envelope cannot be read */
const DEFAULT_DIVISION = '530600';

const divisionOf = (raw: unknown) => {
  const d = (raw as { mdtrtarea_admvs?: unknown } | null)?.mdtrtarea_admvs;
  return typeof d === 'string' && /^\d{6}$/.test(d) ? d : DEFAULT_DIVISION;
};

export function receiveEnvelope(msg: InboundMessage, sec?: ReceiveSecurity): Received {
  if (sec) {
    const refused = checkTifHeaders(msg.headers, sec.security, sec.replay, sec.now);
    if (refused) return { ok: false, gateway: true, message: refused };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(msg.body);
  } catch {
    return { ok: false, division: DEFAULT_DIVISION, err_msg: '报文不是合法的JSON' };
  }
  if (sec) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, division: DEFAULT_DIVISION, err_msg: '报文头校验失败: 报文应为 JSON 对象' };
    const opened = openSignedEnvelope(raw as Record<string, unknown>, sec.security, sec.now);
    if (!opened.ok) return opened.gateway ? opened : { ok: false, division: divisionOf(raw), err_msg: opened.err_msg };
    raw = opened.raw;
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
