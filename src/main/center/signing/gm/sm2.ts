/**
 * SM2 signatures (GB/T 32918.2, "SM3withSM2") on the recommended curve sm2p256v1.
 *
 *   Z = SM3(ENTL ‖ user id ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA)      (ENTL: bit length of the id, 2 bytes)
 *   e = SM3(Z ‖ M);  k random, (x1, y1) = k·G;  r = (e + x1) mod n;  s = (1 + d)⁻¹ · (k − r·d) mod n
 *
 * Verification is sm-crypto's (a maintained implementation). Signing is split: the scalar product
 * k·G, the expensive part, comes from OpenSSL's SM2 curve through node:crypto ECDH (0.3 ms) — or
 * from sm-crypto where the runtime has no SM2 curve (Electron's BoringSSL: 9 ms) — and is made ahead
 * of time into a pool of one-use points (point-pool.ts, in a worker thread where it can), so a
 * signature on the hot path costs only the three lines of modular arithmetic above. The standard's worked example (GM/T 0003.5 / GB/T 32918.5
 * annex A, fixed k) pins this to the exact r and s in the tests.
 */
import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';
import { createPointPool, type Point, type PointPool } from './point-pool.js';
import { sm3, sm3WithPrefix } from './sm3.js';

export const SM2_DEFAULT_USER_ID = '1234567812345678';

// the recommended curve (GB/T 32918.5)
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = P - 3n;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

const NATIVE_CURVE = crypto.getCurves().includes('SM2');
export const sm2Backend = NATIVE_CURVE ? 'openssl' : 'sm-crypto';

type SmCryptoSm2 = typeof smCrypto.sm2 & {
  getPublicKeyFromPrivateKey(privateKeyHex: string): string;
  verifyPublicKey(publicKeyHex: string): boolean;
};
const jsSm2 = smCrypto.sm2 as SmCryptoSm2;

export type Sm2SignatureFormat = 'der' | 'raw';

const toBig = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
const to32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** k·G as 04 ‖ X ‖ Y (65 bytes). */
export function sm2BasePointMultiply(k: Uint8Array, backend: 'native' | 'js' = NATIVE_CURVE ? 'native' : 'js'): Buffer {
  if (backend === 'native') {
    const ecdh = crypto.createECDH('SM2');
    ecdh.setPrivateKey(Buffer.from(k));
    return ecdh.getPublicKey();
  }
  return Buffer.from(jsSm2.getPublicKeyFromPrivateKey(Buffer.from(k).toString('hex')), 'hex');
}

/** 04 ‖ X ‖ Y of the recommended curve, on the curve. */
export function isValidSm2PublicKey(pub: Uint8Array): boolean {
  return pub.length === 65 && pub[0] === 0x04 && jsSm2.verifyPublicKey(Buffer.from(pub).toString('hex'));
}

/** Z_A of the standard: binds the signer's id and public key into every digest. */
export function sm2Z(publicKey: Uint8Array, userId: string): Buffer {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.from([((id.length * 8) >> 8) & 0xff, (id.length * 8) & 0xff]);
  return sm3(Buffer.concat([entl, id, to32(A), to32(B), to32(GX), to32(GY), Buffer.from(publicKey).subarray(1)]));
}

/** DER SEQUENCE { INTEGER r, INTEGER s } */
export function derEncodeSignature(r: bigint, s: bigint): Buffer {
  const int = (n: bigint) => {
    const hex = n.toString(16);
    let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    // a leading 1 bit would read as negative
    if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** a fresh one-use point: k uniformly in [1, n-1] (rejection sampling), x1 = (k·G).x */
function freshPoint(): Point {
  for (;;) {
    const kb = crypto.randomBytes(32);
    const k = toBig(kb);
    if (k === 0n || k >= SM2_N) continue;
    return { k, x1: toBig(sm2BasePointMultiply(kb).subarray(1, 33)) };
  }
}

let shared: PointPool | null = null;
/** the process's pool of one-use points (made on first use) */
export function sm2PointPool(): PointPool {
  shared ??= createPointPool(freshPoint);
  return shared;
}

export interface Sm2SignerOptions {
  privateKey: Uint8Array;
  /** checked against the private key when given; derived from it otherwise */
  publicKey?: Uint8Array;
  userId?: string;
  /** take k·G from the process's point pool (default); false: compute each on the hot path */
  usePool?: boolean;
}

export interface Sm2Signer {
  readonly publicKey: Buffer;
  sign(message: Uint8Array, format: Sm2SignatureFormat): Buffer;
  /** the standard's example only: sign with a given k (never in production) */
  signWithK(message: Uint8Array, k: bigint, format: Sm2SignatureFormat): Buffer;
  /** e = SM3(Z ‖ M) */
  digest(message: Uint8Array): Buffer;
  /** nothing to release today (the pool is the process's); kept so owners can say they are done */
  close(): void;
}

export function createSm2Signer(opts: Sm2SignerOptions): Sm2Signer {
  if (opts.privateKey.length !== 32) throw new Error(`SM2 private key must be 32 bytes, got ${opts.privateKey.length}`);
  const d = toBig(opts.privateKey);
  if (d < 1n || d > SM2_N - 2n) throw new Error('SM2 private key is out of range');
  const publicKey = sm2BasePointMultiply(opts.privateKey);
  if (opts.publicKey && !publicKey.equals(Buffer.from(opts.publicKey))) throw new Error('the SM2 public key does not belong to the private key');
  const z = sm2Z(publicKey, opts.userId ?? SM2_DEFAULT_USER_ID);
  const dInv = modPow(1n + d, SM2_N - 2n, SM2_N);
  const pool = opts.usePool === false ? null : sm2PointPool();

  const digest = sm3WithPrefix(z);

  function signWith(message: Uint8Array, next: () => Point, format: Sm2SignatureFormat): Buffer {
    const e = toBig(digest(message));
    for (;;) {
      const { k, x1 } = next();
      const r = mod(e + x1, SM2_N);
      if (r === 0n || r + k === SM2_N) continue;
      const s = mod(dInv * mod(k - r * d, SM2_N), SM2_N);
      if (s === 0n) continue;
      return format === 'der' ? derEncodeSignature(r, s) : Buffer.concat([to32(r), to32(s)]);
    }
  }

  return {
    publicKey,
    digest,
    sign(message, format) {
      return signWith(message, () => pool?.take() ?? freshPoint(), format);
    },
    signWithK(message, k, format) {
      let given = false;
      return signWith(
        message,
        () => {
          if (given) throw new Error('this k gives no valid signature for the message');
          given = true;
          return { k, x1: toBig(sm2BasePointMultiply(to32(k)).subarray(1, 33)) };
        },
        format,
      );
    },
    close() {},
  };
}

/** SM3withSM2 verification (sm-crypto). Never throws: a malformed signature is simply not valid. */
export function sm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, format: Sm2SignatureFormat, userId = SM2_DEFAULT_USER_ID): boolean {
  try {
    if (!isValidSm2PublicKey(publicKey)) return false;
    if (format === 'raw' && signature.length !== 64) return false;
    return jsSm2.doVerifySignature(Array.from(message), Buffer.from(signature).toString('hex'), Buffer.from(publicKey).toString('hex'), {
      der: format === 'der',
      hash: true,
      userId,
    });
  } catch {
    return false;
  }
}
