import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calls } from '../../../src/shared/api.js';
import type { CatalogItem } from '../../../src/shared/domain.js';
import type { HisBill } from '../../../src/shared/his-bill.js';
import {
  addCatalogItem,
  billTotal,
  buildDraft,
  draftFingerprint,
  HisLineError,
  lineAmountFen,
  linesFromHis,
  medTypeFor,
  qtyProblem,
  removeLine,
  setLineQty,
  type DraftLine,
} from '../../../src/renderer/lib/draft.js';
import { amox } from './fixtures.js';

const herb: CatalogItem = { ...amox, code: 'T001', barcode: undefined, name: '当归', spec: '', unit: '克', chrgitm_lv: '03', price: 35, fractional: true };

let k = 0;
const key = () => `k${++k}`;

describe('bill lines', () => {
  it('adds catalog items and a second scan adds one to the quantity', () => {
    let lines = addCatalogItem([], amox, key());
    lines = addCatalogItem(lines, herb, key());
    lines = addCatalogItem(lines, amox, key());
    expect(lines.map((l) => [l.code, l.qty])).toEqual([
      [amox.code, '2'],
      ['T001', '1'],
    ]);
    expect(lines[0]).toMatchObject({ name: '阿莫西林胶囊', spec: '0.25g*24粒', lv: '01', price: 1250, priceOverride: false });
  });

  it('edits and removes by key', () => {
    let lines = addCatalogItem(addCatalogItem([], amox, 'a'), herb, 'b');
    lines = setLineQty(lines, 'b', '12.5');
    expect(lines[1].qty).toBe('12.5');
    expect(removeLine(lines, 'a').map((l) => l.key)).toEqual(['b']);
  });

  it('checks quantities as typed: positive, at most 4 decimals, whole units for items sold whole, and says which', () => {
    const line = (qty: string, fractional: boolean) => ({ qty, fractional });
    expect(qtyProblem(line('2', false))).toBeNull();
    expect(qtyProblem(line('2.0', false))).toBeNull();
    expect(qtyProblem(line(' 3 ', false))).toBeNull();
    expect(qtyProblem(line('1.5', false))).toBe('integer');
    expect(qtyProblem(line('1.5', true))).toBeNull();
    expect(qtyProblem(line('0.0001', true))).toBeNull();
    expect(qtyProblem(line('0', true))).toBe('zero');
    expect(qtyProblem(line('0.00', true))).toBe('zero');
    expect(qtyProblem(line('1.23456', true))).toBe('decimals');
    expect(qtyProblem(line('', true))).toBe('empty');
    expect(qtyProblem(line('-2', true))).toBe('negative');
    // nothing is cleaned up: "1e9" is not 19, "1,000,000,000" is not 1000000000
    expect(qtyProblem(line('1e9', true))).toBe('format');
    expect(qtyProblem(line('1,000,000,000', true))).toBe('format');
    expect(qtyProblem(line('1000000000', true))).toBe('tooLarge');
    expect(qtyProblem(line('999999', false))).toBeNull();
    expect(qtyProblem(line('2 盒', false))).toBe('format');
    // an item sold whole with a fraction still has an amount; a quantity that is no number has none
    expect(lineAmountFen({ qty: '1.5', fractional: false, price: 100 })).toBe(150);
    expect(lineAmountFen({ qty: '1e9', fractional: true, price: 100 })).toBeNull();
  });

  it('line amount is price × quantity rounded half up to the fen', () => {
    expect(lineAmountFen({ price: 35, qty: '12.5', fractional: true })).toBe(438); // 437.5 → 438
    expect(lineAmountFen({ price: 1250, qty: '3', fractional: false })).toBe(3750);
    expect(lineAmountFen({ price: 1, qty: '0.5', fractional: true })).toBe(1);
    expect(lineAmountFen({ price: 1, qty: '0.4999', fractional: true })).toBe(0);
    expect(lineAmountFen({ price: 100, qty: 'x', fractional: true })).toBeNull();
  });

  it('the bill total is the sum of integer line amounts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 9_999_999 })), { maxLength: 20 }), (specs) => {
        const lines: DraftLine[] = specs.map(([price, q], i) => ({
          key: String(i),
          code: `C${i}`,
          name: '',
          spec: '',
          unit: '',
          lv: '01',
          price,
          qty: `${Math.floor(q / 10000)}.${String(q % 10000).padStart(4, '0')}`,
          fractional: true,
          priceOverride: false,
        }));
        const total = billTotal(lines);
        expect(Number.isSafeInteger(total)).toBe(true);
        const expected = specs.reduce((s, [price, q]) => s + Number((BigInt(price) * BigInt(q) * 2n + 10000n) / 20000n), 0);
        expect(total).toBe(expected);
      }),
    );
  });
});

const hisBill = (lines: HisBill['lines']): HisBill => ({
  format: 'yb-pos-his-bill/1',
  his_bill_no: 'H2025001',
  med_type: '14',
  dept_name: '内科',
  doctor_name: '王医生',
  diagnosis: [{ diag_code: 'I10.x00', diag_name: '高血压' }],
  lines,
});

describe('HIS bill lines', () => {
  it('turns yuan prices (text or number) into fen and counts into quantity text', () => {
    const r = linesFromHis(
      hisBill([
        { med_list_codg: 'A1', medins_list_codg: '', name: '复方丹参片', pric: '18.80', cnt: 2 },
        { med_list_codg: 'S1', medins_list_codg: 'H-9', name: '诊查费', pric: 10, cnt: '1.5' },
        { med_list_codg: 'S2', medins_list_codg: '', name: '', pric: 0.1, cnt: '3' },
      ]),
      (i) => `h${i}`,
    );
    expect(r.lines.map((l) => [l.key, l.code, l.price, l.qty, l.priceOverride])).toEqual([
      ['h0', 'A1', 1880, '2', true],
      ['h1', 'S1', 1000, '1.5', true],
      ['h2', 'S2', 10, '3', true],
    ]);
    expect(r.his).toEqual({ his_bill_no: 'H2025001', dept_name: '内科', doctor_name: '王医生', diagnosis: [{ diag_code: 'I10.x00', diag_name: '高血压' }] });
    expect(r.med_type).toBe('14');
  });

  it('names the field of a bad price or count', () => {
    const bad = (pric: string | number, cnt: string | number) => () =>
      linesFromHis(hisBill([{ med_list_codg: 'A', medins_list_codg: '', name: '', pric: '1', cnt: 1 }, { med_list_codg: 'B', medins_list_codg: '', name: '', pric, cnt }]), String);
    expect(bad('1.234', 1)).toThrow(HisLineError);
    try {
      bad('1.234', 1)();
    } catch (e) {
      expect((e as HisLineError).field).toBe('lines.1.pric');
    }
    try {
      bad('1.23', 0)();
    } catch (e) {
      expect((e as HisLineError).field).toBe('lines.1.cnt');
    }
    expect(bad('-1', 1)).toThrow(HisLineError);
    expect(bad('1', '1.00001')).toThrow(HisLineError);
  });
});

describe('BillDraft', () => {
  const lines = addCatalogItem([], amox, 'a');
  const base = { personRef: 'p1', kind: 'pharmacy' as const, hisMedType: null, lines, useAcct: true, mulaidPsnNo: null, his: null, hisFingerprint: null };

  it('says what is missing', () => {
    expect(buildDraft({ ...base, personRef: null })).toEqual({ ok: false, reason: 'needPerson' });
    expect(buildDraft({ ...base, lines: [] })).toEqual({ ok: false, reason: 'needLines' });
    expect(buildDraft({ ...base, lines: setLineQty(lines, 'a', '1.5') })).toEqual({ ok: false, reason: 'fixLines' });
  });

  it('pharmacy: med_type 41, catalog lines without price, passes the contract schema', () => {
    const r = buildDraft({ ...base, mulaidPsnNo: 'A1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft).toEqual({ personRef: 'p1', kind: 'pharmacy', med_type: '41', lines: [{ code: amox.code, qty: '1' }], useAcct: true, mulaidPsnNo: 'A1', his: null, hisFingerprint: null, confirmedUnusual: false });
    expect(calls['settle.preview'].input.safeParse(r.draft).success).toBe(true);
    expect(calls['settle.confirm'].input.safeParse({ ...r.draft, requestId: crypto.randomUUID() }).success).toBe(true);
  });

  it('outpatient: HIS med_type, price overrides and HIS info travel with the draft', () => {
    const his = linesFromHis(hisBill([{ med_list_codg: 'A1', medins_list_codg: '', name: '复方丹参片', pric: '18.80', cnt: 2 }]), (i) => `h${i}`);
    const r = buildDraft({ ...base, kind: 'outpatient', hisMedType: his.med_type, lines: his.lines, his: his.his, hisFingerprint: 'seal' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.med_type).toBe('14');
    expect(r.draft.lines).toEqual([{ code: 'A1', qty: '2', pric: 1880, name: '复方丹参片' }]);
    expect(r.draft.his?.his_bill_no).toBe('H2025001');
    expect(r.draft.hisFingerprint).toBe('seal');
    expect(calls['settle.preview'].input.safeParse(r.draft).success).toBe(true);
    expect(medTypeFor('outpatient', null)).toBe('11');
    expect(medTypeFor('pharmacy', '14')).toBe('41');
  });

  it('the fingerprint follows the content (same content, same requestId)', () => {
    const a = buildDraft(base);
    const b = buildDraft({ ...base, lines: lines.map((l) => ({ ...l })) });
    const c = buildDraft({ ...base, useAcct: false });
    if (!a.ok || !b.ok || !c.ok) throw new Error('draft');
    expect(draftFingerprint(a.draft)).toBe(draftFingerprint(b.draft));
    expect(draftFingerprint(a.draft)).not.toBe(draftFingerprint(c.draft));
  });
});
