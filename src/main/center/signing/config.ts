/**
 * `center.signing`: how messages to the center are signed or encrypted, chosen by name.
 *   none          nothing (most centers: cainfo and signtype stay empty)
 *   tif-header    a provincial gateway's HTTP headers (x-tif-paasid, -timestamp, -nonce, -signature)
 *   sm3-cainfo    signtype "SM3", cainfo = SM3 digest of the envelope's header fields
 *   sm2-cainfo    signtype "SM2", cainfo = SM3withSM2 signature of the same fields
 *   sm4-envelope  input encrypted into encData (SM4-ECB), signed into signData (SM2); output may come back encrypted
 * Combinable (e.g. ["sm4-envelope", "sm2-cainfo", "tif-header"]); they apply in that order whatever
 * the order written. The keys never live here: `secretsFile` (mode 0600) or `keyStore` names them.
 */
import { z } from 'zod';

export const SCHEME_NAMES = ['none', 'tif-header', 'sm3-cainfo', 'sm2-cainfo', 'sm4-envelope'] as const;
export const SchemeName = z.enum(SCHEME_NAMES);
export type SchemeName = z.infer<typeof SchemeName>;

/** the order the parts of a chain apply in: the envelope's body first, the HTTP headers last */
export const SCHEME_ORDER: readonly SchemeName[] = ['sm4-envelope', 'sm3-cainfo', 'sm2-cainfo', 'tif-header'];

/** key-store names are plain words: they end up on a command line */
export const KEY_STORE_NAME = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - only');

const base64Key = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what} must be base64`)
    .refine((s) => Buffer.from(s, 'base64').length === bytes, `${what} must be ${bytes} bytes (base64)`);

export const SigningConfig = z
  .object({
    /** one name, a list, or names joined with "+" ("tif-header+sm2-cainfo") */
    schemes: z.preprocess((v) => (typeof v === 'string' ? v.split('+').map((x) => x.trim()) : v), z.array(SchemeName)).default([]),
    /** a JSON file with the keys, readable by its owner only (chmod 600) */
    secretsFile: z.string().min(1).optional(),
    /** or the operating system's key store (secret-tool / Keychain / Windows Credential Manager) */
    keyStore: z.object({ service: KEY_STORE_NAME.default('yb-pos'), account: KEY_STORE_NAME.default('center-signing') }).strict().optional(),
    tifHeader: z
      .object({
        /** the application code the gateway issued (x-tif-paasid) */
        paasid: z.string().min(1).max(64),
        /** POST to {url}/{infno} instead of the national service path (some gateways route so) */
        postToInfno: z.boolean().default(false),
        /** send x-tif-serviceId: the infno */
        serviceIdHeader: z.boolean().default(false),
      })
      .strict()
      .optional(),
    cainfo: z
      .object({
        /** the signtype value the center expects; default "SM3" / "SM2" by scheme */
        signtype: z.string().min(1).max(10).optional(),
      })
      .strict()
      .prefault({}),
    sm2: z
      .object({
        /** the signer id of SM3withSM2 (the standard's default) */
        userId: z.string().min(1).max(64).default('1234567812345678'),
        /** DER (ASN.1 SEQUENCE of r, s) or raw r ‖ s, as the center expects */
        signatureFormat: z.enum(['der', 'raw']).default('der'),
        /** the center's public key (base64, 65 bytes 04‖X‖Y): replies carrying signData are verified with it */
        centerPublicKey: base64Key(65, 'center public key').optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    const s = new Set(c.schemes);
    if (s.has('none') && s.size > 1) ctx.addIssue({ code: 'custom', path: ['schemes'], message: '"none" cannot be combined with other schemes' });
    if (s.has('sm3-cainfo') && s.has('sm2-cainfo')) ctx.addIssue({ code: 'custom', path: ['schemes'], message: 'sm3-cainfo and sm2-cainfo both write cainfo: choose one' });
    if (s.size !== c.schemes.length) ctx.addIssue({ code: 'custom', path: ['schemes'], message: 'a scheme is named twice' });
    if (s.has('tif-header') && !c.tifHeader) ctx.addIssue({ code: 'custom', path: ['tifHeader'], message: 'tif-header needs tifHeader.paasid' });
    const needsKeys = [...s].some((x) => x !== 'none' && x !== 'sm3-cainfo');
    if (needsKeys && !c.secretsFile && !c.keyStore) ctx.addIssue({ code: 'custom', path: ['secretsFile'], message: `${[...s].join('+')} needs keys: set secretsFile or keyStore` });
    if (c.secretsFile && c.keyStore) ctx.addIssue({ code: 'custom', path: ['keyStore'], message: 'set secretsFile or keyStore, not both' });
  });
export type SigningConfig = z.infer<typeof SigningConfig>;

/** the keys a chain may need, as the secrets file (or key-store entry) holds them */
export const SigningSecrets = z
  .object({
    /** tif-header: the gateway's secret */
    tifSecret: z.string().min(8, 'tifSecret is too short').optional(),
    /** sm3-cainfo: appended as "&key=…" before hashing where the center salts the digest */
    sm3Key: z.string().min(1).optional(),
    /** sm2-cainfo / sm4-envelope: the terminal's private key, 32 bytes */
    sm2PrivateKey: base64Key(32, 'sm2PrivateKey').optional(),
    /** checked against the private key; derived from it when absent */
    sm2PublicKey: base64Key(65, 'sm2PublicKey').optional(),
    /** sm4-envelope: 16 bytes, as 32 hex digits or base64 */
    sm4Key: z
      .string()
      .refine((s) => /^[0-9a-fA-F]{32}$/.test(s) || (/^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === 16), 'sm4Key must be 16 bytes: 32 hex digits or base64')
      .optional(),
    /** the passphrase of center.tls.keyFile, when it is encrypted */
    tlsKeyPassphrase: z.string().min(1).optional(),
    /** user:password for center.proxy */
    proxyAuth: z.string().regex(/^[^:]+:.*$/, 'proxyAuth is user:password').optional(),
  })
  .strict();
export type SigningSecrets = z.infer<typeof SigningSecrets>;

/** the schemes in the order they apply, without "none" */
export function activeSchemes(c: Pick<SigningConfig, 'schemes'>): SchemeName[] {
  return SCHEME_ORDER.filter((s) => c.schemes.includes(s));
}
