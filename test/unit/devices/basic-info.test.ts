import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  basicInfoString,
  decodeBasicInfo,
  decodeBasicInfoString,
  encodeBasicInfo,
  type BasicInfoFields,
} from '../../../src/devices/card/basic-info.js';
import { idCheckDigit, idNumberProblem, isValidIdNumber, isValidYmd, makeIdNumber } from '../../../src/devices/card/id-number.js';
import { demoCardFields } from '../../../src/devices/virtual/demo-card.js';

const today = '2025-06-01';
const certno = makeIdNumber('530602', '19800101', 123);
const good: BasicInfoFields = demoCardFields({ certno, psn_name: '张三丰' });

function withField(k: keyof BasicInfoFields, v: string): Buffer {
  return iconv.encode(basicInfoString({ ...good, [k]: v }), 'gbk');
}

describe('ID number check digit (ISO 7064 MOD 11-2)', () => {
  it('matches the published GB 11643 example 11010519491231002X', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
  it('makeIdNumber builds valid numbers; problems are named', () => {
    for (let i = 0; i < 50; i++) expect(isValidIdNumber(makeIdNumber('530602', '19900228', i))).toBe(true);
    expect(idNumberProblem('5306021990022')).toMatch(/17 digits/);
    expect(idNumberProblem(makeIdNumber('530602', '19900230', 1))).toMatch(/birth date/);
    expect(() => idCheckDigit('123')).toThrow(RangeError);
  });
  it('isValidYmd knows leap years', () => {
    expect(isValidYmd('20240229')).toBe(true);
    expect(isValidYmd('20250229')).toBe(false);
    expect(isValidYmd('20251301')).toBe(false);
  });
});

describe('decodeBasicInfo', () => {
  it('decodes a GBK payload into an Identity', () => {
    const payload = encodeBasicInfo(good);
    expect(payload.includes(iconv.encode('张三丰', 'gbk'))).toBe(true);
    const r = decodeBasicInfo(payload, { today, deviceId: 'r1' });
    expect(r).toEqual({
      ok: true,
      fields: good,
      identity: {
        source: 'card',
        mdtrt_cert_type: '03',
        mdtrt_cert_no: good.card_no,
        card_sn: good.card_sn,
        certno,
        psn_name: '张三丰',
        insuplc_admdvs: '530602',
        deviceId: 'r1',
      },
    });
  });

  it('accepts trailing NUL padding, padded names and today as yyyymmdd', () => {
    const payload = Buffer.concat([withField('psn_name', ' 张三丰  '), Buffer.alloc(16)]);
    const r = decodeBasicInfo(payload, { today: '20250601' });
    expect(r.ok && r.identity.psn_name).toBe('张三丰');
    expect(r.ok && r.identity.deviceId).toBe(undefined);
  });

  it('expiry on today is still valid; the day before is expired', () => {
    expect(decodeBasicInfo(withField('expiry_date', '20250601'), { today }).ok).toBe(true);
    expect(decodeBasicInfo(withField('expiry_date', '20250531'), { today })).toMatchObject({ ok: false, field: 'expiry_date' });
  });

  const cases: Array<[keyof BasicInfoFields | 'payload', Buffer, RegExp]> = [
    ['certno', withField('certno', certno.slice(0, 17) + (certno[17] === '1' ? '2' : '1')), /check digit/],
    ['certno', withField('certno', '53060219800101'), /17 digits/],
    ['division', withField('division', '53060A'), /6 digits/],
    ['card_no', withField('card_no', 'A123'), /9 letters/],
    ['card_sn', withField('card_sn', good.card_sn.slice(0, 31)), /32/],
    ['card_sn', withField('card_sn', '110105' + good.card_sn.slice(6)), /division/],
    ['psn_name', withField('psn_name', ''), /empty/],
    ['issue_date', withField('issue_date', '20250230'), /yyyymmdd/],
    ['expiry_date', withField('expiry_date', '2030'), /yyyymmdd/],
    ['expiry_date', withField('issue_date', '20310101'), /before the issue date/],
    ['payload', iconv.encode('530602|' + certno + '|', 'gbk'), /expected 11/],
    ['payload', Buffer.alloc(0), /empty/],
  ];
  it.each(cases)('names the bad field %s', (field, payload, reason) => {
    const r = decodeBasicInfo(payload, { today });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.reason).toMatch(reason);
    }
  });

  it('invalid GBK bytes in the name are refused naming psn_name', () => {
    const text = basicInfoString({ ...good, psn_name: 'NAME' });
    const bytes = iconv.encode(text, 'gbk');
    const at = bytes.indexOf(Buffer.from('NAME'));
    bytes[at] = 0x81; // a GBK lead byte followed by a space-like invalid trail
    bytes[at + 1] = 0x20;
    const r = decodeBasicInfo(bytes, { today });
    expect(r).toMatchObject({ ok: false, field: 'psn_name', reason: 'invalid GBK bytes' });
  });

  it('control characters are refused', () => {
    expect(decodeBasicInfo(withField('psn_name', '张\u0007三'), { today })).toMatchObject({ ok: false, field: 'psn_name' });
  });

  it('a bad caller date is reported, not thrown', () => {
    expect(decodeBasicInfo(encodeBasicInfo(good), { today: 'tomorrow' })).toMatchObject({ ok: false, field: 'payload' });
  });

  it('decodeBasicInfoString takes the string a card service returns; lower-case x is normalised', () => {
    expect(decodeBasicInfoString(basicInfoString(good), { today }).ok).toBe(true);
    const withX = Array.from({ length: 1000 }, (_, i) => makeIdNumber('530602', '19800101', i)).find((id) => id.endsWith('X'))!;
    const lower = withX.slice(0, 17) + 'x';
    const r = decodeBasicInfoString(basicInfoString({ ...good, certno: lower }), { today });
    expect(r).toMatchObject({ ok: true, identity: { certno: withX } });
  });
});

describe('encodeBasicInfo', () => {
  it('ends with | and refuses | inside a field or characters GBK lacks', () => {
    expect(iconv.decode(encodeBasicInfo(good), 'gbk').endsWith('|')).toBe(true);
    expect(() => encodeBasicInfo({ ...good, psn_name: 'a|b' })).toThrow(RangeError);
    expect(() => encodeBasicInfo({ ...good, psn_name: '😀' })).toThrow(RangeError);
  });
});
