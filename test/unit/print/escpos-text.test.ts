/**
 * The printer's columns: one-byte codes one column, Chinese (two- or four-byte GB18030) two; ¥ folded
 * to the full-width ￥ that every Chinese printer font has; wrapping never cuts a character and no
 * piece is wider than asked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth, clip, decodeText, encodeText, printable, textWidth, wrapText } from '../../../src/main/print/escpos/text.js';

describe('text in the printer’s Chinese mode', () => {
  it('counts a CJK character as two columns and ASCII as one', () => {
    expect(textWidth('医保结算单')).toBe(10);
    expect(textWidth('S5306 12.50')).toBe(11);
    expect(textWidth('头孢 0.25g×6粒')).toBe(4 + 1 + 5 + 2 + 1 + 2);
    expect(charWidth('䶮')).toBe(2); // a GB18030 four-byte character is still two cells
  });

  it('prints ¥ as the full-width ￥ (A3 A4): GB18030’s four-byte ¥ comes out as "0 6" on GBK fonts', () => {
    expect(printable('¥12.00')).toBe('￥12.00');
    expect(encodeText('¥').toString('hex')).toBe('a3a4');
    expect(decodeText(encodeText('现金 ¥3.00'))).toBe('现金 ￥3.00');
    // in GBK mode a character the encoding lacks becomes ?, never a garbled byte pair
    expect(encodeText('\u{20000}', 'gbk').toString()).toBe('?');
  });

  it('round-trips Chinese text through GB18030 exactly', () => {
    const s = '昭通市演示大药房（示例） 陈** 配偶 共济账户支付 12.69 乙类 丙类 甲类 ①';
    expect(decodeText(encodeText(s))).toBe(s);
  });

  it('wraps and clips without ever exceeding the columns or cutting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('药', '品', 'A', '1', ' ', '¥', '（', '·', 'é', '䶮'), maxLength: 120 }), fc.integer({ min: 2, max: 48 }), (s, cols) => {
        const pieces = wrapText(s, cols);
        for (const p of pieces) expect(textWidth(p)).toBeLessThanOrEqual(cols);
        // nothing lost but the spaces a line break swallowed
        expect(pieces.join('').replace(/ /g, '')).toBe(printable(s).replace(/ /g, ''));
        expect(textWidth(clip(s, cols))).toBeLessThanOrEqual(cols);
      }),
    );
  });
});
