/**
 * The one rounding rule computed without BigInt where the product fits a double exactly: it must give
 * the BigInt answer for every operand, at the 2^53 boundary too, and formatting must group like the
 * plain rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, mulDivHalfUp } from '../../../src/shared/money.js';

const reference = (a: number, b: number, d: number) => {
  const n = BigInt(a) * BigInt(b);
  const q = n / BigInt(d);
  return Number((n - q * BigInt(d)) * 2n >= BigInt(d) ? q + 1n : q);
};
const referenceYuan = (fen: number) => {
  const abs = Math.abs(fen);
  const int = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${int}.${String(abs % 100).padStart(2, '0')}`;
};

describe('mulDivHalfUp is exact on both paths', () => {
  it('agrees with BigInt arithmetic for amounts × ratios and counts (fast path and beyond)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 20 }), (a, b, d) => {
        const want = reference(a, b, d);
        if (want > Number.MAX_SAFE_INTEGER) expect(() => mulDivHalfUp(a, b, d)).toThrow(/overflow/);
        else expect(mulDivHalfUp(a, b, d)).toBe(want);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds half up exactly at .5 and just around it, and at the edge of exact doubles', () => {
    expect(mulDivHalfUp(5, 1, 10)).toBe(1);
    expect(mulDivHalfUp(4999, 1, 10000)).toBe(0);
    expect(mulDivHalfUp(5000, 1, 10000)).toBe(1);
    const edge = Number.MAX_SAFE_INTEGER; // odd: a × 1 is the largest exact product
    expect(mulDivHalfUp(edge, 1, 2)).toBe(reference(edge, 1, 2));
    expect(mulDivHalfUp(2 ** 27, 2 ** 26 + 1, 3)).toBe(reference(2 ** 27, 2 ** 26 + 1, 3));
  });
});

describe('formatYuan groups thousands like the plain rule', () => {
  it('for any amount in fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (fen) => {
        expect(formatYuan(fen)).toBe(referenceYuan(fen));
      }),
      { numRuns: 20_000 },
    );
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(0)).toBe('0.00');
  });
});
