/**
 * The catalog section in real Chromium: a supervisor opens it (Ctrl+M), uploads a CSV, reads the
 * preview (the errors named by row and column, then a good file's changes), activates it, and goes
 * back to the previous version; a cashier is told it needs a supervisor.
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
  it('a supervisor imports a file: errors named, then a good file previewed, activated, and rolled back', async () => {
    const term = await terminals.open({ cashier: ['9001', '9999'] });
    const { page } = term;
    await page.keyboard.press('Control+m');
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
    expect(await page.locator('[data-testid="catalog-version"][data-state="withdrawn"]').count()).toBe(1);
    await term.shot('catalog-2-rolled-back');
  });

  it('a cashier is told it needs a supervisor', async () => {
    const term = await terminals.open();
    await term.page.keyboard.press('Control+m');
    await tid(term.page, 'catalog-admin-denied').waitFor();
  });
});
