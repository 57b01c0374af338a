/**
 * The ESC/POS commands the terminal sends, as a small builder. Only what a settlement slip needs:
 * initialize, Chinese mode, alignment, bold, double size, text and line feeds, the native QR code
 * (GS ( k), cut, the cash-drawer pulse and the real-time status request (DLE EOT). The codes follow
 * Epson's ESC/POS reference; Chinese printers (Xprinter, Gprinter, Sunmi, Epson TM-T82 …) accept
 * the same set with FS & / FS . for their Chinese character mode.
 */
import { encodeText, type PrinterEncoding } from './text.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type CutMode = 'full' | 'partial' | 'none';
/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor */
export type StatusQuery = 1 | 2 | 3 | 4;

const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };

export class EscPosBuilder {
  private readonly parts: Buffer[] = [];
  constructor(private readonly encoding: PrinterEncoding = 'gb18030') {}

  raw(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @ (reset to the power-on settings), then FS & (Chinese character mode) */
  init(): this {
    return this.raw(ESC, 0x40).raw(FS, 0x26);
  }

  align(a: Align): this {
    return this.raw(ESC, 0x61, ALIGN[a]);
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! for one-byte characters and FS ! for Chinese ones: double width and height, or normal */
  size(double: boolean): this {
    return this.raw(GS, 0x21, double ? 0x11 : 0x00).raw(FS, 0x21, double ? 0x0c : 0x00);
  }

  text(s: string): this {
    this.parts.push(encodeText(s, this.encoding));
    return this;
  }

  line(s = ''): this {
    if (s) this.text(s);
    return this.raw(LF);
  }

  /** ESC d n: print and feed n lines */
  feed(n: number): this {
    return this.raw(ESC, 0x64, Math.max(0, Math.min(255, n)));
  }

  /**
   * The printer's own QR code (GS ( k, model 2): the data is stored, then printed; module size 1–16
   * dots, error correction L/M/Q/H. The printer centres it under the current alignment.
   */
  qr(data: string, opts: { moduleSize?: number; ec?: 'L' | 'M' | 'Q' | 'H' } = {}): this {
    const bytes = Buffer.from(data, 'ascii');
    if (bytes.length === 0 || bytes.length > 7089 || /[^\x20-\x7e]/.test(data)) throw new Error('QR data must be 1–7089 printable ASCII characters');
    const size = Math.max(1, Math.min(16, opts.moduleSize ?? 6));
    const ec = { L: 48, M: 49, Q: 50, H: 51 }[opts.ec ?? 'M'];
    const store = bytes.length + 3;
    return this.raw(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0) // model 2
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, size)
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, ec)
      .raw(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30)
      .raw(...bytes)
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30); // print the stored symbol
  }

  /** GS V 65/66 n: feed n lines (past the cutter) and cut fully or partially */
  cut(mode: CutMode, feedLines = 4): this {
    if (mode === 'none') return this.feed(feedLines);
    return this.raw(GS, 0x56, mode === 'full' ? 65 : 66, Math.max(0, Math.min(255, feedLines)));
  }

  /** ESC p m t1 t2: a pulse on drawer pin 2 (m 0) or 5 (m 1), on t1×2 ms, off t2×2 ms */
  drawer(pin: 2 | 5, onMs: number, offMs: number): this {
    const t = (ms: number) => Math.max(1, Math.min(255, Math.round(ms / 2)));
    return this.raw(ESC, 0x70, pin === 2 ? 0 : 1, t(onMs), t(offMs));
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** DLE EOT n: the printer answers one status byte at once, even while it is busy or out of paper */
export function statusRequest(n: StatusQuery): Buffer {
  return Buffer.from([DLE, EOT, n]);
}
