/** `pos catalog` in-process (the same function the command runs), against a configured data directory. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogCommand } from '../../../src/main/cli/catalog.js';
import { catalogRows, writeCatalogCsv } from '../../helpers/catalog-files.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('pos-catalog-cli-');
const config = path.join(t.dir, 'pos.config.json');
fs.writeFileSync(config, JSON.stringify({ center: { url: 'embedded' }, dataDir: path.join(t.dir, 'data'), catalog: { seedSample: false } }));
afterAll(() => t.cleanup());

async function pos(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await catalogCommand([...argv, '--config', config], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('pos catalog', () => {
  it('import --dry-run previews; errors are printed with row, column and reason and exit 3; then import, versions, rollback', async () => {
    const good = path.join(t.dir, 'good.csv');
    writeCatalogCsv(good, catalogRows(50));
    const bad = path.join(t.dir, 'bad.csv');
    writeCatalogCsv(bad, catalogRows(50, new Map([[7, (c) => [c[0], c[1], c[2], '', ...c.slice(4)]]])));

    const dry = await pos('import', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('新增 50');
    expect((await pos('versions')).out).toContain('没有目录版本');

    const e = await pos('import', bad);
    expect(e.code).toBe(3);
    expect(e.out).toContain('第 8 行「单位」：不能为空');

    const first = await pos('import', good);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/目录版本 1 已启用，立即生效/);
    writeCatalogCsv(good, catalogRows(60));
    // the audit names a cashier of this terminal, or the OS user: an unknown number is refused
    expect((await pos('import', good, '--operator', '9001')).err).toContain('no such cashier');
    const second = await pos('import', good);
    expect(second.out).toContain('新增 10');
    const v = JSON.parse((await pos('versions', '--json')).out);
    expect(v.map((x: { id: number; inForce: boolean }) => [x.id, x.inForce])).toEqual([
      [2, true],
      [1, false],
    ]);
    const back = await pos('rollback');
    expect(back.out).toContain('已恢复到目录版本 1');
    expect(JSON.parse((await pos('status', '--json')).out).version.id).toBe(1);
    expect((await pos('import', good, '--effective', 'not-a-date')).code).toBe(2);
    expect((await pos('frobnicate')).code).toBe(2);
  });
});
