/**
 * Serial QR scanner driver: lines ended by CR, LF or CRLF (configured) become 'scan' events.
 * A line longer than `maxLineBytes` is dropped with an error; the buffer never grows past it.
 */
import type { Duplex } from 'node:stream';
import { PortDriver } from '../port-driver.js';
import type { ScannerEvents } from './hid-pos-scanner.js';
import { emitScan } from './scan-text.js';

export type LineTerminator = 'CR' | 'LF' | 'CRLF';

const TERMINATOR_BYTES: Record<LineTerminator, Buffer> = {
  CR: Buffer.from([0x0d]),
  LF: Buffer.from([0x0a]),
  CRLF: Buffer.from([0x0d, 0x0a]),
};

/** Pure line splitter; never throws, holds at most `maxLineBytes` (+ a partial terminator). */
export class LineSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private overflowing = false;
  private readonly term: Buffer;

  constructor(
    terminator: LineTerminator,
    readonly maxLineBytes = 4096,
  ) {
    this.term = TERMINATOR_BYTES[terminator];
  }

  get bufferedBytes(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): Array<{ type: 'line'; bytes: Buffer } | { type: 'error'; reason: string }> {
    const out: Array<{ type: 'line'; bytes: Buffer } | { type: 'error'; reason: string }> = [];
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const i = this.buf.indexOf(this.term);
      if (i < 0) break;
      const line = this.buf.subarray(0, i);
      this.buf = this.buf.subarray(i + this.term.length);
      if (this.overflowing) {
        this.overflowing = false; // the rest of an overlong line
        continue;
      }
      // a scanner sending CRLF to a port configured for CR leaves a stray LF: ignore blank lines
      if (line.every((b) => b === 0x0d || b === 0x0a)) continue;
      out.push({ type: 'line', bytes: Buffer.from(line) });
    }
    if (this.buf.length > this.maxLineBytes) {
      if (!this.overflowing) out.push({ type: 'error', reason: `line longer than ${this.maxLineBytes} bytes` });
      this.overflowing = true;
      // keep only what could be the start of a terminator
      this.buf = Buffer.from(this.buf.subarray(this.buf.length - (this.term.length - 1)));
    } else {
      this.buf = Buffer.from(this.buf);
    }
    return out;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
    this.overflowing = false;
  }
}

export interface SerialQrScannerOptions {
  deviceId: string;
  port: Duplex;
  terminator: LineTerminator;
  maxLineBytes?: number;
}

export class SerialQrScanner extends PortDriver<ScannerEvents> {
  readonly splitter: LineSplitter;

  constructor(opts: SerialQrScannerOptions) {
    super(opts.deviceId, opts.port);
    this.splitter = new LineSplitter(opts.terminator, opts.maxLineBytes ?? 4096);
  }

  protected receive(chunk: Uint8Array): void {
    for (const ev of this.splitter.push(chunk)) {
      if (ev.type === 'error') this.fail(ev.reason);
      else emitScan(this, this.deviceId, ev.bytes);
    }
  }

  protected resetFraming(): void {
    this.splitter.reset();
  }
}
