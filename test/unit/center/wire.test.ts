import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ratioToBp, wireBp, wireFen, wireFenOrNull, wireQty } from '../../../src/main/center/wire.js';

const req = z.object({ a: wireFen() });
const opt = z.object({ a: wireFen({ optional: true }) });
const signed = z.object({ a: wireFen({ signed: true }) });

describe('wire amounts (decimal yuan <-> fen)', () => {
  it('decodes numbers and strings exactly', () => {
    expect(req.parse({ a: 12.3 }).a).toBe(1230);
    expect(req.parse({ a: '12.30' }).a).toBe(1230);
    expect(req.parse({ a: ' 0.01 ' }).a).toBe(1);
    expect(req.parse({ a: 0.1 }).a).toBe(10);
    expect(req.parse({ a: 1234567.89 }).a).toBe(123456789);
    expect(req.parse({ a: '7' }).a).toBe(700);
  });

  it('refuses a third decimal place', () => {
    const r = req.safeParse({ a: '1.005' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['a']);
    expect(req.safeParse({ a: 1.005 }).success).toBe(false);
  });

  it('empty is 0 only where the field is optional', () => {
    expect(opt.parse({ a: '' }).a).toBe(0);
    expect(opt.parse({ a: null }).a).toBe(0);
    expect(opt.parse({}).a).toBe(0);
    expect(req.safeParse({ a: '' }).success).toBe(false);
    expect(req.safeParse({}).success).toBe(false);
  });

  it('refuses negatives, exponents and junk unless signed', () => {
    expect(req.safeParse({ a: '-1.00' }).success).toBe(false);
    expect(signed.parse({ a: '-1.50' }).a).toBe(-150);
    expect(req.safeParse({ a: '1e3' }).success).toBe(false);
    expect(req.safeParse({ a: 'abc' }).success).toBe(false);
    expect(req.safeParse({ a: true }).success).toBe(false);
    expect(req.safeParse({ a: Number.NaN }).success).toBe(false);
  });

  it('encodes fen back to the decimal the wire carries', () => {
    expect(z.encode(req, { a: 1230 })).toEqual({ a: 12.3 });
    expect(z.encode(req, { a: 5 })).toEqual({ a: 0.05 });
    expect(z.encode(signed, { a: -150 })).toEqual({ a: -1.5 });
  });

  it('round-trips every amount exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_99 }), (fen) => {
        const wire = z.encode(req, { a: fen });
        const text = JSON.parse(JSON.stringify(wire));
        expect(req.parse(text).a).toBe(fen);
      }),
    );
  });

  it('an amount where empty means none decodes to null', () => {
    const s = z.object({ cap: wireFenOrNull() });
    expect(s.parse({ cap: '' }).cap).toBeNull();
    expect(s.parse({}).cap).toBeNull();
    expect(s.parse({ cap: '26.00' }).cap).toBe(2600);
    expect(z.encode(s, { cap: null })).toEqual({ cap: null });
  });
});

describe('wire ratios and quantities', () => {
  it('decimal fractions become basis points exactly', () => {
    expect(ratioToBp('0.1')).toBe(1000);
    expect(ratioToBp(0.05)).toBe(500);
    expect(ratioToBp('1')).toBe(10000);
    expect(ratioToBp('0.1234')).toBe(1234);
    expect(() => ratioToBp('0.12345')).toThrow();
    expect(() => ratioToBp('1.5')).toThrow();
    const s = z.object({ r: wireBp() });
    expect(s.parse({ r: '' }).r).toBe(0);
    expect(z.encode(s, { r: 1000 })).toEqual({ r: 0.1 });
  });

  it('quantities keep up to four places as text', () => {
    const s = z.object({ cnt: wireQty() });
    expect(s.parse({ cnt: 1.5 }).cnt).toBe('1.5');
    expect(s.parse({ cnt: '2.0000' }).cnt).toBe('2');
    expect(s.safeParse({ cnt: '0' }).success).toBe(false);
    expect(s.safeParse({ cnt: '1.23456' }).success).toBe(false);
    expect(z.encode(s, { cnt: '1.25' })).toEqual({ cnt: 1.25 });
  });
});
