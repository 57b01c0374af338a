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
