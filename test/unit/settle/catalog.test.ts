import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog, priceLines, splitBill } from '../../../src/main/settle/index.js';
import { sampleCatalog530600 } from '../../../src/main/settle/sample-data.js';
import { CatalogItem } from '../../../src/shared/domain.js';

const raw = () => JSON.parse(readFileSync(new URL('../../../src/main/settle/data/catalog-530600.json', import.meta.url), 'utf8'));

function catalogError(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    return e as CatalogError;
  }
  throw new Error('did not throw');
}

describe('the shipped sample catalog', () => {
  const cat = sampleCatalog530600();

  it('has at least 35 realistic items across kinds and classes', () => {
    const doc = raw();
    expect(doc.sample).toBe(true);
    expect(cat.items.length).toBeGreaterThanOrEqual(35);
    for (const kind of ['drug', 'service', 'material']) expect(cat.items.some((i) => i.kind === kind)).toBe(true);
    for (const lv of ['01', '02', '03']) expect(cat.items.some((i) => i.chrgitm_lv === lv)).toBe(true);
    const classB = cat.items.filter((i) => i.chrgitm_lv === '02');
    expect(classB.every((i) => i.selfpay_prop >= 0 && i.selfpay_prop <= 2000)).toBe(true);
    expect(classB.filter((i) => i.selfpay_prop >= 500).length).toBeGreaterThanOrEqual(5);
    expect(cat.items.filter((i) => i.pric_uplmt_amt !== null && i.pric_uplmt_amt < i.price).length).toBeGreaterThanOrEqual(3);
    expect(cat.items.filter((i) => i.fractional).length).toBeGreaterThanOrEqual(3);
    for (const name of ['阿莫西林胶囊', '布洛芬缓释胶囊', '头孢克洛胶囊', '板蓝根颗粒', '黄芪', '当归', '一般诊疗费']) {
      expect(cat.items.some((i) => i.name === name), name).toBe(true);
    }
  });

  it('hands out plain CatalogItem objects (no search-only fields)', () => {
    for (const item of cat.items) {
      expect(CatalogItem.strict().parse(item)).toEqual(item);
      expect(item).not.toHaveProperty('py');
    }
  });

  it('gives every drug and material a distinct 13-digit barcode', () => {
    const goods = cat.items.filter((i) => i.kind !== 'service');
    for (const g of goods) expect(g.barcode, g.name).toMatch(/^\d{13}$/);
    expect(new Set(goods.map((g) => g.barcode)).size).toBe(goods.length);
    expect(new Set(cat.items.map((g) => g.code)).size).toBe(cat.items.length);
  });

  it('looks items up by national code or barcode', () => {
    const amx = cat.byCode('XJ01CAA040A001010100001');
    expect(amx?.name).toBe('阿莫西林胶囊');
    expect(cat.lookup(amx!.barcode!)).toBe(amx);
    expect(cat.lookup(' XJ01CAA040A001010100001 ')).toBe(amx);
    expect(cat.lookup('xj01caa040a001010100001')).toBe(amx);
    expect(cat.lookup('nope')).toBeUndefined();
    expect(cat.byCode(amx!.barcode!)).toBeUndefined();
  });

  it('searches by name substring, code prefix, barcode prefix and pinyin initials', () => {
    expect(cat.search('胶囊').map((i) => i.name)).toEqual(expect.arrayContaining(['阿莫西林胶囊', '布洛芬缓释胶囊', '头孢克洛胶囊']));
    expect(cat.search('amx')[0].name).toBe('阿莫西林胶囊');
    expect(cat.search('BLG')[0].name).toBe('板蓝根颗粒');
    expect(cat.search('T0001').every((i) => i.code.startsWith('T0001'))).toBe(true);
    expect(cat.search('T0001').length).toBeGreaterThanOrEqual(3);
    expect(cat.search('xj01').length).toBeGreaterThanOrEqual(3);
    const amx = cat.byCode('XJ01CAA040A001010100001')!;
    expect(cat.search(amx.barcode!)[0]).toBe(amx);
    expect(cat.search('')).toEqual([]);
    expect(cat.search('胶囊', 2)).toHaveLength(2);
    // an exact code match ranks before name matches
    expect(cat.search('T000100360')[0].name).toBe('黄芪');
  });
});

describe('parseCatalog errors name the field', () => {
  const cases: [string, (d: any) => void, string, string][] = [
    ['price in yuan', (d) => (d.items[3].price = 29.8), 'items.3.price', 'XJ01DCC027E001010100004'],
    ['unknown class', (d) => (d.items[0].chrgitm_lv = '04'), 'items.0.chrgitm_lv', 'XJ01CAA040A001010100001'],
    ['missing unit', (d) => delete d.items[5].unit, 'items.5.unit', 'T000100360'],
    ['duplicate code', (d) => (d.items[2].code = d.items[1].code), 'items.2.code', 'XM01AEB012N001010100002'],
    ['duplicate barcode', (d) => (d.items[2].barcode = d.items[1].barcode), 'items.2.barcode', 'XA10BAD004A001010100003'],
    ['selfpay on class A', (d) => (d.items[0].selfpay_prop = 1000), 'items.0.selfpay_prop', 'XJ01CAA040A001010100001'],
    ['bad pinyin', (d) => (d.items[0].py = 'A M X'), 'items.0.py', 'XJ01CAA040A001010100001'],
    ['no items', (d) => (d.items = []), 'items', ''],
  ];
  for (const [what, mutate, field, code] of cases) {
    it(what, () => {
      const d = raw();
      mutate(d);
      const e = catalogError(() => parseCatalog(d));
      expect(e.field).toBe(field);
      expect(e.code).toBe(code);
      expect(e.message).toContain(field);
    });
  }
});

describe('priceLines', () => {
  const cat = sampleCatalog530600();
  const amx = cat.byCode('XJ01CAA040A001010100001')!;

  it('prices pharmacy lines from the catalog, by code or barcode, numbering lines from 1', () => {
    const lines = priceLines(
      [
        { code: amx.barcode!, qty: '2' },
        { code: 'T000300420', qty: '12.5' },
        { code: 'XJ01DCC027E001010100004', qty: '1', pric: 1 },
      ],
      cat,
      'pharmacy',
    );
    expect(lines[0]).toEqual({ line_no: 1, code: amx.code, name: '阿莫西林胶囊', chrgitm_lv: '01', pric: 1250, cnt: '2', selfpay_prop: 0, pric_uplmt_amt: null });
    expect(lines[1]).toMatchObject({ line_no: 2, code: 'T000300420', chrgitm_lv: '02', pric: 120, cnt: '12.5', selfpay_prop: 2000, pric_uplmt_amt: 100 });
    // a pharmacy line's own price is not used: the catalog is the price list
    expect(lines[2]).toMatchObject({ line_no: 3, pric: 2980, selfpay_prop: 1000, pric_uplmt_amt: 2600 });
    const r = splitBill({ lines, policy: { dedc_left: 0, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 0, hifmi_cap_left: 0, cvlserv_ratio: 0, acct_may_pay_class_c: true, policy_version: 'x' }, person: { acct_balc: 0, acct_used: false, mulaid_balc: null, fund_allowed: true, fund_refused_reason: null } });
    expect(r.split.medfee_sumamt).toBe(2500 + 1500 + 2980);
  });

  it('prices outpatient lines from the HIS price, with class and cap from the catalog', () => {
    const [l] = priceLines([{ code: '002203010010000', qty: '1', pric: 12500, name: '彩超(腹部)' }], cat, 'outpatient');
    expect(l).toEqual({ line_no: 1, code: '002203010010000', name: '彩超(腹部)', chrgitm_lv: '02', pric: 12500, cnt: '1', selfpay_prop: 1000, pric_uplmt_amt: 11000 });
  });

  it('names the field of a bad line', () => {
    let e = catalogError(() => priceLines([{ code: amx.code, qty: '1' }, { code: 'NOPE', qty: '1' }], cat, 'pharmacy'));
    expect(e).toMatchObject({ field: 'lines.1.code', code: 'NOPE' });
    e = catalogError(() => priceLines([{ code: amx.code, qty: '1.5' }], cat, 'pharmacy'));
    expect(e).toMatchObject({ field: 'lines.0.qty', code: amx.code });
    expect(e.message).toContain('阿莫西林胶囊');
    e = catalogError(() => priceLines([{ code: amx.code, qty: '1' }], cat, 'outpatient'));
    expect(e).toMatchObject({ field: 'lines.0.pric' });
    e = catalogError(() => priceLines([{ code: amx.code, qty: 'abc' }], cat, 'pharmacy'));
    expect(e).toMatchObject({ field: 'lines.0.qty' });
    e = catalogError(() => priceLines([{ code: amx.code, qty: '0' }], cat, 'pharmacy'));
    expect(e).toMatchObject({ field: 'lines.0.qty' });
    e = catalogError(() => priceLines([{ code: amx.code, qty: '1', pric: 12.5 }], cat, 'outpatient'));
    expect(e).toMatchObject({ field: 'lines.0.pric' });
  });

  it('allows fractional quantities of fractional items', () => {
    expect(priceLines([{ code: 'T000100360', qty: '0.0005' }], cat, 'pharmacy')[0].cnt).toBe('0.0005');
  });
});
