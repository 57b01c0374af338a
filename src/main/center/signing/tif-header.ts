/**
 * A provincial gateway's header signature ("tif"): every request carries
 *   x-tif-paasid     the application code the gateway issued
 *   x-tif-timestamp  Unix time in seconds (the gateway refuses one too far from its clock)
 *   x-tif-nonce      32 random hex characters, never used twice (the gateway remembers them a while)
 *   x-tif-signature  lowercase hex SHA-256 of the UTF-8 bytes of timestamp + secret + nonce + timestamp
 * and, where the gateway routes by transaction, x-tif-serviceId (the infno), posting to {url}/{infno}.
 * The body is not part of the signature: the gateway authenticates the caller, not the message.
 */
import crypto from 'node:crypto';

export const TIF_HEADERS = {
  paasid: 'x-tif-paasid',
  timestamp: 'x-tif-timestamp',
  nonce: 'x-tif-nonce',
  signature: 'x-tif-signature',
  serviceId: 'x-tif-serviceId',
} as const;

const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

export function tifSignature(timestamp: string, secret: string, nonce: string): string {
  const text = `${timestamp}${secret}${nonce}${timestamp}`;
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export function tifNonce(): string {
  return crypto.randomBytes(16).toString('hex');
}

export interface TifHeaderOptions {
  paasid: string;
  serviceIdHeader: boolean;
}

export function tifHeaders(o: TifHeaderOptions, secret: string, now: Date, infno: string, nonce: string = tifNonce()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const h: Record<string, string> = {
    [TIF_HEADERS.paasid]: o.paasid,
    [TIF_HEADERS.timestamp]: timestamp,
    [TIF_HEADERS.nonce]: nonce,
    [TIF_HEADERS.signature]: tifSignature(timestamp, secret, nonce),
  };
  if (o.serviceIdHeader) h[TIF_HEADERS.serviceId] = infno;
  return h;
}
