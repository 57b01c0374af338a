/**
 * Transport signing: provinces add their own authentication in HTTP headers (a paas id, a
 * timestamp, a nonce and a SHA-256 / HMAC signature over the body). The client calls the signer
 * with the exact body it is about to send and merges the headers it returns.
 */
export interface TransportSigner {
  headers(req: { url: string; body: string; infno: string; msgid: string }): Record<string, string> | Promise<Record<string, string>>;
}

export const CENTER_PATH = '/fsi/api/rsfComIfsService/callService';
export const CONTENT_TYPE = 'application/json;charset=utf-8';

/** `{url}` + the national service path, without doubling slashes. */
export function serviceUrl(base: string): string {
  return base.replace(/\/+$/, '') + CENTER_PATH;
}
