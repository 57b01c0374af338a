/**
 * SM4 (GB/T 32907) in ECB mode with PKCS#7 padding, as the e-voucher and mobile-payment channels
 * use it: 16-byte key, 16-byte blocks. OpenSSL where the runtime has it, else sm-crypto (which
 * takes bytes as plain arrays: a string input would be read as UTF-8 text, not as hex).
 */
import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';

const NATIVE = crypto.getCiphers().includes('sm4-ecb');

export type Sm4Padding = 'pkcs7' | 'none';

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new Error(`SM4 key must be 16 bytes, got ${key.length}`);
}

export function sm4EcbEncryptJs(key: Uint8Array, plain: Uint8Array, padding: Sm4Padding = 'pkcs7'): Buffer {
  checkKey(key);
  const out = smCrypto.sm4.encrypt(Array.from(plain), Array.from(key), { padding: padding === 'pkcs7' ? 'pkcs#7' : 'none', output: 'array' });
  return Buffer.from(out);
}

export function sm4EcbDecryptJs(key: Uint8Array, cipher: Uint8Array, padding: Sm4Padding = 'pkcs7'): Buffer {
  checkKey(key);
  if (cipher.length === 0 || cipher.length % 16 !== 0) throw new Error(`SM4 ciphertext must be a non-empty multiple of 16 bytes, got ${cipher.length}`);
  const out = smCrypto.sm4.decrypt(Array.from(cipher), Array.from(key), { padding: padding === 'pkcs7' ? 'pkcs#7' : 'none', output: 'array' });
  return Buffer.from(out);
}

export function sm4EcbEncryptNative(key: Uint8Array, plain: Uint8Array, padding: Sm4Padding = 'pkcs7'): Buffer {
  checkKey(key);
  const c = crypto.createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(padding === 'pkcs7');
  return Buffer.concat([c.update(plain), c.final()]);
}

export function sm4EcbDecryptNative(key: Uint8Array, cipher: Uint8Array, padding: Sm4Padding = 'pkcs7'): Buffer {
  checkKey(key);
  if (cipher.length === 0 || cipher.length % 16 !== 0) throw new Error(`SM4 ciphertext must be a non-empty multiple of 16 bytes, got ${cipher.length}`);
  const d = crypto.createDecipheriv('sm4-ecb', key, null);
  d.setAutoPadding(padding === 'pkcs7');
  try {
    return Buffer.concat([d.update(cipher), d.final()]);
  } catch {
    // OpenSSL says "bad decrypt": the key is wrong or the text was not made with it
    throw new Error('SM4 padding is invalid (wrong key or damaged ciphertext)');
  }
}

export const sm4EcbEncrypt = NATIVE ? sm4EcbEncryptNative : sm4EcbEncryptJs;
export const sm4EcbDecrypt = NATIVE ? sm4EcbDecryptNative : sm4EcbDecryptJs;
export const sm4Backend = NATIVE ? 'openssl' : 'sm-crypto';

export interface Sm4Codec {
  encrypt(plain: Uint8Array): Buffer;
  decrypt(cipher: Uint8Array): Buffer;
}

function pkcs7(plain: Uint8Array): Buffer {
  const n = 16 - (plain.length % 16);
  return Buffer.concat([plain, Buffer.alloc(n, n)]);
}

function unpad(b: Buffer): Buffer {
  const n = b[b.length - 1];
  if (!n || n > 16 || b.length < n || !b.subarray(b.length - n).every((x) => x === n)) throw new Error('SM4 padding is invalid (wrong key or damaged ciphertext)');
  return b.subarray(0, b.length - n);
}

/**
 * SM4-ECB / PKCS#7 under one key, for many messages. ECB keeps no state between blocks, so with
 * OpenSSL one cipher and one decipher object (padding done here) serve every message: no context
 * is set up per message, which is most of the cost of a short one.
 */
export function createSm4Codec(key: Uint8Array): Sm4Codec {
  checkKey(key);
  if (!NATIVE) return { encrypt: (p) => sm4EcbEncryptJs(key, p), decrypt: (c) => sm4EcbDecryptJs(key, c) };
  const enc = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const dec = crypto.createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return {
    encrypt: (p) => enc.update(pkcs7(p)),
    decrypt(c) {
      if (c.length === 0 || c.length % 16 !== 0) throw new Error(`SM4 ciphertext must be a non-empty multiple of 16 bytes, got ${c.length}`);
      return unpad(dec.update(c));
    },
  };
}
