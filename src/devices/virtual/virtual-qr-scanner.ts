/**
 * A HID POS QR scanner that exists only in software: a fake HID source (the node-hid subset the
 * driver uses) feeding the SAME HidPosScanner driver. `present(text)` splits the text into reports.
 */
import { EventEmitter } from 'node:events';
import type { HidSource } from '../hid-handle.js';
import { HidPosScanner, encodeHidPosReports } from '../qr/hid-pos-scanner.js';

/** Fake node-hid device: emits 'data' reports, 'error' on unplug; close() is recorded. */
export class FakeHidSource extends EventEmitter implements HidSource {
  closed = false;

  /** deliver one input report; ignored after close, like a real handle */
  feed(report: Uint8Array): boolean {
    if (this.closed) return false;
    this.emit('data', Buffer.from(report));
    return true;
  }

  /** what node-hid does when the device is pulled out */
  unplug(reason = 'could not read from HID device'): void {
    if (this.closed) return;
    this.emit('error', new Error(reason));
  }

  close(): void {
    this.closed = true;
  }
}

export interface VirtualQrScannerOptions {
  deviceId?: string;
  reportSize?: number;
}

export class VirtualQrScanner {
  readonly deviceId: string;
  readonly reportSize: number;
  readonly source = new FakeHidSource();
  /** the real driver reading the fake source */
  readonly scanner: HidPosScanner;

  constructor(opts: VirtualQrScannerOptions = {}) {
    this.deviceId = opts.deviceId ?? 'virtual-qr';
    this.reportSize = opts.reportSize ?? 64;
    this.scanner = new HidPosScanner({ deviceId: this.deviceId, source: this.source });
  }

  get isOpen(): boolean {
    return !this.source.closed;
  }

  /** Scan `text` (UTF-8) as HID POS reports. False when closed. */
  present(text: string): boolean {
    if (this.source.closed) return false;
    for (const r of encodeHidPosReports(Buffer.from(text, 'utf8'), this.reportSize)) this.source.feed(r);
    return true;
  }

  /** Deliver one raw report (truncated reports, bad flags…). False when closed. */
  injectReport(report: Uint8Array): boolean {
    return this.source.feed(report);
  }

  close(): void {
    this.scanner.close();
  }
}
