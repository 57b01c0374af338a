/**
 * What the simulator expects of the terminal's transport, the counterpart of `center.signing`: the
 * schemes, the gateway's paas id and secret, the terminal's SM2 public key, the SM4 key, and the
 * center's own SM2 key to sign its replies with. Started from code (tests) or from main.ts flags.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { activeSchemes, SchemeName, type SchemeName as Scheme } from '../../main/center/signing/config.js';
import { sm4KeyBytes } from '../../main/center/signing/chain.js';
import { createSm2Signer, type Sm2SignatureFormat, type Sm2Signer } from '../../main/center/signing/gm/sm2.js';
import { createSm4Codec, type Sm4Codec } from '../../main/center/signing/gm/sm4.js';

export interface SimSecurityOptions {
  schemes: Scheme[];
  /** tif-header: the paas ids the gateway knows, with their secrets */
  tif?: { paasid: string; secret: string; postToInfno?: boolean };
  /** sm3-cainfo: the salt, where the center uses one */
  sm3Key?: string;
  /** sm2-cainfo / sm4-envelope: the terminal's public key (65 bytes) */
  terminalPublicKey?: Uint8Array;
  /** sm4-envelope: the SM4 key (16 bytes) */
  sm4Key?: Uint8Array;
  /** sm4-envelope: the center's private key; replies then carry signData */
  centerPrivateKey?: Uint8Array;
  userId?: string;
  signatureFormat?: Sm2SignatureFormat;
  /** how far a timestamp / inf_time may be from the center's clock (default 300 s) */
  maxSkewSeconds?: number;
}

export interface SimSecurity {
  schemes: Scheme[];
  tif: { paasid: string; secret: string; postToInfno: boolean } | null;
  sm3Key: string | undefined;
  terminalPublicKey: Buffer | null;
  sm4: Sm4Codec | null;
  replySigner: Sm2Signer | null;
  userId: string;
  format: Sm2SignatureFormat;
  maxSkewSeconds: number;
}

export function simSecurity(o: SimSecurityOptions | undefined): SimSecurity | null {
  if (!o) return null;
  const schemes = activeSchemes({ schemes: z.array(SchemeName).parse(o.schemes) });
  if (schemes.length === 0) return null;
  const need = (what: string, v: unknown) => {
    if (v === undefined || v === null) throw new Error(`center simulator: ${schemes.join('+')} needs ${what}`);
  };
  if (schemes.includes('tif-header')) need('tif (paasid, secret)', o.tif);
  if (schemes.includes('sm2-cainfo') || schemes.includes('sm4-envelope')) need('terminalPublicKey', o.terminalPublicKey);
  if (schemes.includes('sm4-envelope')) need('sm4Key', o.sm4Key);
  return {
    schemes,
    tif: o.tif && schemes.includes('tif-header') ? { paasid: o.tif.paasid, secret: o.tif.secret, postToInfno: o.tif.postToInfno ?? false } : null,
    sm3Key: o.sm3Key,
    terminalPublicKey: o.terminalPublicKey ? Buffer.from(o.terminalPublicKey) : null,
    sm4: o.sm4Key ? createSm4Codec(o.sm4Key) : null,
    replySigner: o.centerPrivateKey ? createSm2Signer({ privateKey: o.centerPrivateKey, userId: o.userId }) : null,
    userId: o.userId ?? '1234567812345678',
    format: o.signatureFormat ?? 'der',
    maxSkewSeconds: o.maxSkewSeconds ?? 300,
  };
}

const b64 = z.string().transform((s) => Buffer.from(s, 'base64'));

/** main.ts --security FILE: the same as SimSecurityOptions, keys in base64 (sm4Key also hex) */
export const SimSecurityFile = z
  .object({
    schemes: z.preprocess((v) => (typeof v === 'string' ? v.split('+') : v), z.array(SchemeName)),
    tif: z.object({ paasid: z.string().min(1), secret: z.string().min(1), postToInfno: z.boolean().optional() }).optional(),
    sm3Key: z.string().optional(),
    terminalPublicKey: b64.optional(),
    sm4Key: z.string().transform(sm4KeyBytes).optional(),
    centerPrivateKey: b64.optional(),
    userId: z.string().optional(),
    signatureFormat: z.enum(['der', 'raw']).optional(),
    maxSkewSeconds: z.number().int().positive().optional(),
  })
  .strict();

export function readSimSecurityFile(file: string): SimSecurityOptions {
  return SimSecurityFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
