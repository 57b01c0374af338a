/**
 * The institution's catalog imported as its own system exports it: 20,000-row XLSX and CSV files
 * generated here, with deliberate errors in some rows (each named exactly: row, column, reason), the
 * preview of what changes, activation now and at an effective time, and rollback to the version before.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRow, catalogRows, writeCatalogCsv, writeCatalogXlsx } from '../../helpers/catalog-files.js';
import { catalogAreaIn } from '../../helpers/catalog-area.js';
import { tempDir } from '../../helpers/tmp.js';

const N = 20_000;
const t = tempDir('pos-catalog-import-');
const file = (name: string) => path.join(t.dir, name);
let h: ReturnType<typeof catalogAreaIn>;

// the deliberate errors: row numbers as the spreadsheet shows them (the header is row 1, item n is row n + 1)
const BROKEN = new Map<number, (c: string[]) => string[]>([
  [100, (c) => [c[0], c[1], c[2], c[3], '12.345', ...c.slice(5)]],
  [2001, (c) => [c[0], '', ...c.slice(2)]],
  [5002, (c) => ['YP000001', ...c.slice(1)]],
  [7003, (c) => [...c.slice(0, 6), '也许', ...c.slice(7)]],
  [15004, (c) => [...c.slice(0, 5), catalogRow(3)[5], ...c.slice(6)]],
  [20000, (c) => [...c.slice(0, 7), '阿莫西林', c[8]]],
]);
const EXPECTED_ERRORS = [
  { row: 101, column: '单价(元)', reason: '不是金额（元，最多两位小数，不能为负）: 12.345' },
  { row: 2002, column: '名称', reason: '不能为空' },
  { row: 5003, column: '机构编码', reason: '编码 YP000001 与第 2 行重复' },
  { row: 7004, column: '整售', reason: '应填 是/否（或 1/0、Y/N）: 也许' },
  { row: 15005, column: '条码', reason: `条码 ${catalogRow(3)[5]} 与第 4 行重复` },
  { row: 20001, column: '医保编码', reason: '医保编码只能由字母、数字、点和横线组成，最长 50 位: 阿莫西林' },
];

beforeAll(async () => {
  h = catalogAreaIn(t.dir);
  await writeCatalogXlsx(file('broken.xlsx'), catalogRows(N, BROKEN));
  writeCatalogCsv(file('broken.csv'), catalogRows(N, BROKEN));
  writeCatalogCsv(file('v1.csv'), catalogRows(N), { bom: true });
  await writeCatalogXlsx(file('v1.xlsx'), catalogRows(N));
  // v2: 100 price changes, 50 removed, 30 added, 10 mappings dropped
  const v2 = catalogRows(N, new Map([...Array.from({ length: 100 }, (_, i) => [i + 1, (c: string[]) => [...c.slice(0, 4), (Number(c[4]) + 1).toFixed(2), ...c.slice(5)]] as const), ...Array.from({ length: 10 }, (_, i) => [201 + i * 7 + 1, (c: string[]) => [...c.slice(0, 7), '', c[8]]] as const)]), new Set(Array.from({ length: 50 }, (_, i) => N - i)));
  for (let i = 0; i < 30; i++) v2.push(catalogRow(N + 1 + i));
  writeCatalogCsv(file('v2.csv'), v2);
}, 120_000);
afterAll(() => {
  h?.close();
  t.cleanup();
});

describe('a file with errors: every error named, nothing imported', () => {
  it.each(['broken.xlsx', 'broken.csv'])('%s', async (name) => {
    const r = await h.area.service.importFile(file(name), { dryRun: false, by: '9001' });
    expect(r.rows).toBe(N);
    expect(r.errorCount).toBe(EXPECTED_ERRORS.length);
    expect(r.errors).toEqual(EXPECTED_ERRORS);
    expect(r.versionId).toBeNull();
    expect(r.preview.total).toBe(N - EXPECTED_ERRORS.length);
    expect(h.store.catalogVersions.count()).toBe(0);
  }, 60_000);
});

describe('a good file: preview, activation, a second version at an effective time, rollback', () => {
  it('a dry run previews and stages nothing; the import stages a version that sells nothing until activated', async () => {
    const dry = await h.area.service.importFile(file('v1.xlsx'), { dryRun: true, by: '9001' });
    expect(dry).toMatchObject({ errorCount: 0, versionId: null, rows: N, format: 'xlsx' });
    expect(dry.preview.counts).toMatchObject({ added: N, removed: 0, priceChanged: 0 });
    expect(h.store.catalogVersions.count()).toBe(0);

    const r = await h.area.service.importFile(file('v1.csv'), { dryRun: false, by: '9001' });
    expect(r).toMatchObject({ errorCount: 0, rows: N, format: 'csv' });
    expect(r.versionId).toBeGreaterThan(0);
    // every seventh row has no mapping: newly unmapped (fully self-paid) from the start
    expect(r.preview.counts.newlyUnmapped).toBe(Math.floor(N / 7));
    expect(h.area.live.items).toHaveLength(0);
    expect(h.area.service.status().staged.map((v) => v.id)).toEqual([r.versionId]);

    const s = h.area.service.activate(r.versionId!, null, '9001');
    expect(s.version).toMatchObject({ id: r.versionId, item_count: N, inForce: true });
    expect(s.items).toBe(N);
    expect(s.unmapped).toBe(Math.floor(N / 7));
    const item = h.area.live.lookup('YP000014')!;
    expect(item).toMatchObject({ name: catalogRow(14)[1], unmapped: 'no_mapping', chrgitm_lv: '03' });
    expect(h.area.live.lookup(catalogRow(15)[5])?.code).toBe('YP000015');
    expect(h.area.live.search(catalogRow(15)[1])[0].code).toBe('YP000015');
    expect(h.store.audit.list().filter((a) => a.action.startsWith('catalog.')).map((a) => a.action)).toEqual(['catalog.staged', 'catalog.activate']);
  }, 60_000);

  it('the next version: the exact changes previewed, in force only from its effective time, and rolled back', async () => {
    const first = h.area.live.version()!;
    const r = await h.area.service.importFile(file('v2.csv'), { dryRun: false, by: '9001' });
    expect(r.errorCount).toBe(0);
    expect(r.preview.counts).toEqual({ added: 30, priceChanged: 100, removed: 50, newlyUnmapped: 10 + Array.from({ length: 30 }, (_, i) => N + 1 + i).filter((n) => n % 7 === 0).length, otherChanged: 10, unchanged: N - 50 - 100 - 10 });
    expect(r.preview.priceChanged[0]).toMatchObject({ code: 'YP000001', oldPrice: Math.round(Number(catalogRow(1)[4]) * 100), newPrice: Math.round(Number(catalogRow(1)[4]) * 100) + 100 });
    expect(r.preview.removed).toHaveLength(50);

    const at = new Date(h.clock.now().getTime() + 3_600_000).toISOString();
    const s = h.area.service.activate(r.versionId!, at, '9001');
    expect(s.version?.id).toBe(first.id);
    expect(s.pending.map((v) => v.id)).toEqual([r.versionId]);
    expect(h.area.live.lookup('YP000001')!.price).toBe(Math.round(Number(catalogRow(1)[4]) * 100));
    h.advance(3_600_001);
    expect(h.area.live.version()?.id).toBe(r.versionId);
    expect(h.area.live.lookup('YP000001')!.price).toBe(Math.round(Number(catalogRow(1)[4]) * 100) + 100);
    expect(h.area.live.lookup(`YP${String(N).padStart(6, '0')}`)).toBeUndefined();

    const back = h.area.service.rollback('9001');
    expect(back.version?.id).toBe(first.id);
    expect(h.area.live.lookup('YP000001')!.price).toBe(Math.round(Number(catalogRow(1)[4]) * 100));
    expect(h.store.catalogVersions.get(r.versionId!)?.state).toBe('withdrawn');
    const rollback = h.store.audit.list().find((a) => a.action === 'catalog.rollback');
    expect(JSON.parse(String(rollback?.detail))).toMatchObject({ withdrawn: r.versionId, back_to: first.id });
    // nothing before the first version: no further rollback
    expect(() => h.area.service.rollback('9001')).toThrow(/之前没有可以恢复的版本/);
  }, 60_000);
});

describe('what Chinese Windows exports', () => {
  it('a GBK CSV reads as the same text', async () => {
    writeCatalogCsv(file('gbk.csv'), catalogRows(20), { gbk: true });
    const r = await h.area.service.importFile(file('gbk.csv'), { dryRun: true, by: '9001' });
    expect(r.errorCount).toBe(0);
    expect(r.rows).toBe(20);
  });

  it('a file that is not a catalog says why', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file('other.csv'), '日期,金额\n2026-12-01,3\n');
    const r = await h.area.service.importFile(file('other.csv'), { dryRun: false, by: '9001' });
    expect(r.versionId).toBeNull();
    expect(r.errors.map((e) => e.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^缺少必需的列「机构编码」/), expect.stringMatching(/^缺少必需的列「单价」/)]));
    await expect(h.area.service.importFile(file('nope.pdf'), { dryRun: true, by: '9001' })).rejects.toThrow(/不支持的文件类型/);
  });
});
