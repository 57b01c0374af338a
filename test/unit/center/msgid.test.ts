import { describe, expect, it } from 'vitest';
import { formatMsgid, isValidMsgid, parseMsgid } from '../../../src/main/center/msgid.js';
import { formatInfTime, formatMillisTime } from '../../../src/main/center/time.js';

describe('msgid', () => {
  it('is the institution code, China time and a 4-digit sequence: 30 characters', () => {
    const id = formatMsgid('H53060200001', new Date('2026-11-26T16:05:09Z'), 7);
    expect(id).toBe('H53060200001202611270005090007');
    expect(id).toHaveLength(30);
    expect(isValidMsgid(id)).toBe(true);
    expect(parseMsgid(id)).toEqual({ fixmedins_code: 'H53060200001', time: '20261127000509', seq: 7 });
  });

  it('refuses bad parts', () => {
    expect(() => formatMsgid('H5306', new Date(), 1)).toThrow(/12/);
    expect(() => formatMsgid('H53060200001', new Date(), 10000)).toThrow();
    expect(() => formatMsgid('H53060200001', new Date(), -1)).toThrow();
  });

  it('validator rejects wrong length and impossible times', () => {
    expect(isValidMsgid('H530602000012026112700050900')).toBe(false);
    expect(isValidMsgid('H53060200001202602300005090007')).toBe(false); // 30 February
    expect(isValidMsgid('H53060200001202611272505090007')).toBe(false); // hour 25
    expect(isValidMsgid(12345)).toBe(false);
  });
});

describe('wire times', () => {
  it('are Beijing time whatever the machine zone', () => {
    const d = new Date('2026-12-31T16:30:00.045Z');
    expect(formatInfTime(d)).toBe('2027-01-01 00:30:00');
    expect(formatMillisTime(d)).toBe('20270101003000045');
  });
});
