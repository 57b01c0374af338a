/**
 * The encrypted envelope of the e-voucher and mobile-payment channels:
 *   encType "SM4", signType "SM2"
 *   encData   uppercase hex of SM4-ECB / PKCS#7 of the input's JSON (UTF-8); `input` itself is left out
 *   signData  base64 SM3withSM2 signature (DER or raw r‖s) of the other fields but cainfo and signtype, encData included,
 *             canonical form in canonical.ts — the receiver checks it before it decrypts anything
 * A reply may carry `output` as such a string instead of an object, with its own signData by the
 * center's key. Keys: SM2 private 32 bytes / public 65 bytes (04‖X‖Y), SM4 16 bytes.
 */
import { canonicalFields } from './canonical.js';
import { sm2Verify, type Sm2SignatureFormat, type Sm2Signer } from './gm/sm2.js';
import type { Sm4Codec } from './gm/sm4.js';

// signtype and cainfo may be written after signData (sm2-cainfo on top), so they take no part in it
export const SIGN_DATA_EXCLUDED: ReadonlySet<string> = new Set(['signData', 'cainfo', 'signtype', 'input']);

export interface Sm4Keys {
  sm4: Sm4Codec;
  signer: Sm2Signer;
  format: Sm2SignatureFormat;
}

export function sm4Encrypt(sm4: Sm4Codec, value: unknown): string {
  return sm4.encrypt(Buffer.from(JSON.stringify(value), 'utf8')).toString('hex').toUpperCase();
}

/** hex (either case) or base64 ciphertext → the JSON it holds; throws with a reason */
export function sm4DecryptJson(sm4: Sm4Codec, text: string): unknown {
  const t = text.trim();
  const bytes = /^([0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  const plain = sm4.decrypt(bytes).toString('utf8');
  try {
    return JSON.parse(plain);
  } catch {
    throw new Error('the decrypted text is not JSON');
  }
}

export function signFields(fields: Record<string, unknown>, signer: Sm2Signer, format: Sm2SignatureFormat): string {
  return signer.sign(Buffer.from(canonicalFields(fields, SIGN_DATA_EXCLUDED), 'utf8'), format).toString('base64');
}

export function verifyFields(fields: Record<string, unknown>, publicKey: Uint8Array, format: Sm2SignatureFormat, userId?: string): boolean {
  if (typeof fields.signData !== 'string' || fields.signData === '') return false;
  return sm2Verify(publicKey, Buffer.from(canonicalFields(fields, SIGN_DATA_EXCLUDED), 'utf8'), Buffer.from(fields.signData, 'base64'), format, userId);
}

/** The request envelope with its input encrypted and the whole signed. */
export function sealSm4Envelope(env: Record<string, unknown>, k: Sm4Keys): Record<string, unknown> {
  const { input, ...rest } = env;
  const sealed: Record<string, unknown> = { ...rest, encType: 'SM4', signType: 'SM2', encData: sm4Encrypt(k.sm4, input ?? null) };
  sealed.signData = signFields(sealed, k.signer, k.format);
  return sealed;
}
