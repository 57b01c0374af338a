/** Where the keys come from: a file only its owner can read, or the OS key store; values never shown. */
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { keyStoreCommand, readKeyStore, readSecretsFile, SecretsError } from '../../../../src/main/center/signing/secrets.js';
import { tempDir } from '../../../helpers/tmp.js';

const t = tempDir('secrets-');
afterAll(() => t.cleanup());
const SECRET = 'tif-very-secret-value';

function file(name: string, content: string, mode: number): string {
  const p = path.join(t.dir, name);
  fs.writeFileSync(p, content);
  fs.chmodSync(p, mode);
  return p;
}

describe('secrets file', () => {
  it.skipIf(process.platform === 'win32')('is refused when others may read it, saying so and how to fix it', () => {
    const p = file('open.json', JSON.stringify({ tifSecret: SECRET }), 0o644);
    expect(() => readSecretsFile(p)).toThrow(SecretsError);
    expect(() => readSecretsFile(p)).toThrow(/权限是 0644，其他用户也能读取；请执行 chmod 600 .*readable by others/);
    const group = file('group.json', JSON.stringify({ tifSecret: SECRET }), 0o640);
    expect(() => readSecretsFile(group)).toThrow(/0640/);
  });

  it('is read at 0600, and its values never appear in JSON, inspect or string form', () => {
    const p = file('ok.json', JSON.stringify({ tifSecret: SECRET, sm4Key: '0123456789abcdeffedcba9876543210' }), 0o600);
    const s = readSecretsFile(p);
    expect(s.values.tifSecret).toBe(SECRET);
    expect(s.source).toBe(`file ${p}`);
    for (const shown of [JSON.stringify(s), util.inspect(s), String(s), JSON.stringify({ nested: s })]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).toContain('tifSecret');
    }
  });

  it('names the field that is wrong without quoting any value', () => {
    const bad = file('bad.json', JSON.stringify({ sm2PrivateKey: 'AAAA', tifSecret: SECRET }), 0o600);
    expect(() => readSecretsFile(bad)).toThrow(/sm2PrivateKey: sm2PrivateKey must be 32 bytes/);
    const unknown = file('unknown.json', JSON.stringify({ tifsecret: SECRET }), 0o600);
    expect(() => readSecretsFile(unknown)).toThrow(/unknown key\(s\) tifsecret/);
    const notJson = file('nojson.json', `{"tifSecret": "${SECRET}"`, 0o600);
    let message = '';
    try {
      readSecretsFile(notJson);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain(SECRET);
    expect(() => readSecretsFile(path.join(t.dir, 'missing.json'))).toThrow(/ENOENT/);
    expect(() => readSecretsFile(t.dir)).toThrow(/not a regular file/);
  });
});

describe('OS key store', () => {
  it('asks the tool of each system for one entry', () => {
    expect(keyStoreCommand('linux', 'yb-pos', 'center-signing')).toMatchObject({ cmd: 'secret-tool', args: ['lookup', 'service', 'yb-pos', 'account', 'center-signing'] });
    expect(keyStoreCommand('darwin', 'yb-pos', 'a')).toMatchObject({ cmd: 'security', args: ['find-generic-password', '-s', 'yb-pos', '-a', 'a', '-w'] });
    const win = keyStoreCommand('win32', 'yb-pos', 'a');
    expect(win.cmd).toBe('powershell.exe');
    expect(win.args.slice(-2)).toEqual(['yb-pos', 'a']);
    expect(win.args.join(' ')).toContain('PasswordVault');
  });

  it('reads the JSON entry, and says what is missing when it cannot', () => {
    const run = (_cmd: string, _args: string[]) => `${JSON.stringify({ tifSecret: SECRET })}\n`;
    expect(readKeyStore('yb-pos', 'center-signing', 'linux', run).values.tifSecret).toBe(SECRET);
    const missing = () => {
      throw Object.assign(new Error('spawn secret-tool ENOENT'), { code: 'ENOENT' });
    };
    expect(() => readKeyStore('yb-pos', 'c', 'linux', missing)).toThrow(/找不到 secret-tool.*libsecret-tools/);
    const noEntry = () => {
      throw Object.assign(new Error('Command failed'), { status: 1 });
    };
    expect(() => readKeyStore('yb-pos', 'c', 'linux', noEntry)).toThrow(/没有 yb-pos\/c 条目.*exit 1/);
    expect(() => readKeyStore('yb-pos', 'c', 'linux', () => '  ')).toThrow(/为空/);
  });

  it.skipIf(process.platform !== 'linux')('runs the real command (a secret-tool on PATH)', () => {
    const bin = path.join(t.dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const tool = path.join(bin, 'secret-tool');
    fs.writeFileSync(tool, `#!/bin/sh\n[ "$1 $2 $3 $4 $5" = "lookup service yb-pos account center-signing" ] || exit 1\nprintf '%s' '{"tifSecret":"${SECRET}"}'\n`);
    fs.chmodSync(tool, 0o755);
    const before = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${before}`;
    try {
      expect(readKeyStore('yb-pos', 'center-signing').values.tifSecret).toBe(SECRET);
      expect(() => readKeyStore('yb-pos', 'other')).toThrow(/exit 1/);
    } finally {
      process.env.PATH = before;
    }
  });
});
