import { describe, expect, it } from 'vitest';
import { loadPinyin, searchKeysWith } from '../../../src/main/catalog/pinyin.js';
import { createSearchIndex } from '../../../src/main/catalog/search-index.js';
import { sampleCatalog530600 } from '../../../src/main/settle/sample-data.js';

describe('search keys: pinyin-pro, not typed by hand', () => {
  it('gives initials and full pinyin; letters and digits kept, ü as v, polyphones in context', async () => {
    const p = await loadPinyin();
    expect(searchKeysWith(p, '阿莫西林胶囊')).toEqual({ py_initials: 'amxljn', py_full: 'amoxilinjiaonang' });
    expect(searchKeysWith(p, '维生素C片').py_initials).toBe('wsscp');
    expect(searchKeysWith(p, '0.9%氯化钠注射液')).toEqual({ py_initials: '09lhnzsy', py_full: '09lvhuanazhusheye' });
    expect(searchKeysWith(p, '重楼').py_initials).toMatch(/^[cz]l$/);
  });
});

describe('the search index', async () => {
  const p = await loadPinyin();
  const cat = sampleCatalog530600();
  const index = createSearchIndex(cat.items.map((item) => ({ item, ...searchKeysWith(p, item.name) })));
  const names = (q: string, n?: number) => index.search(q, n).map((i) => i.name);

  it('finds by name, pinyin initials and full pinyin, institution code, national code and barcode', () => {
    expect(names('胶囊')).toEqual(expect.arrayContaining(['阿莫西林胶囊', '布洛芬缓释胶囊', '头孢克洛胶囊']));
    expect(names('amx')[0]).toBe('阿莫西林胶囊');
    expect(names('BLG')[0]).toBe('板蓝根颗粒');
    expect(names('banlangen')[0]).toBe('板蓝根颗粒');
    expect(names('langen')).toContain('板蓝根颗粒');
    const amx = cat.lookup('XJ01CAA040A001010100001')!;
    expect(index.search(amx.code)[0]).toBe(amx);
    expect(index.search(amx.code.toLowerCase())[0]).toBe(amx);
    expect(index.search('XJ01CAA040A001010100001')[0]).toBe(amx);
    expect(index.search(amx.barcode!)[0]).toBe(amx);
    expect(index.search('xj01').length).toBeGreaterThanOrEqual(3);
    expect(index.search('YP00').every((i) => i.code.startsWith('YP00'))).toBe(true);
  });

  it('ranks an exact code first, then prefixes, then what only contains the query; honours the limit', () => {
    expect(index.search('T000100360')[0].name).toBe('黄芪');
    expect(names('gc')[0]).toBe('甘草片'); // initials prefix before 复方甘草片 (initials contain it)
    expect(names('gc')).toContain('复方甘草片');
    expect(names('胶囊', 2)).toHaveLength(2);
    expect(names('')).toEqual([]);
    expect(names('zzzzqqq')).toEqual([]);
    expect(names('草')).toEqual(expect.arrayContaining(['甘草片', '复方甘草片']));
  });
});

describe('the index ranks as a plain sort of every match would', async () => {
  const p = await loadPinyin();
  const { catalogRows } = await import('../../helpers/catalog-files.js');
  const { createCatalog } = await import('../../../src/main/settle/index.js');
  const rows = catalogRows(3000);
  const cat = createCatalog(
    rows.map((r) => ({ medins_list_codg: r[0], name: r[1], spec: r[2], unit: r[3], kind: 'drug' as const, price: 100, barcode: r[5], whole_units: true, med_list_codg: r[7] || null })),
    () => undefined,
  );
  const keyed = cat.items.map((item) => ({ item, ...searchKeysWith(p, item.name) }));
  const index = createSearchIndex(keyed);
  /** the ranking rule written the slow way */
  function reference(query: string, limit: number): string[] {
    const q = query.toLowerCase();
    const rank = (e: (typeof keyed)[number]) => {
      const codes = [e.item.code, e.item.med_list_codg ?? '', e.item.barcode ?? ''].map((c) => c.toLowerCase());
      const n = e.item.name.toLowerCase();
      if (codes.some((c) => c === q)) return 0;
      if (codes.some((c) => c !== '' && c.startsWith(q))) return 1;
      if (n.startsWith(q)) return 2;
      if (e.py_initials.startsWith(q)) return 3;
      if (e.py_full.startsWith(q)) return 4;
      if (n.includes(q)) return 5;
      if (e.py_initials.includes(q)) return 6;
      if (e.py_full.includes(q)) return 7;
      return -1;
    };
    return keyed
      .map((e, i) => ({ e, i, r: rank(e) }))
      .filter((x) => x.r >= 0)
      .sort((a, b) => a.r - b.r || a.e.item.name.length - b.e.item.name.length || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.e.item.code);
  }
  it.each(['YP00', 'YP0012', 'a', 'am', 'xi', '胶囊', '布洛芬', 'bl', 'buluo', '69000000001', 'XJ01', 'zzz'])('%s', (q) => {
    for (const limit of [1, 5, 20]) expect(index.search(q, limit).map((i) => i.code)).toEqual(reference(q, limit));
  });
});
