/**
 * USB HID card readers carry the same frames as serial ones, cut into reports. This adapter turns a
 * HID handle into a byte Duplex so the SAME SerialCardReader driver (parser + decoder) reads it.
 *
 * Report layout assumed (vendor-specific in practice; this is the common "length-prefixed" one):
 * - input:  [count] [bytes × count] [padding…]
 * - output: [0x00 report id] [count] [bytes × count] [zero padding to reportSize]
 */
import { Duplex } from 'node:stream';
import { listen, messageOf } from '../events.js';
import type { HidHandle } from '../hid-handle.js';

export class HidReportStream extends Duplex {
  private readonly onData = (report: unknown): void => {
    if (!(report instanceof Uint8Array) && !Array.isArray(report)) return;
    const r = Buffer.from(report as Uint8Array);
    if (r.length === 0) return;
    const n = Math.min(r[0]!, r.length - 1);
    if (n > 0) this.push(Buffer.from(r.subarray(1, 1 + n)));
  };
  private readonly unlisten: () => void;
  private readonly onError = (e: unknown): void => {
    // node-hid reports an unplugged device as an error; the stream is over
    this.destroy(new Error(`hid: ${messageOf(e)}`));
  };

  constructor(
    private readonly hid: HidHandle,
    private readonly reportSize = 64,
  ) {
    super();
    this.unlisten = listen(hid, { data: this.onData, error: this.onError });
  }

  override _read(): void {
    // reports are pushed as they arrive
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    try {
      const room = this.reportSize - 1;
      for (let off = 0; off < chunk.length; off += room) {
        const part = chunk.subarray(off, off + room);
        const report = Buffer.alloc(this.reportSize + 1);
        report[1] = part.length;
        part.copy(report, 2);
        this.hid.write(report);
      }
      cb();
    } catch (e) {
      cb(new Error(`hid write: ${messageOf(e)}`));
    }
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.unlisten();
    try {
      const r = this.hid.close();
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // already gone
    }
    cb(err);
  }
}
