/**
 * A slip document fitted to a thermal printer's columns: 32 on 58 mm paper, 48 on 80 mm (font A,
 * 12×24 dots). Every line is measured with the printer's own rule (escpos/text.ts: one-byte codes one
 * column, Chinese two; double size twice that) and wrapped or moved to the next line so that none is
 * ever wider than the paper: a long name wraps under itself, an amount that does not fit beside its
 * label goes to a line of its own, right-aligned.
 */
import { formatYuan } from '../../../shared/money.js';
import type { Align } from '../escpos/commands.js';
import { padLeft, textWidth, wrapText, type PrinterEncoding } from '../escpos/text.js';
import type { Block, SlipDoc } from './doc.js';

export type PaperLine =
  | { kind: 'text'; text: string; align: Align; bold: boolean; double: boolean }
  | { kind: 'qr'; data: string };

export const COLUMNS = { 58: 32, 80: 48 } as const;
export type PaperWidth = keyof typeof COLUMNS;

const text = (t: string, o: Partial<{ align: Align; bold: boolean; double: boolean }> = {}): PaperLine => ({
  kind: 'text',
  text: t,
  align: o.align ?? 'left',
  bold: o.bold ?? false,
  double: o.double ?? false,
});

export const amountText = (fen: number, negative = false): string => `${negative && fen > 0 ? '-' : ''}${formatYuan(fen)}`;

export function fitToColumns(doc: SlipDoc, cols: number, enc: PrinterEncoding = 'gb18030'): PaperLine[] {
  const out: PaperLine[] = [];
  const w = (s: string) => textWidth(s, enc);
  const wrap = (s: string, n: number) => wrapText(s, n, enc);

  /** left text and right text on one line when both fit with a space between, else left wrapped and right on its own line */
  function pair(left: string, right: string, bold: boolean, indent = 0) {
    const pad = ' '.repeat(indent);
    if (indent + w(left) + 1 + w(right) <= cols) {
      out.push(text(pad + left + ' '.repeat(cols - indent - w(left) - w(right)) + right, { bold }));
      return;
    }
    const lines = wrap(left, cols - indent);
    const last = lines[lines.length - 1];
    for (const l of lines.slice(0, -1)) out.push(text(pad + l, { bold }));
    if (indent + w(last) + 1 + w(right) <= cols) out.push(text(pad + last + ' '.repeat(cols - indent - w(last) - w(right)) + right, { bold }));
    else {
      out.push(text(pad + last, { bold }));
      for (const r of wrap(right, cols)) out.push(text(padLeft(r, cols, enc), { bold }));
    }
  }

  function field(label: string, value: string) {
    const head = `${label}：`;
    const hw = w(head);
    // a label wider than half the paper gets its value on the lines below, indented
    if (hw > cols / 2) {
      out.push(...wrap(head, cols).map((l) => text(l)));
      for (const l of wrap(value, cols - 2)) out.push(text(`  ${l}`));
      return;
    }
    // a value that fits on a line of its own (a 26-character setl_id on 58 mm paper) is not broken
    if (hw + w(value) > cols && w(value) <= cols - 2) {
      out.push(text(head), text(`  ${value}`));
      return;
    }
    const lines = value === '' ? [''] : wrap(value, cols - hw);
    out.push(text(head + lines[0]));
    for (const l of lines.slice(1)) out.push(text(' '.repeat(hw) + l));
  }

  function block(b: Block) {
    switch (b.kind) {
      case 'title':
        for (const l of wrap(b.text, Math.floor(cols / 2))) out.push(text(l, { align: 'center', bold: true, double: true }));
        return;
      case 'center':
        for (const l of wrap(b.text, cols)) out.push(text(l, { align: 'center', bold: b.bold ?? false }));
        return;
      case 'notice':
        for (const l of wrap(`【${b.text}】`, cols)) out.push(text(l, { align: 'center', bold: true }));
        return;
      case 'field':
        return field(b.label, b.value);
      case 'amount':
        return pair(b.label, amountText(b.fen, b.negative), b.strong ?? false);
      case 'heading':
        for (const l of wrap(b.text, cols)) out.push(text(l, { bold: true }));
        return;
      case 'rule':
        out.push(text((b.heavy ? '=' : '-').repeat(cols)));
        return;
      case 'item': {
        const name = `${b.cls} ${b.name}${b.spec ? ` ${b.spec}` : ''}`;
        const qty = `${b.qty}×${formatYuan(b.price)}`;
        const amount = formatYuan(b.amount);
        // one line on wide paper when everything fits, else the name (wrapped) and a line for quantity and amount
        if (w(name) + 1 + w(qty) + 1 + w(amount) <= cols) {
          const gap = cols - w(name) - w(qty) - w(amount);
          const left = Math.max(1, gap - 1);
          out.push(text(name + ' '.repeat(left) + qty + ' '.repeat(gap - left) + amount));
          return;
        }
        for (const l of wrap(name, cols)) out.push(text(l));
        pair(qty, amount, false, 2);
        return;
      }
      case 'text':
        for (const l of wrap(b.text, cols)) out.push(text(l));
        return;
      case 'qr':
        out.push({ kind: 'qr', data: b.data });
        for (const l of wrap(b.caption, cols)) out.push(text(l, { align: 'center' }));
        return;
    }
  }

  for (const b of doc.blocks) block(b);
  return out;
}

/** a paper line's width in columns (double size counts twice) */
export function lineColumns(l: PaperLine, enc: PrinterEncoding = 'gb18030'): number {
  return l.kind === 'qr' ? 0 : textWidth(l.text, enc) * (l.double ? 2 : 1);
}
