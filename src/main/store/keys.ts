/**
 * The terminal's keys, in `<dataDir>/keys/` (0700; files 0600, created exclusively so two starting
 * processes never make two keys):
 *   data.key       sealing personal data and the person cache's lookup keys. Where Electron runs, it is
 *                  wrapped by the OS key store (safeStorage: DPAPI, Keychain, libsecret), so a copy of
 *                  the data directory does not open elsewhere; otherwise it is a 0600 key file.
 *   integrity.key  the audit chain and the cashier rows' integrity checks: always a 0600 file, so the
 *                  `pos` command (plain Node, no OS key store) can verify the audit and manage cashiers.
 * Each file is JSON {version, protection, key}; the data key is unwrapped on first use only, so
 * commands that never touch personal data run where the OS key store is not reachable.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Electron's safeStorage, or a fake in tests: encrypts a small buffer with a key the OS keeps. */
export interface KeyProtector {
  readonly name: string;
  available(): boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

export type KeyProtection = 'os-keystore' | 'key-file';

export interface Keyring {
  dir: string;
  /** AES-256-GCM key of the personal columns (throws KeyUnavailableError where it cannot be unwrapped) */
  dataKey(): Buffer;
  /** HMAC key of the person cache's lookup keys (derived from the data key) */
  lookupKey(): Buffer;
  /** HMAC key of the audit chain and the cashier rows */
  integrityKey(): Buffer;
  dataProtection(): KeyProtection;
  dataKeyAvailable(): boolean;
  /** why the data key cannot be used here, for people ('' when it can) */
  dataKeyProblem(): string;
}

export class KeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}

const KeyFile = {
  parse(text: string, file: string): { protection: KeyProtection; key: Buffer } {
    let doc: { version?: unknown; protection?: unknown; key?: unknown };
    try {
      doc = JSON.parse(text);
    } catch {
      throw new KeyUnavailableError(`${file} is not a key file (not JSON)`);
    }
    if (doc.version !== 1 || (doc.protection !== 'os-keystore' && doc.protection !== 'key-file') || typeof doc.key !== 'string') {
      throw new KeyUnavailableError(`${file} is not a key file of this terminal`);
    }
    return { protection: doc.protection, key: Buffer.from(doc.key, 'base64') };
  },
  text: (protection: KeyProtection, key: Buffer) => `${JSON.stringify({ version: 1, protection, key: key.toString('base64') })}\n`,
};

let defaultProtector: KeyProtector | null = null;
/** The Electron shell sets safeStorage here before anything opens a store; plain Node leaves it null. */
export function setDefaultKeyProtector(p: KeyProtector | null): void {
  defaultProtector = p;
}

/** Read the key file, or create it exclusively with a fresh random key; another process may win the race. */
function readOrCreate(file: string, make: () => { protection: KeyProtection; stored: Buffer }): { protection: KeyProtection; key: Buffer } {
  try {
    return KeyFile.parse(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const made = make();
  try {
    fs.writeFileSync(file, KeyFile.text(made.protection, made.stored), { mode: 0o600, flag: 'wx' });
    const fd = fs.openSync(file, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return KeyFile.parse(fs.readFileSync(file, 'utf8'), file);
}

const derive = (master: Buffer, info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

export function openKeyring(dir: string, protector: KeyProtector | null = defaultProtector): Keyring {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const integrityFile = path.join(dir, 'integrity.key');
  const dataFile = path.join(dir, 'data.key');
  const integrity = derive(readOrCreate(integrityFile, () => ({ protection: 'key-file', stored: crypto.randomBytes(32) })).key, 'yb-pos integrity v1');

  const canProtect = protector !== null && protector.available();
  const data = readOrCreate(dataFile, () => {
    const key = crypto.randomBytes(32);
    return canProtect ? { protection: 'os-keystore', stored: protector!.encrypt(key) } : { protection: 'key-file', stored: key };
  });
  let master: Buffer | null = data.protection === 'key-file' ? data.key : null;
  let sealKey: Buffer | null = null;
  let lookup: Buffer | null = null;
  const unwrap = (): Buffer => {
    if (master) return master;
    if (!protector || !protector.available()) {
      throw new KeyUnavailableError(
        `${dataFile} is protected by the OS key store of the terminal app (Electron safeStorage); personal data can only be read by the app itself`,
      );
    }
    try {
      master = protector.decrypt(data.key);
    } catch (e) {
      throw new KeyUnavailableError(`${dataFile}: the OS key store cannot unwrap the data key (${(e as Error).message})`);
    }
    return master;
  };
  return {
    dir,
    dataKey: () => (sealKey ??= derive(unwrap(), 'yb-pos seal v1')),
    lookupKey: () => (lookup ??= derive(unwrap(), 'yb-pos lookup v1')),
    integrityKey: () => integrity,
    dataProtection: () => data.protection,
    dataKeyAvailable() {
      try {
        unwrap();
        return true;
      } catch {
        return false;
      }
    },
    dataKeyProblem() {
      try {
        unwrap();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    },
  };
}
