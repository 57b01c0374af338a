import { describe, expect, it } from 'vitest';
import { CatalogError, createCatalog, entryInForce, InstitutionCatalogDoc, nationalRecordsUpTo, priceLines, splitBill } from '../../../src/main/settle/index.js';
import { sampleCatalog530600, sampleInstitutionItems, sampleNationalCatalog } from '../../../src/main/settle/sample-data.js';
import { CatalogItem } from '../../../src/shared/domain.js';

function catalogError(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    return e as CatalogError;
  }
  throw new Error('did not throw');
}

const AMX = 'XJ01CAA040A001010100001';
const OSELTAMIVIR = 'XJ05AHA017E001010100028';
const NIFEDIPINE = 'XC08CAX137A001010100009';

describe('the shipped samples: the institution catalog and the national catalog behind it', () => {
  const cat = sampleCatalog530600();

  it('has realistic items across kinds and classes, classes from the national catalog', () => {
    expect(cat.items.length).toBeGreaterThanOrEqual(45);
    for (const kind of ['drug', 'service', 'material']) expect(cat.items.some((i) => i.kind === kind)).toBe(true);
    for (const lv of ['01', '02', '03']) expect(cat.items.some((i) => i.chrgitm_lv === lv && i.unmapped === null)).toBe(true);
    const classB = cat.items.filter((i) => i.chrgitm_lv === '02');
    expect(classB.filter((i) => i.selfpay_prop >= 500).length).toBeGreaterThanOrEqual(5);
    expect(cat.items.filter((i) => i.pric_uplmt_amt !== null && i.pric_uplmt_amt < i.price).length).toBeGreaterThanOrEqual(3);
    expect(cat.items.filter((i) => !i.whole_units).length).toBeGreaterThanOrEqual(3);
    for (const i of cat.items) expect(i.fractional).toBe(!i.whole_units);
    for (const name of ['阿莫西林胶囊', '布洛芬缓释胶囊', '头孢克洛胶囊', '板蓝根颗粒', '黄芪', '当归', '一般诊疗费']) {
      expect(cat.items.some((i) => i.name === name), name).toBe(true);
    }
  });

  it('hands out plain CatalogItem objects', () => {
    for (const item of cat.items) expect(CatalogItem.strict().parse(item)).toEqual(item);
  });

  it('gives every drug and material a distinct 13-digit barcode and every item a distinct institution code', () => {
    const goods = cat.items.filter((i) => i.kind !== 'service');
    for (const g of goods) expect(g.barcode, g.name).toMatch(/^\d{13}$/);
    expect(new Set(goods.map((g) => g.barcode)).size).toBe(goods.length);
    expect(new Set(cat.items.map((g) => g.code)).size).toBe(cat.items.length);
  });

  it('the unmapped items sell fully self-paid with the reason; a mapping the national catalog does not hold is not covered', () => {
    const unmapped = cat.items.filter((i) => i.unmapped === 'no_mapping');
    expect(unmapped.length).toBeGreaterThanOrEqual(2);
    for (const i of unmapped) expect(i).toMatchObject({ med_list_codg: null, chrgitm_lv: '03', selfpay_prop: 0, pric_uplmt_amt: null });
    // mapped to a code only version 2 of the national catalog holds
    const osel = cat.lookup(OSELTAMIVIR)!;
    expect(osel).toMatchObject({ unmapped: 'not_in_national', chrgitm_lv: '03' });
    const v2 = sampleCatalog530600({ ver: 2 });
    expect(v2.lookup(OSELTAMIVIR)).toMatchObject({ unmapped: null, chrgitm_lv: '02', selfpay_prop: 1000 });
    // withdrawn in version 2 (vali_flag 0)
    expect(cat.lookup(NIFEDIPINE)!.unmapped).toBeNull();
    expect(v2.lookup(NIFEDIPINE)!.unmapped).toBe('not_in_national');
  });

  it('version 2 changes a cap, a ratio and a class', () => {
    const v1 = sampleCatalog530600();
    const v2 = sampleCatalog530600({ ver: 2 });
    expect([v1.lookup('XJ01DCC027E001010100004')!.pric_uplmt_amt, v2.lookup('XJ01DCC027E001010100004')!.pric_uplmt_amt]).toEqual([2600, 2500]);
    expect([v1.lookup('ZA01BAB0053010100005')!.selfpay_prop, v2.lookup('ZA01BAB0053010100005')!.selfpay_prop]).toEqual([500, 1000]);
    expect([v1.lookup('C1401010330000100023')!.chrgitm_lv, v2.lookup('C1401010330000100023')!.chrgitm_lv]).toEqual(['02', '01']);
  });

  it('looks items up by institution code, barcode, or the national code one item maps to', () => {
    const amx = cat.lookup(AMX)!;
    expect(amx.name).toBe('阿莫西林胶囊');
    expect(amx.code).toMatch(/^YP\d{4}$/);
    expect(cat.lookup(amx.code)).toBe(amx);
    expect(cat.lookup(amx.code.toLowerCase())).toBe(amx);
    expect(cat.lookup(amx.barcode!)).toBe(amx);
    expect(cat.lookup(` ${AMX} `)).toBe(amx);
    expect(cat.lookup('nope')).toBeUndefined();
    expect(cat.national(AMX)).toMatchObject({ chrgitm_lv: '01', name: '阿莫西林胶囊' });
  });

  it('a national code two items map to names neither of them', () => {
    const items = sampleInstitutionItems().slice(0, 2).map((i) => ({ ...i, med_list_codg: AMX }));
    const c = createCatalog(items, () => undefined);
    expect(c.lookup(AMX)).toBeUndefined();
    expect(c.lookup(items[1].medins_list_codg)?.name).toBe(items[1].name);
  });

  it('the sample documents validate, and an entry is in force only inside its dates and while valid', () => {
    expect(() => InstitutionCatalogDoc.parse({ region: '530600', sample: true, items: [{ ...sampleInstitutionItems()[0], price: 12.5 }] })).toThrow();
    const r = nationalRecordsUpTo(sampleNationalCatalog(), 1).get(AMX)!;
    expect(entryInForce(r, '2026-12-01')).toBeDefined();
    expect(entryInForce({ ...r, begndate: '2027-01-01' }, '2026-12-01')).toBeUndefined();
    expect(entryInForce({ ...r, enddate: '2026-11-30' }, '2026-12-01')).toBeUndefined();
    expect(entryInForce({ ...r, vali_flag: '0' }, '2026-12-01')).toBeUndefined();
  });
});

describe('priceLines', () => {
  const cat = sampleCatalog530600();
  const amx = cat.lookup(AMX)!;
  const sanqi = cat.lookup('T000300420')!;
  const policy = { dedc_left: 0, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 0, hifmi_cap_left: 0, cvlserv_ratio: 0, acct_may_pay_class_c: true, policy_version: 'x' };
  const person = { acct_balc: 0, acct_used: false, mulaid_balc: null, fund_allowed: true, fund_refused_reason: null };

  it('prices pharmacy lines from the institution catalog (its price, the national class), sending the national code', () => {
    const lines = priceLines(
      [
        { code: amx.barcode!, qty: '2' },
        { code: sanqi.code, qty: '12.5' },
        { code: 'XJ01DCC027E001010100004', qty: '1', pric: 1 },
      ],
      cat,
      'pharmacy',
    );
    expect(lines[0]).toEqual({ line_no: 1, code: AMX, name: '阿莫西林胶囊', chrgitm_lv: '01', pric: 1250, cnt: '2', selfpay_prop: 0, pric_uplmt_amt: null, input_code: amx.barcode, medins_list_codg: amx.code, unmapped: null });
    expect(lines[1]).toMatchObject({ line_no: 2, code: 'T000300420', medins_list_codg: sanqi.code, chrgitm_lv: '02', pric: 120, cnt: '12.5', selfpay_prop: 2000, pric_uplmt_amt: 100 });
    // a pharmacy line's own price is not used: the catalog is the price list
    expect(lines[2]).toMatchObject({ line_no: 3, pric: 2980, selfpay_prop: 1000, pric_uplmt_amt: 2600 });
    const r = splitBill({ lines, policy, person });
    expect(r.split.medfee_sumamt).toBe(2500 + 1500 + 2980);
  });

  it('an unmapped item is priced fully self-paid, marked, and sent under its own code', () => {
    const vitE = cat.items.find((i) => i.unmapped === 'no_mapping')!;
    const [l] = priceLines([{ code: vitE.code, qty: '1' }], cat, 'pharmacy');
    expect(l).toMatchObject({ code: vitE.code, medins_list_codg: vitE.code, chrgitm_lv: '03', selfpay_prop: 0, pric_uplmt_amt: null, unmapped: 'no_mapping', pric: vitE.price });
    const r = splitBill({ lines: [l], policy, person });
    expect(r.split.fulamt_ownpay_amt).toBe(vitE.price);
    expect(r.split.fund_pay_sumamt).toBe(0);
  });

  it('prices outpatient lines from the HIS price, with class and cap from the national catalog', () => {
    const [l] = priceLines([{ code: '002203010010000', qty: '1', pric: 12500, name: '彩超(腹部)' }], cat, 'outpatient');
    expect(l).toMatchObject({ line_no: 1, code: '002203010010000', name: '彩超(腹部)', chrgitm_lv: '02', pric: 12500, cnt: '1', selfpay_prop: 1000, pric_uplmt_amt: 11000, unmapped: null });
  });

  it('an outpatient code the national catalog does not hold is self-paid and marked, never covered', () => {
    const [l] = priceLines([{ code: 'HIS-ONLY-01', qty: '1', pric: 3000 }], cat, 'outpatient');
    expect(l).toMatchObject({ code: 'HIS-ONLY-01', chrgitm_lv: '03', unmapped: 'not_in_national', pric_uplmt_amt: null });
    // a caller may declare a line self-paid (the simulator: hosp_appr_flag 2)
    const [s] = priceLines([{ code: AMX, qty: '1', pric: 1250, selfpay: true }], cat, 'outpatient');
    expect(s).toMatchObject({ chrgitm_lv: '03', unmapped: 'not_in_national' });
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

  it('allows fractional quantities of items not sold whole', () => {
    expect(priceLines([{ code: 'T000100360', qty: '0.0005' }], cat, 'pharmacy')[0].cnt).toBe('0.0005');
  });
});
