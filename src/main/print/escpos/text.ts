/**
 * Text for the printer's Chinese mode (FS &): GB18030 through iconv-lite, and how many columns a
 * string takes on the paper. A printer in Chinese mode prints every multi-byte character (GB2312 /
 * GBK two-byte, GB18030 four-byte) in the width of two ASCII cells, so a character's width is read
 * from its encoding: one byte is one column, more is two. The layout measures with the same rule the
 * encoder writes with, so a line can never come out wider than it was measured.
 *
 * ¥ (U+00A5) has no two-byte code: GB18030 gives it four bytes (81 30 84 36), which printers with a
 * GBK font print as "0 6" (node-escpos #332, EscPosEncoder #45). The slip writes the full-width ￥
 * (U+FFE5, A3 A4 in GB2312) instead, which every Chinese printer font has.
 */
import iconv from 'iconv-lite';

export type PrinterEncoding = 'gb18030' | 'gbk';

/** characters replaced before encoding: what a Chinese printer font cannot show as it is */
const FOLD: Record<string, string> = { '\u00a5': '\uffe5', '\t': ' ', '\r': '', '\n': ' ' };

/** the text as it will be printed (folded characters replaced) */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) out += FOLD[ch] ?? (ch < ' ' ? '' : ch);
  return out;
}

const widthCache = new Map<string, number>();

/** columns one character takes in Chinese mode: 1 for a one-byte code, 2 for a multi-byte one */
export function charWidth(ch: string, encoding: PrinterEncoding = 'gb18030'): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return 1;
  const key = encoding === 'gbk' ? `k${ch}` : ch;
  let w = widthCache.get(key);
  if (w === undefined) {
    w = iconv.encode(ch, encoding).length > 1 ? 2 : 1;
    widthCache.set(key, w);
  }
  return w;
}

/** columns a string takes (after folding) */
export function textWidth(text: string, encoding: PrinterEncoding = 'gb18030'): number {
  let w = 0;
  for (const ch of printable(text)) w += charWidth(ch, encoding);
  return w;
}

/** the printer's bytes for a string (folded first); characters the encoding lacks become '?' */
export function encodeText(text: string, encoding: PrinterEncoding = 'gb18030'): Buffer {
  return iconv.encode(printable(text), encoding);
}

export function decodeText(bytes: Uint8Array, encoding: PrinterEncoding = 'gb18030'): string {
  return iconv.decode(Buffer.from(bytes), encoding);
}

/**
 * Split a string into pieces of at most `cols` columns, never inside a character. A piece that
 * would start with a space after a break loses it.
 */
export function wrapText(text: string, cols: number, encoding: PrinterEncoding = 'gb18030'): string[] {
  if (cols < 2) throw new Error(`wrapText: ${cols} columns cannot hold a Chinese character`);
  const out: string[] = [];
  let line = '';
  let w = 0;
  for (const ch of printable(text)) {
    const cw = charWidth(ch, encoding);
    if (w + cw > cols) {
      out.push(line);
      line = '';
      w = 0;
      if (ch === ' ') continue;
    }
    line += ch;
    w += cw;
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/** the string cut to at most `cols` columns (nothing is ever wider than the paper) */
export function clip(text: string, cols: number, encoding: PrinterEncoding = 'gb18030'): string {
  return wrapText(text, Math.max(2, cols), encoding)[0];
}

export function padRight(text: string, cols: number, encoding: PrinterEncoding = 'gb18030'): string {
  return text + ' '.repeat(Math.max(0, cols - textWidth(text, encoding)));
}

export function padLeft(text: string, cols: number, encoding: PrinterEncoding = 'gb18030'): string {
  return ' '.repeat(Math.max(0, cols - textWidth(text, encoding))) + text;
}
