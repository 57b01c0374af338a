/**
 * What became of one send, from the error the center call threw. The worker acts on this:
 *   refused  a business refusal (infcode < 0): park the message, tell the cashier
 *   unsent   the connection was refused: the request never reached the center; resend as it is
 *   unknown  timeout, dropped connection, HTTP 5xx, unreadable reply: the center may have applied it
 *   local    it failed before leaving (input error, a bug): retry later, nothing was sent
 * The center gateway throws CenterErrors as the client made them; anything else failed here, locally.
 */
import { centerErrorText, isCenterError, type CenterError } from '../center/index.js';

export type SendFailure = 'network' | 'timeout' | 'http' | 'bad_reply' | 'refused' | 'local' | 'crash';

export type FailedSend =
  | { kind: 'refused'; failure: 'refused'; message: string; infcode: number | null; httpStatus: number | null; rawBody: string | null }
  | { kind: 'unsent' | 'unknown' | 'local'; failure: SendFailure; message: string; infcode: null; httpStatus: number | null; rawBody: string | null };

/**
 * connect-time errors: no byte of the request reached the center. A TLS handshake the terminal refused
 * (an unknown CA, an expired or mismatched certificate) ends before the request is written, too.
 */
const NOT_DELIVERED = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED',
]);
/** a gateway in front of the center refused the request itself (signature, token): the center never saw it */
const GATEWAY_REFUSED = new Set([401, 403, 407]);

function networkCode(err: CenterError): string | null {
  let c: unknown = err.cause;
  for (let i = 0; i < 4 && c && typeof c === 'object'; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_DELIVERED.has(code)) return code;
    c = (c as { cause?: unknown }).cause;
  }
  return null;
}

function fromCenterError(err: CenterError, message: string): FailedSend {
  const base = { infcode: null, httpStatus: err.httpStatus, rawBody: err.rawBody, message };
  switch (err.kind) {
    case 'refused':
      return { ...base, kind: 'refused', failure: 'refused', infcode: err.infcode };
    case 'timeout':
      return { ...base, kind: 'unknown', failure: 'timeout' };
    case 'bad_reply':
      if (err.httpStatus !== null && GATEWAY_REFUSED.has(err.httpStatus)) return { ...base, kind: 'unsent', failure: 'http' };
      return { ...base, kind: 'unknown', failure: err.httpStatus !== null && err.httpStatus >= 500 ? 'http' : 'bad_reply' };
    default:
      return { ...base, kind: networkCode(err) ? 'unsent' : 'unknown', failure: 'network' };
  }
}

export function classifySendError(err: unknown): FailedSend {
  const message = err instanceof Error ? err.message : String(err);
  // the message is what the cashier is told (the router says the same for a call)
  if (isCenterError(err)) return fromCenterError(err, centerErrorText(err));
  return { kind: 'local', failure: 'local', infcode: null, httpStatus: null, rawBody: null, message };
}

/**
 * Messages whose repetition changes state at the center: an unknown outcome is resolved with 2601
 * before they go again. 2101 / 2206 (pre-settlement) only compute; 2204 replaces fee lines keyed by
 * feedetl_sn, which the terminal keeps stable, so re-sending them under the same msgid is harmless.
 */
export const STATE_CHANGING: ReadonlySet<string> = new Set(['2201', '2207', '2208', '2102', '2103']);
