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
