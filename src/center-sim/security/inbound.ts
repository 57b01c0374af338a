/**
 * The checks a signed transport gets before the envelope is trusted, in the reverse order of the
 * terminal's chain: the gateway's headers (tif-header) first — a gateway answers for itself, with
 * HTTP 401 — then cainfo and signData with the center's own refusals, then the SM4 payload is
 * decrypted so the transactions only ever see the plain input. A stale time or a reused nonce is
 * refused like a wrong signature: a replayed message must not be applied again.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { verifySm2Cainfo, verifySm3Cainfo } from '../../main/center/signing/cainfo.js';
import { sm4DecryptJson, verifyFields } from '../../main/center/signing/sm4-envelope.js';
import { TIF_HEADERS, tifSignature } from '../../main/center/signing/tif-header.js';
import { parseInfTime } from '../../main/center/time.js';
import type { SimSecurity } from './options.js';
import type { createReplayGuard } from './replay-guard.js';

export type Inbound =
  | { ok: true; raw: Record<string, unknown> }
  /** the gateway refused: HTTP 401, no envelope */
  | { ok: false; gateway: true; message: string }
  /** the center refused: infcode -1 with err_msg */
  | { ok: false; gateway: false; err_msg: string; raw: Record<string, unknown> };

function header(h: IncomingHttpHeaders, name: string): string | null {
  const v = h[name.toLowerCase()];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

/** the gateway's part: paas id, timestamp within the skew, a nonce never seen, the signature */
export function checkTifHeaders(headers: IncomingHttpHeaders, sec: SimSecurity, guard: ReturnType<typeof createReplayGuard>, now: Date): string | null {
  const tif = sec.tif;
  if (!tif) return null;
  const paasid = header(headers, TIF_HEADERS.paasid);
  const ts = header(headers, TIF_HEADERS.timestamp);
  const nonce = header(headers, TIF_HEADERS.nonce);
  const sig = header(headers, TIF_HEADERS.signature);
  const missing = [[TIF_HEADERS.paasid, paasid], [TIF_HEADERS.timestamp, ts], [TIF_HEADERS.nonce, nonce], [TIF_HEADERS.signature, sig]].find(([, v]) => !v);
  if (missing) return `网关鉴权失败：缺少请求头 ${missing[0]}`;
  if (paasid !== tif.paasid) return `网关鉴权失败：应用编号 ${paasid} 未授权 (x-tif-paasid)`;
  if (!/^\d{9,11}$/.test(ts!)) return '网关鉴权失败：时间戳应为 Unix 秒数 (x-tif-timestamp)';
  const skew = Math.round(now.getTime() / 1000 - Number(ts));
  if (Math.abs(skew) > sec.maxSkewSeconds) return `网关鉴权失败：时间戳与网关时间相差 ${skew} 秒，超过允许的 ${sec.maxSkewSeconds} 秒，请校准终端时钟 (x-tif-timestamp)`;
  if (!/^[0-9a-fA-F]{32}$/.test(nonce!)) return '网关鉴权失败：随机数应为 32 位十六进制 (x-tif-nonce)';
  if (sig!.toLowerCase() !== tifSignature(ts!, tif.secret, nonce!)) return '网关鉴权失败：签名不正确 (x-tif-signature)';
  // remembered only once the signature holds, so a forger cannot burn a terminal's nonces
  if (!guard.firstUse(nonce!, now.getTime())) return '网关鉴权失败：随机数已使用，疑似重放请求 (x-tif-nonce)';
  return null;
}

function staleInfTime(raw: Record<string, unknown>, sec: SimSecurity, now: Date): string | null {
  const t = typeof raw.inf_time === 'string' ? parseInfTime(raw.inf_time) : null;
  if (!t) return null; // the envelope check names a bad inf_time
  const skew = Math.round((now.getTime() - t.getTime()) / 1000);
  return Math.abs(skew) > sec.maxSkewSeconds ? `报文时间与中心时间相差 ${skew} 秒，超过允许的 ${sec.maxSkewSeconds} 秒，疑似重放或终端时钟不准 (inf_time)` : null;
}

/** cainfo, signData and encData of a parsed body (the gateway's headers already passed) */
export function openSignedEnvelope(raw: Record<string, unknown>, sec: SimSecurity, now: Date): Inbound {
  const refuse = (err_msg: string): Inbound => ({ ok: false, gateway: false, err_msg, raw });
  const has = (s: string) => sec.schemes.includes(s as SimSecurity['schemes'][number]);
  const signed = has('sm3-cainfo') || has('sm2-cainfo') || has('sm4-envelope');
  if (signed) {
    const stale = staleInfTime(raw, sec, now);
    if (stale) return refuse(stale);
  }
  if (has('sm3-cainfo')) {
    if (raw.signtype !== 'SM3') return refuse(`签名类型应为 SM3，收到 "${String(raw.signtype ?? '')}" (signtype)`);
    if (!verifySm3Cainfo(raw, sec.sm3Key)) return refuse('数字签名验证失败：SM3 摘要与报文不符 (cainfo)');
  }
  if (has('sm2-cainfo')) {
    if (raw.signtype !== 'SM2') return refuse(`签名类型应为 SM2，收到 "${String(raw.signtype ?? '')}" (signtype)`);
    if (!verifySm2Cainfo(raw, sec.terminalPublicKey!, sec.format, sec.userId)) return refuse('数字签名验证失败：SM2 签名无效或不是本机构的密钥 (cainfo)');
  }
  if (has('sm4-envelope')) {
    if (typeof raw.encData !== 'string' || typeof raw.signData !== 'string') return refuse('报文未加密：缺少 encData 或 signData');
    if (!verifyFields(raw, sec.terminalPublicKey!, sec.format, sec.userId)) return refuse('验签失败：signData 与报文不符 (signData)');
    let input: unknown;
    try {
      input = sm4DecryptJson(sec.sm4!, raw.encData);
    } catch (e) {
      return refuse(`解密失败：${(e as Error).message} (encData)`);
    }
    const { encData: _e, signData: _s, encType: _t, signType: _st, ...rest } = raw;
    return { ok: true, raw: { ...rest, input } };
  }
  return { ok: true, raw };
}
