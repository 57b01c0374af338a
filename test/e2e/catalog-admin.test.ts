/**
 * The catalog section of the administrator screen in real Chromium: an administrator opens it,
 * uploads a CSV, reads the preview (the errors named by row and column, then a good file's changes),
 * activates it, and goes back to the previous version; a cashier has no such screen, and the main
 * side refuses him the catalog's calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleInstitutionItems } from '../../src/main/settle/sample-data.js';
import { tempDir } from '../helpers/tmp.js';
import { terminalPerTest, tid } from './harness.js';

const terminals = terminalPerTest();
const dir = tempDir('pos-e2e-catalog-');
afterAll(() => dir.cleanup());

function csv(name: string, change: (rows: string[][]) => string[][]): string {
  const rows = sampleInstitutionItems().map((i) => [i.medins_list_codg, i.name, i.spec, i.unit, (i.price / 100).toFixed(2), i.barcode ?? '', i.whole_units ? '是' : '否', i.med_list_codg ?? '']);
  const file = path.join(dir.dir, name);
  fs.writeFileSync(file, ['机构编码,名称,规格,单位,单价,条码,整售,医保编码', ...change(rows).map((r) => r.join(','))].join('\n'));
  return file;
}

describe('the catalog section', () => {
  it('an administrator imports a file: errors named, then a good file previewed, activated, and rolled back', async () => {
    const term = await terminals.open({ cashier: ['9901', '2468'] });
    const { page } = term;
    await tid(page, 'admin-open').click();
    await tid(page, 'catalog-admin').waitFor();
    const first = await tid(page, 'catalog-in-force').getAttribute('data-version');

    await tid(page, 'catalog-file').setInputFiles(csv('broken.csv', (r) => [...r.slice(0, 3), [r[3][0], r[3][1], r[3][2], r[3][3], '12.345', ...r[3].slice(5)], ...r.slice(4)]));
    await expect.poll(() => tid(page, 'catalog-preview').getAttribute('data-errors'), { timeout: 15_000 }).toBe('1');
    expect(await tid(page, 'catalog-errors').textContent()).toContain('第 5 行「单价」：不是金额');
    expect(await tid(page, 'catalog-activate').count()).toBe(0);

    await tid(page, 'catalog-file').setInputFiles(csv('cheaper.csv', (r) => r.map((x, i) => (i === 0 ? [x[0], x[1], x[2], x[3], '11.00', ...x.slice(5)] : x))));
    await expect.poll(() => tid(page, 'catalog-preview').getAttribute('data-errors'), { timeout: 15_000 }).toBe('0');
    expect(await tid(page, 'catalog-preview').textContent()).toContain('价格变化 1');
    await term.shot('catalog-1-preview');
    await tid(page, 'catalog-activate').click();
    await tid(page, 'catalog-activated').waitFor();
    await expect.poll(() => tid(page, 'catalog-in-force').getAttribute('data-version'), { timeout: 10_000 }).not.toBe(first);

    await tid(page, 'catalog-rollback').click();
    await expect.poll(() => tid(page, 'catalog-in-force').getAttribute('data-version'), { timeout: 10_000 }).toBe(first);
    await expect.poll(() => page.locator('[data-testid="catalog-version"][data-state="withdrawn"]').count(), { timeout: 10_000 }).toBe(1);
    await term.shot('catalog-2-rolled-back');
  });

  it('a cashier has no administrator screen, and the catalog calls are refused to him', async () => {
    const term = await terminals.open();
    await tid(term.page, 'status-bar').waitFor();
    expect(await tid(term.page, 'admin-open').count()).toBe(0);
    const r = await term.page.evaluate(() => (window as unknown as { pos: { call(n: string, i: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).pos.call('catalog.versions', {}));
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH' } });
  });
});
