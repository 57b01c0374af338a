import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, csvHeader, csvLine, csvText } from '../../../src/main/reconcile/csv.js';
import { DETAIL_COLUMNS } from '../../../src/main/reconcile/detail.js';
import { yuanToFen } from '../../../src/shared/money.js';
import { parseCsv } from './csv-parse.js';

describe('CSV formatting', () => {
  it('has one header row: the Chinese name with the national field name beside it', () => {
    const h = parseCsv(csvHeader())[0];
    expect(h).toHaveLength(DETAIL_COLUMNS.length);
    expect(h[0]).toBe('结算ID(setl_id)');
    expect(h).toContain('个人现金支出(psn_cash_pay)');
    expect(BOM).toBe('\uFEFF');
  });

  it('quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula', () => {
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=1+2')).toBe("'=1+2");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('张*')).toBe('张*');
  });

  it('property: amounts in fen come out as yuan with two decimals and read back exactly', () => {
    const money = DETAIL_COLUMNS.map((c, i) => (c.kind === 'money' ? i : -1)).filter((i) => i >= 0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { minLength: money.length, maxLength: money.length }), fc.string(), (amounts, text) => {
        const values: Array<string | number> = DETAIL_COLUMNS.map(() => text);
        money.forEach((col, k) => (values[col] = amounts[k]));
        const [parsed] = parseCsv(csvLine(values));
        money.forEach((col, k) => {
          expect(parsed[col]).toMatch(/^-?\d+\.\d{2}$/);
          expect(yuanToFen(parsed[col], { allowNegative: true })).toBe(amounts[k]);
        });
        expect(parsed).toHaveLength(DETAIL_COLUMNS.length);
      }),
    );
  });
});
