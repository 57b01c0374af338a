/**
 * REFERENCE ONLY (tests): the first, simple version of CardFrameParser (a Buffer.concat and subarray
 * per frame), kept to check that the optimized parser emits exactly the same events.
 *
 * Bytes in, frames out: a Transform in the style of @serialport/parser-*. It never throws on garbage:
 * noise before STX is skipped, a bad frame becomes an error object and the parser resyncs at the next
 * STX. The buffer never holds more than one maximal frame between writes.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { frameChecksum } from '../../../src/devices/card/frame-codec.js';
// the same event and option types as the parser it checks: only the implementation is a reference
import type { FrameEvent, FrameParserOptions } from '../../../src/devices/card/frame-parser.js';

export class ReferenceFrameParser extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  private readonly opts: Required<FrameParserOptions>;
  /** STX + length + maximal payload + checksum + ETX: the most the parser keeps between writes */
  readonly maxFrameBytes: number;
  /** bytes skipped while hunting for STX (diagnostics) */
  discardedBytes = 0;

  constructor(profile: FrameParserOptions) {
    super({ readableObjectMode: true });
    const maxPayload = Math.min(profile.maxPayload ?? 1024, profile.lengthBytes === 1 ? 0xff : 0xffff);
    this.opts = { ...profile, maxPayload };
    this.maxFrameBytes = 1 + profile.lengthBytes + maxPayload + (profile.checksum === 'none' ? 0 : 1) + 1;
  }

  /** bytes currently held (a partial frame) */
  get bufferedBytes(): number {
    return this.buf.length;
  }

  /** drop a partial frame, e.g. after the port reopened */
  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  override _transform(chunk: unknown, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      const bytes = Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
      if (bytes && bytes.length > 0) {
        this.buf = this.buf.length === 0 ? bytes : Buffer.concat([this.buf, bytes]);
        this.drain();
        // keep a small private copy, not a view that pins a large chunk
        this.buf = Buffer.from(this.buf);
      }
    } catch (e) {
      this.buf = Buffer.alloc(0);
      this.push({ type: 'error', code: 'internal', reason: `frame parser: ${(e as Error).message}` } satisfies FrameEvent);
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.buf.length > 0) {
      this.push({ type: 'error', code: 'truncated', reason: `stream ended inside a frame (${this.buf.length} bytes)` } satisfies FrameEvent);
      this.buf = Buffer.alloc(0);
    }
    cb();
  }

  private emitEvent(ev: FrameEvent): void {
    this.push(ev);
  }

  /** offset of the first complete, valid frame starting at or after `from`, or -1 */
  private findCompleteFrameAfter(from: number): number {
    const { stx, etx, lengthBytes, checksum, maxPayload } = this.opts;
    const ckLen = checksum === 'none' ? 0 : 1;
    const header = 1 + lengthBytes;
    for (let i = this.buf.indexOf(stx, from); i >= 0; i = this.buf.indexOf(stx, i + 1)) {
      if (this.buf.length - i < header) return -1;
      const len = lengthBytes === 1 ? this.buf[i + 1]! : this.buf.readUInt16BE(i + 1);
      if (len > maxPayload) continue;
      const total = header + len + ckLen + 1;
      if (this.buf.length - i < total || this.buf[i + total - 1] !== etx) continue;
      if (ckLen === 1 && frameChecksum(checksum, this.buf.subarray(i + 1, i + header + len)) !== this.buf[i + header + len]) continue;
      return i;
    }
    return -1;
  }

  private drain(): void {
    const { stx, etx, lengthBytes, checksum, maxPayload } = this.opts;
    const ckLen = checksum === 'none' ? 0 : 1;
    const header = 1 + lengthBytes;
    for (;;) {
      const s = this.buf.indexOf(stx);
      if (s < 0) {
        this.discardedBytes += this.buf.length;
        this.buf = Buffer.alloc(0);
        return;
      }
      if (s > 0) {
        this.discardedBytes += s;
        this.buf = this.buf.subarray(s);
      }
      if (this.buf.length < header) return;
      const len = lengthBytes === 1 ? this.buf[1]! : this.buf.readUInt16BE(1);
      if (len > maxPayload) {
        this.emitEvent({ type: 'error', code: 'overlong', reason: `frame announces ${len} bytes, more than ${maxPayload}` });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = header + len + ckLen + 1;
      if (this.buf.length < total) {
        // A corrupted length would hold good frames hostage until enough bytes arrive (a reader that
        // speaks only when asked may never send them). If a complete valid frame already sits behind
        // this STX, the partial one is garbage: drop it and go on.
        const later = this.findCompleteFrameAfter(1);
        if (later < 0) return;
        this.emitEvent({ type: 'error', code: 'missing_etx', reason: `frame cut short (${this.buf.length} of ${total} bytes) by the next frame` });
        this.buf = this.buf.subarray(later);
        continue;
      }
      if (this.buf[total - 1] !== etx) {
        this.emitEvent({ type: 'error', code: 'missing_etx', reason: `no ETX after ${len}-byte payload` });
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (ckLen === 1) {
        const want = frameChecksum(checksum, this.buf.subarray(1, header + len));
        const got = this.buf[header + len]!;
        if (want !== got) {
          this.emitEvent({ type: 'error', code: 'bad_checksum', reason: `bad ${checksum} checksum: got 0x${hex(got)}, want 0x${hex(want)}` });
          this.buf = this.buf.subarray(total);
          continue;
        }
      }
      this.emitEvent({ type: 'frame', payload: Buffer.from(this.buf.subarray(header, header + len)) });
      this.buf = this.buf.subarray(total);
    }
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
