/**
 * Bytes in, frames out: a Transform in the style of @serialport/parser-*. It never throws on garbage:
 * noise before STX is skipped, a bad frame becomes an error object and the parser resyncs at the next
 * STX. The buffer never holds more than one maximal frame between writes.
 *
 * `feed(chunk, emit)` is the same parser without the stream machinery (the card driver's path: an
 * object-mode push per frame costs more than parsing the frame). Both walk the bytes by offset, so a
 * chunk is scanned once and only the payloads and an unfinished frame are copied.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { FrameProfile } from '../config.js';
import { frameChecksumAt, type FrameShape } from './frame-codec.js';

export type FrameErrorCode = 'overlong' | 'bad_checksum' | 'missing_etx' | 'truncated' | 'internal';

export type FrameEvent =
  /** `payload` may be a view of the chunk written: copy it to keep it beyond the event if the writer reuses its buffers */
  | { type: 'frame'; payload: Buffer }
  | { type: 'error'; code: FrameErrorCode; reason: string };

export type FrameParserOptions = FrameShape & Partial<Pick<FrameProfile, 'maxPayload'>>;

export class CardFrameParser extends Transform {
  /** an unfinished frame is kept at acc[0, accLen); the next chunk is appended behind it */
  private acc: Buffer;
  private accLen = 0;
  private readonly opts: Required<FrameParserOptions>;
  private readonly header: number;
  private readonly ckLen: number;
  /** STX + length + maximal payload + checksum + ETX: the most the parser keeps between writes */
  readonly maxFrameBytes: number;
  /** bytes skipped while hunting for STX (diagnostics) */
  discardedBytes = 0;
  private readonly pushEvent = (ev: FrameEvent): void => {
    this.push(ev);
  };

  constructor(profile: FrameParserOptions) {
    super({ readableObjectMode: true });
    const maxPayload = Math.min(profile.maxPayload ?? 1024, profile.lengthBytes === 1 ? 0xff : 0xffff);
    this.opts = { ...profile, maxPayload };
    this.header = 1 + profile.lengthBytes;
    this.ckLen = profile.checksum === 'none' ? 0 : 1;
    this.maxFrameBytes = this.header + maxPayload + this.ckLen + 1;
    this.acc = Buffer.allocUnsafe(2 * this.maxFrameBytes + ACC_SLACK);
  }

  /** bytes currently held (a partial frame) */
  get bufferedBytes(): number {
    return this.accLen;
  }

  /** drop a partial frame, e.g. after the port reopened */
  reset(): void {
    this.accLen = 0;
  }

  /** Parse a chunk, calling `emit` for every frame or error in order, synchronously. Never throws. */
  feed(chunk: Uint8Array, emit: (ev: FrameEvent) => void): void {
    if (chunk.length === 0) return;
    try {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let from = 0;
      if (this.accLen > 0) {
        // append behind the unfinished frame, in place (no allocation); a large chunk only up to the
        // buffer's room, which always settles the kept frame, then the rest is scanned where it lies
        const take = Math.min(bytes.length, this.acc.length - this.accLen);
        bytes.copy(this.acc, this.accLen, 0, take);
        const win = this.accLen + take;
        const r = this.scan(this.acc.subarray(0, win), emit, 0);
        if (take === bytes.length) {
          this.keep(this.acc, r, win);
          return;
        }
        if (r < this.accLen) {
          // cannot happen (the room exceeds a maximal frame); stay correct anyway
          const joined = Buffer.concat([this.acc.subarray(r, win), bytes.subarray(take)]);
          this.accLen = 0;
          this.keep(joined, this.scan(joined, emit, 0), joined.length);
          return;
        }
        from = r - this.accLen;
        this.accLen = 0;
      }
      this.keep(bytes, this.scan(bytes, emit, from), bytes.length);
    } catch (e) {
      this.accLen = 0;
      emit({ type: 'error', code: 'internal', reason: `frame parser: ${(e as Error).message}` });
    }
  }

  /** keep buf[from, end) (an unfinished frame, at most one maximal frame) as a private copy */
  private keep(buf: Buffer, from: number, end: number): void {
    const n = end - from;
    if (n > 0) {
      if (buf === this.acc) this.acc.copyWithin(0, from, end);
      else buf.copy(this.acc, 0, from, end);
    }
    this.accLen = n;
  }

  override _transform(chunk: unknown, _enc: BufferEncoding, cb: TransformCallback): void {
    if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) this.feed(chunk, this.pushEvent);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.accLen > 0) {
      this.push({ type: 'error', code: 'truncated', reason: `stream ended inside a frame (${this.accLen} bytes)` } satisfies FrameEvent);
      this.accLen = 0;
    }
    cb();
  }

  /** offset of the first complete, valid frame starting at or after `from`, or -1 */
  private findCompleteFrameAfter(buf: Buffer, from: number): number {
    const { stx, etx, lengthBytes, checksum, maxPayload } = this.opts;
    const { header, ckLen } = this;
    for (let i = buf.indexOf(stx, from); i >= 0; i = buf.indexOf(stx, i + 1)) {
      if (buf.length - i < header) return -1;
      const len = lengthBytes === 1 ? buf[i + 1]! : (buf[i + 1]! << 8) | buf[i + 2]!;
      if (len > maxPayload) continue;
      const total = header + len + ckLen + 1;
      if (buf.length - i < total || buf[i + total - 1] !== etx) continue;
      if (ckLen === 1 && frameChecksumAt(checksum, buf, i + 1, i + header + len) !== buf[i + header + len]) continue;
      return i;
    }
    return -1;
  }

  /** emit every frame / error in `buf`; returns the offset of the first byte to keep */
  private scan(buf: Buffer, emit: (ev: FrameEvent) => void, from: number): number {
    const { stx, etx, lengthBytes, checksum, maxPayload } = this.opts;
    const { header, ckLen } = this;
    const end = buf.length;
    let i = from;
    for (;;) {
      const s = buf.indexOf(stx, i);
      if (s < 0) {
        this.discardedBytes += end - i;
        return end;
      }
      this.discardedBytes += s - i;
      i = s;
      const avail = end - i;
      if (avail < header) return i;
      const len = lengthBytes === 1 ? buf[i + 1]! : (buf[i + 1]! << 8) | buf[i + 2]!;
      if (len > maxPayload) {
        emit({ type: 'error', code: 'overlong', reason: `frame announces ${len} bytes, more than ${maxPayload}` });
        i += 1;
        continue;
      }
      const total = header + len + ckLen + 1;
      if (avail < total) {
        // A corrupted length would hold good frames hostage until enough bytes arrive (a reader that
        // speaks only when asked may never send them). If a complete valid frame already sits behind
        // this STX, the partial one is garbage: drop it and go on.
        const later = this.findCompleteFrameAfter(buf, i + 1);
        if (later < 0) return i;
        emit({ type: 'error', code: 'missing_etx', reason: `frame cut short (${avail} of ${total} bytes) by the next frame` });
        i = later;
        continue;
      }
      if (buf[i + total - 1] !== etx) {
        emit({ type: 'error', code: 'missing_etx', reason: `no ETX after ${len}-byte payload` });
        i += 1;
        continue;
      }
      if (ckLen === 1) {
        const want = frameChecksumAt(checksum, buf, i + 1, i + header + len);
        const got = buf[i + header + len]!;
        if (want !== got) {
          emit({ type: 'error', code: 'bad_checksum', reason: `bad ${checksum} checksum: got 0x${hex(got)}, want 0x${hex(want)}` });
          i += total;
          continue;
        }
      }
      // a frame inside the caller's chunk is handed out as a view (like parser-delimiter); one in the
      // parser's own reused buffer must be copied
      let payload: Buffer;
      if (buf.buffer === this.acc.buffer) {
        payload = Buffer.allocUnsafe(len);
        buf.copy(payload, 0, i + header, i + header + len);
      } else payload = buf.subarray(i + header, i + header + len);
      emit({ type: 'frame', payload });
      i += total;
    }
  }
}

/** room behind a kept frame for the next read to be appended in place */
const ACC_SLACK = 4096;

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
