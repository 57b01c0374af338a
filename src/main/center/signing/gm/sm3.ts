/**
 * SM3 (GB/T 32905), the Chinese 256-bit hash. Node's OpenSSL has it natively; Electron's BoringSSL
 * does not, so the pure-JS implementation of sm-crypto stands in there (same output, slower).
 */
import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';

const NATIVE = crypto.getHashes().includes('sm3');

/** SM3 with sm-crypto (works everywhere). */
export function sm3Js(data: Uint8Array): Buffer {
  return Buffer.from(smCrypto.sm3(Array.from(data)), 'hex');
}

// one native call where the runtime has crypto.hash (Node ≥ 20.12): cheaper than a Hash object
const oneShot = (crypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

/** SM3 with OpenSSL; throws where the runtime's crypto library has no SM3. */
export function sm3Native(data: Uint8Array): Buffer {
  return oneShot ? oneShot('sm3', data, 'buffer') : crypto.createHash('sm3').update(data).digest();
}

/** SM3 of bytes (a string is taken as UTF-8). */
export function sm3(data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return NATIVE ? sm3Native(bytes) : sm3Js(bytes);
}

export const sm3Backend = NATIVE ? 'openssl' : 'sm-crypto';

/** SM3 of prefix ‖ data for many data with one prefix (SM2's Z): the prefix is hashed once */
export function sm3WithPrefix(prefix: Uint8Array): (data: Uint8Array) => Buffer {
  if (!NATIVE) return (data) => sm3Js(Buffer.concat([prefix, data]));
  if (oneShot) return (data) => oneShot('sm3', Buffer.concat([prefix, data]), 'buffer');
  const fed = crypto.createHash('sm3').update(prefix);
  return (data) => fed.copy().update(data).digest();
}
