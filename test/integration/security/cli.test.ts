/**
 * `pos cashier` and `pos audit` as an administrator or auditor runs them: real processes on a data
 * directory. PINs come from stdin, never from the arguments; `pos audit verify` exits 3 naming the
 * first broken link, and checks a head printed on paper.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';

const root = path.resolve(import.meta.dirname, '../../..');
const t = tempDir('pos-cli-sec-');
const cfg = path.join(t.dir, 'pos.config.json');
function pos(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), ...args, '--config', cfg], { cwd: root, encoding: 'utf8', input: stdin, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  fs.writeFileSync(cfg, JSON.stringify({ dataDir: path.join(t.dir, 'data'), center: { url: 'https://center.example/fsi' } }));
});
afterAll(() => t.cleanup());

describe('pos cashier', () => {
  it('init creates the first administrator from a PIN on stdin, once; add, set-role, reset-pin, disable, list', () => {
    expect(pos(['cashier', 'list']).out).toMatch(/no cashiers yet/);
    expect(pos(['cashier', 'init', '--no', '0001', '--name', '管理员'], '4826\n').code).toBe(0);
    const again = pos(['cashier', 'init', '--no', '0002', '--name', 'x'], '4826\n');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/first administrator was created before/);
    expect(pos(['cashier', 'add', '--no', '1003', '--name', '孙收费', '--role', 'cashier'], '7391\n').code).toBe(0);
    expect(pos(['cashier', 'add', '--no', '1004', '--name', 'x', '--role', 'cashier'], '1234\n').err).toMatch(/too easy to guess/);
    expect(pos(['cashier', 'add', '--no', '1004', '--name', 'x', '--role', 'boss'], '7391\n').code).toBe(2);
    expect(pos(['cashier', 'set-role', '--no', '1003', '--role', 'supervisor']).code).toBe(0);
    expect(pos(['cashier', 'reset-pin', '--no', '1003'], '5917\n').code).toBe(0);
    expect(pos(['cashier', 'disable', '--no', '0001']).err).toMatch(/last administrator/);
    expect(pos(['cashier', 'disable', '--no', '1003']).code).toBe(0);
    const list = JSON.parse(pos(['cashier', 'list', '--json']).out) as Array<{ no: string; role: string; active: boolean; intact: boolean }>;
    expect(list).toEqual([
      expect.objectContaining({ no: '0001', role: 'administrator', active: true, intact: true }),
      expect.objectContaining({ no: '1003', role: 'supervisor', active: false, intact: true }),
    ]);
  });

  it('never takes a PIN from the arguments', () => {
    const r = pos(['cashier', 'reset-pin', '--no', '1003', '--pin', '1111']);
    expect(r.code).toBe(2); // stdin is empty: no PIN
  });
});

describe('pos audit verify', () => {
  it('exit 0 on an intact chain, with the head; exit 3 naming the first broken link', () => {
    const ok = pos(['audit', 'verify']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/entries checked, head #\d+ [0-9a-f]{16}[\s\S]*intact/);
    const head = pos(['audit', 'head']).out.trim();
    expect(pos(['audit', 'verify', '--expect', head]).code).toBe(0);

    const db = new Database(path.join(t.dir, 'data', 'terminal.db'));
    db.prepare("UPDATE audit SET detail = '{\"role\":\"administrator\"}' WHERE id = 2").run();
    db.close();
    const broken = pos(['audit', 'verify']);
    expect(broken.code).toBe(3);
    expect(broken.out).toMatch(/BROKEN at audit #2: audit #2 \(.* cashier\.add by cli.*\) does not match its chain hash/);
    expect(pos(['audit', 'verify', '--expect', 'garbage']).code).toBe(2);
  });

  it('a PIN hash copied between cashiers is reported too', () => {
    const db = new Database(path.join(t.dir, 'data', 'terminal.db'));
    db.prepare("UPDATE cashiers SET pin_hash = (SELECT pin_hash FROM cashiers WHERE no = '0001') WHERE no = '1003'").run();
    db.close();
    const r = pos(['audit', 'verify', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).cashiersTampered).toEqual(['1003']);
  });
});
