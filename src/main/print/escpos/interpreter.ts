/**
 * ESC/POS bytes read back as a printer would print them: the text lines (GB18030 in Chinese mode),
 * each line's width in columns, alignment, bold and double size, the QR codes, cuts, drawer pulses
 * and status queries, and every byte it does not understand. The tests read the slips through it,
 * and the virtual printer shows the cashier its paper with it: the same module, so what the screen
 * shows is what the bytes say.
 */
import type { Align, CutMode } from './commands.js';
import { charWidth, decodeText, type PrinterEncoding } from './text.js';

export interface PrintedLine {
  text: string;
  /** columns on the paper, double-size characters counted twice */
  columns: number;
  align: Align;
  bold: boolean;
  double: boolean;
}

export interface Decoded {
  lines: PrintedLine[];
  cuts: Array<{ mode: Exclude<CutMode, 'none'>; atLine: number }>;
  drawer: Array<{ pin: 2 | 5; onMs: number; offMs: number; atLine: number }>;
  qr: Array<{ data: string; moduleSize: number; ec: string; atLine: number }>;
  statusQueries: number[];
  /** ESC @ seen */
  initialized: number;
  /** bytes that are no command the terminal sends, or text the printer could not show as meant */
  problems: string[];
}

interface Seg {
  bytes: number[];
  bold: boolean;
  double: boolean;
}

const ALIGNS: Align[] = ['left', 'center', 'right'];

export function interpret(input: Uint8Array, encoding: PrinterEncoding = 'gb18030'): Decoded {
  const b = input;
  const out: Decoded = { lines: [], cuts: [], drawer: [], qr: [], statusQueries: [], initialized: 0, problems: [] };
  let align: Align = 'left';
  let bold = false;
  let double = false;
  let chinese = false;
  let segs: Seg[] = [];
  let lineAlign: Align | null = null;
  let qrStore: { data: string; size: number; ec: string } = { data: '', size: 3, ec: 'L' };

  const seg = (): Seg => {
    const last = segs[segs.length - 1];
    if (last && last.bold === bold && last.double === double) return last;
    const s = { bytes: [], bold, double };
    segs.push(s);
    return s;
  };
  const endLine = () => {
    let text = '';
    let columns = 0;
    for (const s of segs) {
      const t = decodeText(Uint8Array.from(s.bytes), encoding);
      text += t;
      for (const ch of t) columns += charWidth(ch, encoding) * (s.double ? 2 : 1);
    }
    out.lines.push({ text, columns, align: lineAlign ?? align, bold: segs.some((s) => s.bold), double: segs.some((s) => s.double) });
    segs = [];
    lineAlign = null;
  };
  const need = (i: number, n: number, what: string) => {
    if (i + n > b.length) {
      out.problems.push(`${what} cut short at byte ${i}`);
      return false;
    }
    return true;
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x0a) {
      endLine();
      i += 1;
    } else if (c === 0x0d) {
      i += 1;
    } else if (c === 0x1b) {
      const op = b[i + 1];
      if (op === 0x40) {
        out.initialized += 1;
        align = 'left';
        bold = false;
        double = false;
        chinese = false;
        i += 2;
      } else if (op === 0x61 && need(i, 3, 'ESC a')) {
        align = ALIGNS[b[i + 2] % 48] ?? 'left';
        if (segs.length === 0) lineAlign = align;
        i += 3;
      } else if (op === 0x45 && need(i, 3, 'ESC E')) {
        bold = (b[i + 2] & 1) === 1;
        i += 3;
      } else if (op === 0x64 && need(i, 3, 'ESC d')) {
        if (segs.length > 0) endLine();
        i += 3;
      } else if (op === 0x70 && need(i, 5, 'ESC p')) {
        out.drawer.push({ pin: b[i + 2] % 48 === 0 ? 2 : 5, onMs: b[i + 3] * 2, offMs: b[i + 4] * 2, atLine: out.lines.length });
        i += 5;
      } else {
        out.problems.push(`unknown ESC command 0x${(op ?? 0).toString(16)} at byte ${i}`);
        i += 2;
      }
    } else if (c === 0x1d) {
      const op = b[i + 1];
      if (op === 0x21 && need(i, 3, 'GS !')) {
        double = b[i + 2] !== 0;
        i += 3;
      } else if (op === 0x56 && need(i, 3, 'GS V')) {
        const m = b[i + 2];
        if (segs.length > 0) endLine();
        out.cuts.push({ mode: m === 0 || m === 48 || m === 65 ? 'full' : 'partial', atLine: out.lines.length });
        i += m >= 65 ? 4 : 3;
      } else if (op === 0x28 && b[i + 2] === 0x6b && need(i, 5, 'GS ( k')) {
        const len = b[i + 3] | (b[i + 4] << 8);
        if (!need(i, 5 + len, 'GS ( k')) break;
        const body = b.subarray(i + 5, i + 5 + len);
        const fn = body[1];
        if (body[0] !== 0x31) out.problems.push(`GS ( k for symbol 0x${body[0].toString(16)} is not a QR code`);
        else if (fn === 0x43) qrStore.size = body[2];
        else if (fn === 0x45) qrStore.ec = 'LMQH'[body[2] - 48] ?? '?';
        else if (fn === 0x50) qrStore.data = Buffer.from(body.subarray(3)).toString('latin1');
        else if (fn === 0x51) {
          if (!qrStore.data) out.problems.push(`QR printed at byte ${i} without stored data`);
          if (segs.length > 0) endLine();
          out.qr.push({ data: qrStore.data, moduleSize: qrStore.size, ec: qrStore.ec, atLine: out.lines.length });
          qrStore = { data: '', size: qrStore.size, ec: qrStore.ec };
        } else if (fn !== 0x41) out.problems.push(`GS ( k function 0x${fn.toString(16)} is not one the terminal sends`);
        i += 5 + len;
      } else {
        out.problems.push(`unknown GS command 0x${(op ?? 0).toString(16)} at byte ${i}`);
        i += 2;
      }
    } else if (c === 0x1c) {
      const op = b[i + 1];
      if (op === 0x26) {
        chinese = true;
        i += 2;
      } else if (op === 0x2e) {
        chinese = false;
        i += 2;
      } else if (op === 0x21 && need(i, 3, 'FS !')) {
        i += 3; // the Chinese characters' size: follows GS ! in what the terminal sends
      } else {
        out.problems.push(`unknown FS command 0x${(op ?? 0).toString(16)} at byte ${i}`);
        i += 2;
      }
    } else if (c === 0x10 && b[i + 1] === 0x04 && need(i, 3, 'DLE EOT')) {
      out.statusQueries.push(b[i + 2]);
      i += 3;
    } else if (c < 0x20) {
      out.problems.push(`control byte 0x${c.toString(16)} at byte ${i}`);
      i += 1;
    } else if (c < 0x80) {
      seg().bytes.push(c);
      i += 1;
    } else {
      // a GB18030 character: two bytes, or four when the second is a digit
      const n = b[i + 1] >= 0x30 && b[i + 1] <= 0x39 ? 4 : 2;
      if (!chinese) out.problems.push(`multi-byte text at byte ${i} outside Chinese mode (FS &): it prints as garbage`);
      if (!need(i, n, 'a Chinese character')) break;
      seg().bytes.push(...b.subarray(i, i + n));
      i += n;
    }
  }
  if (segs.length > 0) {
    out.problems.push('text after the last line feed is never printed');
    endLine();
  }
  return out;
}

/** One slip per cut: the lines between two cuts (a paper roll, the virtual printer's history). */
export function slipsOf(d: Decoded): PrintedLine[][] {
  const out: PrintedLine[][] = [];
  let from = 0;
  for (const c of d.cuts) {
    out.push(d.lines.slice(from, c.atLine));
    from = c.atLine;
  }
  if (from < d.lines.length) out.push(d.lines.slice(from));
  return out;
}
