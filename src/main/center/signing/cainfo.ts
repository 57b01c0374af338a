/**
 * `cainfo` and `signtype` on the national envelope. Many centers leave both empty; some expect
 *   signtype "SM3", cainfo = lowercase hex SM3 digest        (sm3-cainfo)
 *   signtype "SM2", cainfo = base64 SM3withSM2 signature      (sm2-cainfo, signer id 1234567812345678)
 * of the envelope's fields other than cainfo and input (signtype included), canonical form in
 * canonical.ts. Where the center salts the digest, "&key=<sm3Key>" ends the text before hashing.
 */
import { canonicalFields } from './canonical.js';
import { sm2Verify, type Sm2SignatureFormat, type Sm2Signer } from './gm/sm2.js';
import { sm3 } from './gm/sm3.js';

export const CAINFO_EXCLUDED: ReadonlySet<string> = new Set(['cainfo', 'input']);

export function cainfoText(env: Record<string, unknown>, sm3Key?: string): string {
  const text = canonicalFields(env, CAINFO_EXCLUDED);
  return sm3Key ? `${text}&key=${sm3Key}` : text;
}

export function sm3Cainfo(env: Record<string, unknown>, sm3Key?: string): string {
  return sm3(cainfoText(env, sm3Key)).toString('hex');
}

export function sm2Cainfo(env: Record<string, unknown>, signer: Sm2Signer, format: Sm2SignatureFormat): string {
  return signer.sign(Buffer.from(cainfoText(env), 'utf8'), format).toString('base64');
}

export function verifySm3Cainfo(env: Record<string, unknown>, sm3Key?: string): boolean {
  const got = typeof env.cainfo === 'string' ? env.cainfo.toLowerCase() : '';
  return got.length === 64 && got === sm3Cainfo(env, sm3Key);
}

export function verifySm2Cainfo(env: Record<string, unknown>, publicKey: Uint8Array, format: Sm2SignatureFormat, userId?: string): boolean {
  if (typeof env.cainfo !== 'string' || env.cainfo === '') return false;
  return sm2Verify(publicKey, Buffer.from(cainfoText(env), 'utf8'), Buffer.from(env.cainfo, 'base64'), format, userId);
}
