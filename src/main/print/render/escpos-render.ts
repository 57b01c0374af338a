/**
 * A slip's paper lines as ESC/POS bytes: initialize and Chinese mode, each line with its alignment,
 * bold and size, the QR code with the printer's own command, feed and cut. A drawer pulse is a job
 * of its own (queue/), so it opens when the cash is taken, not when the center has answered.
 */
import { EscPosBuilder, type CutMode } from '../escpos/commands.js';
import type { PrinterEncoding } from '../escpos/text.js';
import type { PaperLine } from '../layout/columns.js';

export interface EscPosOptions {
  encoding: PrinterEncoding;
  cut: CutMode;
  /** QR module size in dots (58 mm paper: 5, 80 mm: 6 fit a 36-character id comfortably) */
  qrModule: number;
}

export function renderEscPos(lines: readonly PaperLine[], o: EscPosOptions): Buffer {
  const p = new EscPosBuilder(o.encoding).init();
  let align: string | null = null;
  let bold = false;
  let double = false;
  for (const l of lines) {
    const want = l.kind === 'qr' ? 'center' : l.align;
    if (want !== align) {
      p.align(want);
      align = want;
    }
    if (l.kind === 'qr') {
      p.qr(l.data, { moduleSize: o.qrModule, ec: 'M' }).line();
      continue;
    }
    if (l.bold !== bold) p.bold((bold = l.bold));
    if (l.double !== double) p.size((double = l.double));
    p.line(l.text);
  }
  if (bold) p.bold(false);
  if (double) p.size(false);
  return p.cut(o.cut).bytes();
}

/** the bytes of a drawer pulse (ESC p) and nothing else */
export function renderDrawerKick(pin: 2 | 5, onMs: number, offMs: number): Buffer {
  return new EscPosBuilder().raw(0x1b, 0x40).drawer(pin, onMs, offMs).bytes();
}
