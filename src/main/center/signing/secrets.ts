/**
 * Where the signing keys come from: a JSON file only its owner can read, or the operating system's
 * key store. Values never appear in an error, a log line or the result's JSON / inspect output.
 *
 * Secrets file (chmod 600), any subset of:
 *   { "tifSecret": "…", "sm3Key": "…", "sm2PrivateKey": "<base64 32 bytes>",
 *     "sm2PublicKey": "<base64 65 bytes 04‖X‖Y>", "sm4Key": "<32 hex digits or base64 16 bytes>" }
 * The key store holds the same JSON as one entry (service / account, default yb-pos / center-signing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { SigningSecrets, type SigningConfig } from './config.js';

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

/** The keys, loaded; prints as "[secrets: tifSecret, sm2PrivateKey]" and never its values. */
export interface LoadedSecrets {
  readonly values: Readonly<SigningSecrets>;
  /** where they came from, for messages ("file /etc/…", "key store yb-pos/center-signing") */
  readonly source: string;
}

function sealed(values: SigningSecrets, source: string): LoadedSecrets {
  const names = Object.keys(values).join(', ');
  const shown = `[secrets from ${source}: ${names}]`;
  const o = { values: Object.freeze({ ...values }), source };
  Object.defineProperty(o, 'values', { enumerable: false });
  Object.defineProperty(o, 'toJSON', { value: () => shown, enumerable: false });
  Object.defineProperty(o, Symbol.for('nodejs.util.inspect.custom'), { value: () => shown, enumerable: false });
  Object.defineProperty(o, 'toString', { value: () => shown, enumerable: false });
  return o;
}

function parseSecrets(text: string, source: string): LoadedSecrets {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // the parser's message quotes the text: it could be a key
    throw new SecretsError(`${source}: 不是合法的 JSON / not valid JSON`);
  }
  const r = SigningSecrets.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(root)';
    const why = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue?.message ?? 'invalid';
    throw new SecretsError(`${source}: ${field}: ${why}`);
  }
  return sealed(r.data, source);
}

/**
 * Read a secrets file. Refused when group or others may read or write it, or when it is not a plain
 * file: the message says which and how to fix it. (Windows has no mode bits; there the file's ACL
 * is what protects it, see docs/center.md.)
 */
export function readSecretsFile(file: string, platform: NodeJS.Platform = process.platform): LoadedSecrets {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new SecretsError(`密钥文件 ${file} 无法读取 / cannot read the secrets file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new SecretsError(`密钥文件 ${file} 不是普通文件 / the secrets file is not a regular file`);
  if (platform !== 'win32' && (st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretsError(
      `密钥文件 ${file} 的权限是 ${mode}，其他用户也能读取；请执行 chmod 600 ${file} / the secrets file is readable by others (mode ${mode}): run chmod 600 on it`,
    );
  }
  return parseSecrets(fs.readFileSync(file, 'utf8'), `file ${file}`);
}

export type CommandRunner = (cmd: string, args: string[]) => string;

const runCommand: CommandRunner = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });

/** the command that prints one key-store entry, per operating system */
export function keyStoreCommand(platform: NodeJS.Platform, service: string, account: string): { cmd: string; args: string[]; tool: string } {
  switch (platform) {
    case 'darwin':
      return { cmd: 'security', args: ['find-generic-password', '-s', service, '-a', account, '-w'], tool: 'macOS Keychain (security)' };
    case 'win32': {
      // Windows Credential Manager through the WinRT PasswordVault; the names travel as data, not code
      // (-Command joins what follows into one command line: the names are plain words, see KEY_STORE_NAME)
      const script =
        "& {param($s,$a) $ErrorActionPreference='Stop';[void][Windows.Security.Credentials.PasswordVault,Windows.Security.Credentials,ContentType=WindowsRuntime];" +
        '$c=(New-Object Windows.Security.Credentials.PasswordVault).Retrieve($s,$a);$c.RetrievePassword();[Console]::Out.Write($c.Password)}';
      return { cmd: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script, service, account], tool: 'Windows Credential Manager' };
    }
    default:
      return { cmd: 'secret-tool', args: ['lookup', 'service', service, 'account', account], tool: 'secret-tool (libsecret-tools)' };
  }
}

export function readKeyStore(service: string, account: string, platform: NodeJS.Platform = process.platform, run: CommandRunner = runCommand): LoadedSecrets {
  const { cmd, args, tool } = keyStoreCommand(platform, service, account);
  let out: string;
  try {
    out = run(cmd, args);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number };
    if (err.code === 'ENOENT') throw new SecretsError(`系统密钥库不可用：找不到 ${cmd} / the key store tool is missing: install ${tool}`);
    throw new SecretsError(`系统密钥库中没有 ${service}/${account} 条目或无法读取 / no key-store entry ${service}/${account} (${tool}, exit ${err.status ?? err.code ?? '?'})`);
  }
  if (!out.trim()) throw new SecretsError(`系统密钥库中 ${service}/${account} 条目为空 / the key-store entry ${service}/${account} is empty`);
  return parseSecrets(out.trim(), `key store ${service}/${account}`);
}

/** The secrets the configuration names, or none. */
export function loadSigningSecrets(c: Pick<SigningConfig, 'secretsFile' | 'keyStore'>): LoadedSecrets | null {
  if (c.secretsFile) return readSecretsFile(c.secretsFile);
  if (c.keyStore) return readKeyStore(c.keyStore.service, c.keyStore.account);
  return null;
}
