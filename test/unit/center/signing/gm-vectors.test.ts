/**
 * SM3 / SM4 / SM2 against the published vectors, on both backends (OpenSSL through node:crypto, and
 * sm-crypto, which Electron's BoringSSL falls back to), and SM2 signatures cross-checked with the
 * OpenSSL command line (an implementation of its own).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sm3, sm3Js, sm3Native } from '../../../../src/main/center/signing/gm/sm3.js';
import { createSm4Codec, sm4EcbDecryptJs, sm4EcbDecryptNative, sm4EcbEncryptJs, sm4EcbEncryptNative } from '../../../../src/main/center/signing/gm/sm4.js';
import { createSm2Signer, derEncodeSignature, sm2BasePointMultiply, sm2PointPool, sm2Verify, SM2_N } from '../../../../src/main/center/signing/gm/sm2.js';
import { until } from '../../../integration/devices/until.js';
import { tempDir } from '../../../helpers/tmp.js';

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

describe('SM3 (GB/T 32905 examples)', () => {
  const cases = [
    ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
  ] as const;
  it.each(cases)('SM3(%s) on both backends', (msg, digest) => {
    expect(sm3Native(Buffer.from(msg)).toString('hex')).toBe(digest);
    expect(sm3Js(Buffer.from(msg)).toString('hex')).toBe(digest);
    expect(sm3(msg).toString('hex')).toBe(digest);
  });
});

describe('SM4 (GB/T 32907 example)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');
  const cipher = '681edf34d206965e86b3e94f536e4246';

  it('key = plaintext = 0123…3210 gives 681edf34…4246 (one block, no padding)', () => {
    expect(sm4EcbEncryptNative(key, key, 'none').toString('hex')).toBe(cipher);
    expect(sm4EcbEncryptJs(key, key, 'none').toString('hex')).toBe(cipher);
    expect(sm4EcbDecryptNative(key, hex(cipher), 'none')).toEqual(key);
    expect(sm4EcbDecryptJs(key, hex(cipher), 'none')).toEqual(key);
  });

  it('PKCS#7: the two backends make the same text and read each other', () => {
    for (const n of [0, 1, 15, 16, 17, 1000]) {
      const plain = Buffer.from('医保'.repeat(n)).subarray(0, n);
      const a = sm4EcbEncryptNative(key, plain);
      expect(a.length % 16).toBe(0);
      expect(sm4EcbEncryptJs(key, plain)).toEqual(a);
      expect(sm4EcbDecryptJs(key, a)).toEqual(plain);
      expect(sm4EcbDecryptNative(key, a)).toEqual(plain);
    }
  });

  it('one codec under one key serves many messages (ECB keeps no state), the same bytes as a fresh cipher each', () => {
    const codec = createSm4Codec(key);
    const other = createSm4Codec(hex('00112233445566778899aabbccddeeff'));
    for (const n of [0, 5, 16, 33, 4000, 1]) {
      const plain = Buffer.alloc(n, n % 251);
      const c = codec.encrypt(plain);
      expect(c).toEqual(sm4EcbEncryptJs(key, plain));
      expect(codec.decrypt(c)).toEqual(plain);
      expect(() => other.decrypt(c)).toThrow(/padding|multiple/);
    }
    expect(() => codec.decrypt(Buffer.alloc(15))).toThrow(/multiple of 16/);
  });

  it('a wrong key or a cut ciphertext is an error, never garbage', () => {
    const c = sm4EcbEncryptNative(key, Buffer.from('{"a":1}'));
    const other = hex('00112233445566778899aabbccddeeff');
    expect(() => sm4EcbDecryptNative(other, c)).toThrow(/padding/);
    expect(() => sm4EcbDecryptJs(other, c)).toThrow(/padding/);
    expect(() => sm4EcbDecryptNative(key, c.subarray(0, 15))).toThrow(/multiple of 16/);
    expect(() => sm4EcbEncryptNative(key.subarray(0, 8), c)).toThrow(/16 bytes/);
  });
});

describe('SM2 signature (GM/T 0003.5-2012 = GB/T 32918.5-2017 annex A, recommended curve)', () => {
  const d = hex('3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8');
  const P = hex('04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020 CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13');
  const k = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;
  const e = 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640';
  const r = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
  const s = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
  const M = Buffer.from('message digest');
  const signer = createSm2Signer({ privateKey: d, publicKey: P, usePool: false });
  afterAll(() => signer.close());

  it('derives the public key, the digest e = SM3(Z ‖ M) and, with the example k, exactly r and s', () => {
    expect(signer.publicKey).toEqual(P);
    expect(sm2BasePointMultiply(d, 'js')).toEqual(P);
    expect(signer.digest(M).toString('hex').toUpperCase()).toBe(e);
    expect(signer.signWithK(M, k, 'raw').toString('hex').toUpperCase()).toBe(r + s);
  });

  it('sm-crypto verifies the example and refuses it for another message or key', () => {
    const sig = hex(r + s);
    expect(sm2Verify(P, M, sig, 'raw')).toBe(true);
    expect(sm2Verify(P, Buffer.from('message digesT'), sig, 'raw')).toBe(false);
    expect(sm2Verify(P, M, sig, 'raw', '1234567812345679')).toBe(false);
    const other = createSm2Signer({ privateKey: hex('11'.repeat(32)), usePool: false });
    expect(sm2Verify(other.publicKey, M, sig, 'raw')).toBe(false);
    other.close();
    expect(sm2Verify(P, M, Buffer.alloc(10), 'raw')).toBe(false);
    expect(sm2Verify(P, M, Buffer.from('not der'), 'der')).toBe(false);
  });

  it('a random-k signature round-trips, DER and raw, through sm-crypto and the pool (fed by its worker thread)', async () => {
    const pooled = createSm2Signer({ privateKey: d });
    await until(() => sm2PointPool().stats().fromWorker >= 16);
    expect(sm2PointPool().stats().worker).toBe(true);
    for (let i = 0; i < 8; i++) {
      const msg = Buffer.from(`报文 ${i}`);
      const der = pooled.sign(msg, 'der');
      expect(der[0]).toBe(0x30);
      expect(sm2Verify(P, msg, der, 'der')).toBe(true);
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), der.toString('hex'), P.toString('hex'), { der: true, hash: true })).toBe(true);
      const raw = pooled.sign(msg, 'raw');
      expect(raw.length).toBe(64);
      expect(sm2Verify(P, msg, raw, 'raw')).toBe(true);
    }
    // every point used once: 16 signatures took 16 points
    expect(sm2PointPool().stats().taken).toBeGreaterThanOrEqual(16);
    pooled.close();
  });

  it('DER integers are minimal and never negative', () => {
    const der = derEncodeSignature(0x80n, 0x7fn);
    expect(der.toString('hex')).toBe('3007020200800201' + '7f');
    const big = derEncodeSignature(SM2_N - 1n, 1n);
    expect(big[3]).toBe(33); // a leading 00 before the high bit
  });

  it('refuses a public key that does not belong to the private key, and bad key sizes', () => {
    expect(() => createSm2Signer({ privateKey: d, publicKey: hex('04' + '00'.repeat(64)), usePool: false })).toThrow(/does not belong/);
    expect(() => createSm2Signer({ privateKey: d.subarray(1), usePool: false })).toThrow(/32 bytes/);
    expect(() => createSm2Signer({ privateKey: Buffer.alloc(32), usePool: false })).toThrow(/out of range/);
  });

  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!openssl)('the OpenSSL command line verifies our signature (SM3withSM2, distid 1234567812345678)', () => {
    const t = tempDir('sm2-openssl-');
    try {
      const msg = Buffer.from('{"infno":"9001","msgid":"H53060200001202601010000000001"}');
      const spki = Buffer.concat([hex('3059301306072a8648ce3d020106082a811ccf5501822d034200'), P]);
      fs.writeFileSync(path.join(t.dir, 'pub.der'), spki);
      fs.writeFileSync(path.join(t.dir, 'msg'), msg);
      fs.writeFileSync(path.join(t.dir, 'sig'), signer.sign(msg, 'der'));
      const verify = (file: string) =>
        spawnSync('openssl', ['dgst', '-sm3', '-verify', path.join(t.dir, 'pub.der'), '-keyform', 'DER', '-sigopt', 'distid:1234567812345678', '-signature', path.join(t.dir, 'sig'), path.join(t.dir, file)], { encoding: 'utf8' });
      expect(verify('msg').stdout).toContain('Verified OK');
      fs.writeFileSync(path.join(t.dir, 'other'), Buffer.concat([msg, Buffer.from(' ')]));
      expect(verify('other').stdout).not.toContain('Verified OK');
      // and OpenSSL's own signature verifies with ours (sm-crypto)
      const pem = path.join(t.dir, 'key.pem');
      execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', pem]);
      execFileSync('openssl', ['dgst', '-sm3', '-sign', pem, '-sigopt', 'distid:1234567812345678', '-out', path.join(t.dir, 'osig'), path.join(t.dir, 'msg')]);
      const pubDer = execFileSync('openssl', ['pkey', '-in', pem, '-pubout', '-outform', 'DER']);
      expect(sm2Verify(pubDer.subarray(-65), msg, fs.readFileSync(path.join(t.dir, 'osig')), 'der')).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
