/**
 * Personal data at rest, column by column (node:crypto, no new native module):
 *   seal/open   AES-256-GCM, a fresh 96-bit IV per value; the context (table.column|row id) is the
 *               associated data, so a sealed value moved to another row or column does not open.
 *   lookup      HMAC-SHA256 of (kind, value): what the person cache is searched by instead of the
 *               ID or card number itself (equal numbers give equal keys; the number is not in the file).
 *   mac         HMAC-SHA256 for integrity (cashier rows, the audit chain).
 * Sealed text is `enc1:` + base64(iv ‖ ciphertext ‖ tag); anything else is plain (rows written before
 * migration 6, sealed when it ran).
 */
import crypto from 'node:crypto';

export const SEALED_PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(SEALED_PREFIX);

export interface Sealer {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** a sealed value opened, a plain one (legacy) as it is; null stays null */
  openMaybe(v: string | null, context: string): string | null;
  lookup(kind: string, value: string): string;
}

/** `dataKey()` is asked on first use: where the key is held by an OS key store the CLI may not have it. */
export function createSealer(dataKey: () => Buffer, lookupKey: () => Buffer): Sealer {
  const sealer: Sealer = {
    seal(plain, context) {
      const iv = crypto.randomBytes(IV_BYTES);
      const c = crypto.createCipheriv('aes-256-gcm', dataKey(), iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
    },
    open(sealed, context) {
      if (!isSealed(sealed)) throw new SealError(`${context}: not a sealed value`);
      const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SealError(`${context}: sealed value is too short`);
      const d = crypto.createDecipheriv('aes-256-gcm', dataKey(), raw.subarray(0, IV_BYTES));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      try {
        return Buffer.concat([d.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), d.final()]).toString('utf8');
      } catch {
        throw new SealError(`${context}: the sealed value does not open (altered, moved from another row, or another key)`);
      }
    },
    openMaybe(v, context) {
      if (v === null) return null;
      return isSealed(v) ? sealer.open(v, context) : v;
    },
    lookup(kind, value) {
      return 'k1:' + crypto.createHmac('sha256', lookupKey()).update(`${kind}\0${value}`, 'utf8').digest('base64url');
    },
  };
  return sealer;
}

/**
 * HMAC-SHA256 as hex over the parts, canonical as a JSON array (unambiguous: ("ab","c") and ("a","bc")
 * differ, null is not "null"), in one update: it runs inside every confirm's transaction.
 */
export function macHex(key: Buffer | crypto.KeyObject, parts: ReadonlyArray<string | number | null>): string {
  return crypto.createHmac('sha256', key).update(JSON.stringify(parts), 'utf8').digest('hex');
}

/** constant-time equality of two hex MACs */
export function macEquals(a: string | null, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
