/**
 * HID POS bar code scanner driver (usage page 0x8C).
 *
 * Input report layout handled here (the common one):
 *   [reportId]? [len] [data × len] [padding…] [flags]
 * - the optional leading report-id byte is present when the OS delivers numbered reports (config `reportIdPrefix`);
 * - `len` = symbol bytes carried by this report (at most report length − 2);
 * - `flags` = the last byte; bit 0 set = more data of the same symbol follows in the next report.
 * A symbol is complete at the first report whose bit 0 is clear.
 */
import { EventEmitter } from 'node:events';
import { emitDeviceError, listen, messageOf, type DeviceError, type ScanEvent } from '../events.js';
import type { HidSource } from '../hid-handle.js';
import { emitScan } from './scan-text.js';

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_MORE_FLAG = 0x01;

export type ReassemblyEvent = { type: 'symbol'; bytes: Buffer } | { type: 'error'; reason: string };

/** Pure report reassembler: reports in, complete symbols out. Never throws; holds at most `maxSymbolBytes`. */
export class HidPosReassembler {
  private parts: Buffer[] = [];
  private held = 0;

  constructor(
    readonly maxSymbolBytes = 4096,
    readonly reportIdPrefix = false,
  ) {}

  get bufferedBytes(): number {
    return this.held;
  }

  /** true while a symbol is partly received */
  get pending(): boolean {
    return this.held > 0;
  }

  reset(): void {
    this.parts = [];
    this.held = 0;
  }

  push(input: Uint8Array | number[]): ReassemblyEvent | null {
    try {
      let report = Buffer.from(input as Uint8Array);
      if (this.reportIdPrefix) report = report.subarray(1);
      if (report.length < 2) {
        this.reset();
        return { type: 'error', reason: `truncated report (${report.length} bytes)` };
      }
      const len = report[0]!;
      if (len > report.length - 2) {
        this.reset();
        return { type: 'error', reason: `truncated report: announces ${len} data bytes, room for ${report.length - 2}` };
      }
      const more = (report[report.length - 1]! & HID_POS_MORE_FLAG) !== 0;
      if (len === 0 && !more && this.held === 0) return null; // idle report
      if (this.held + len > this.maxSymbolBytes) {
        this.reset();
        return { type: 'error', reason: `symbol longer than ${this.maxSymbolBytes} bytes` };
      }
      if (len > 0) {
        this.parts.push(Buffer.from(report.subarray(1, 1 + len)));
        this.held += len;
      }
      if (more) return null;
      const bytes = Buffer.concat(this.parts);
      this.reset();
      if (bytes.length === 0) return { type: 'error', reason: 'empty symbol' };
      return { type: 'symbol', bytes };
    } catch (e) {
      this.reset();
      return { type: 'error', reason: `reassembler: ${messageOf(e)}` };
    }
  }
}

export interface ScannerEvents {
  scan: [ScanEvent];
  error: [DeviceError];
  close: [];
}

export interface HidPosScannerOptions {
  deviceId: string;
  source: HidSource;
  reportIdPrefix?: boolean;
  maxSymbolBytes?: number;
  /** a symbol whose "more" flag is never cleared is dropped after this long */
  symbolTimeoutMs?: number;
}

export class HidPosScanner extends EventEmitter<ScannerEvents> {
  readonly deviceId: string;
  readonly reassembler: HidPosReassembler;
  private readonly source: HidSource;
  private readonly unlisten: () => void;
  private readonly symbolTimeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly onData = (data: unknown): void => this.onReport(data);
  private readonly onError = (e: unknown): void => {
    emitDeviceError(this, { deviceId: this.deviceId, reason: `hid: ${messageOf(e)}` });
    // node-hid emits 'error' when the device is unplugged; the handle is dead afterwards
    this.close();
  };

  constructor(opts: HidPosScannerOptions) {
    super();
    this.deviceId = opts.deviceId;
    this.source = opts.source;
    this.symbolTimeoutMs = opts.symbolTimeoutMs ?? 1000;
    this.reassembler = new HidPosReassembler(opts.maxSymbolBytes ?? 4096, opts.reportIdPrefix ?? false);
    this.unlisten = listen(this.source, { data: this.onData, error: this.onError });
  }

  /** Stop listening and close the HID handle. Emits 'close' once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimer();
    this.unlisten();
    try {
      const r = this.source.close();
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // already closed or unplugged: nothing to release
    }
    this.emit('close');
  }

  private onReport(data: unknown): void {
    if (this.closed) return;
    if (!(data instanceof Uint8Array) && !Array.isArray(data)) return;
    const ev = this.reassembler.push(data);
    this.clearTimer();
    if (this.reassembler.pending) {
      this.timer = setTimeout(() => {
        this.reassembler.reset();
        emitDeviceError(this, { deviceId: this.deviceId, reason: 'incomplete symbol: the last report never came' });
      }, this.symbolTimeoutMs);
      this.timer.unref?.();
    }
    if (!ev) return;
    if (ev.type === 'error') {
      emitDeviceError(this, { deviceId: this.deviceId, reason: ev.reason });
      return;
    }
    emitScan(this, this.deviceId, ev.bytes);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Split a symbol into HID POS reports of `reportSize` bytes (the layout above), for the virtual scanner and tests. */
export function encodeHidPosReports(symbol: Uint8Array, reportSize = 64): Buffer[] {
  if (reportSize < 3 || reportSize > 257) throw new RangeError('reportSize must be 3..257');
  const room = reportSize - 2;
  const out: Buffer[] = [];
  for (let off = 0; off < symbol.length || out.length === 0; off += room) {
    const chunk = symbol.subarray(off, off + room);
    const r = Buffer.alloc(reportSize);
    r[0] = chunk.length;
    Buffer.from(chunk).copy(r, 1);
    r[reportSize - 1] = off + room < symbol.length ? HID_POS_MORE_FLAG : 0;
    out.push(r);
  }
  return out;
}
