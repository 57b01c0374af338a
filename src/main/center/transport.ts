/**
 * How a message travels to the center. Two hooks, both optional:
 *  - `TransportSigner`: headers computed from the exact body about to be sent (the simplest form of a
 *    provincial gateway's signature);
 *  - `TransportChain`: the configured signing / encryption schemes (signing/chain.ts) — it may change
 *    the envelope (cainfo, encData …), the URL and the headers, and opens the reply's output.
 * The bytes go out through an `HttpPost` (http/poster.ts: TLS with a private CA, client
 * certificate, proxy or front-end processor).
 */
export interface TransportSigner {
  headers(req: { url: string; body: string; infno: string; msgid: string }): Record<string, string> | Promise<Record<string, string>>;
}

export interface SealContext {
  /** the configured base URL */
  baseUrl: string;
  /** the national service endpoint under it */
  url: string;
  infno: string;
  msgid: string;
  now: Date;
}

export interface SealedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface TransportChain {
  /** the schemes in the order they apply (for logs and the connection check) */
  readonly schemes: readonly string[];
  /** the envelope as it goes on the wire: signed, encrypted, with the URL and headers it needs */
  seal(envelope: Record<string, unknown>, ctx: SealContext): SealedRequest;
  /** a successful reply's output, its signature checked and decrypted where the schemes say; throws with a reason */
  openReply(envelope: Record<string, unknown>): unknown;
  close(): void;
}

export interface HttpReply {
  status: number;
  text: string;
}

/** POST a body; rejects on a network failure with the system error (code ECONNREFUSED …) as its cause. */
export type HttpPost = (url: string, req: { headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<HttpReply>;

export const CENTER_PATH = '/fsi/api/rsfComIfsService/callService';
export const CONTENT_TYPE = 'application/json;charset=utf-8';

/** `{url}` + the national service path, without doubling slashes. */
export function serviceUrl(base: string): string {
  return base.replace(/\/+$/, '') + CENTER_PATH;
}
