/**
 * The parser's fast paths: feed() gives exactly what the Transform gives for any chunking (large
 * chunks included, where the kept frame is settled in the parser's buffer and the rest scanned in
 * place), and the word-at-a-time XOR equals the byte loop at every alignment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_PROFILE, FrameProfile } from '../../../src/devices/config.js';
import { encodeFrame, frameChecksumAt } from '../../../src/devices/card/frame-codec.js';
import { CardFrameParser, type FrameEvent } from '../../../src/devices/card/frame-parser.js';
import { ReferenceFrameParser } from './reference-frame-parser.js';

function naive(kind: 'xor' | 'sum8' | 'none', b: Uint8Array, s: number, e: number): number {
  let c = 0;
  for (let i = s; i < e; i++) c = kind === 'xor' ? c ^ b[i]! : kind === 'sum8' ? (c + b[i]!) & 0xff : 0;
  return c;
}

/** events as plain data (payload copied: a payload may be a view of the chunk) */
const plain = (e: FrameEvent) => (e.type === 'frame' ? { type: 'frame', payload: [...e.payload] } : e);

function viaFeed(profile: FrameProfile, chunks: Buffer[]) {
  const p = new CardFrameParser(profile);
  const out: unknown[] = [];
  for (const c of chunks) p.feed(c, (e) => out.push(plain(e)));
  return { out, buffered: p.bufferedBytes };
}

function viaStream(profile: FrameProfile, chunks: Buffer[], Parser: typeof CardFrameParser | typeof ReferenceFrameParser = CardFrameParser) {
  const p = new Parser(profile);
  const out: unknown[] = [];
  p.on('data', (e: FrameEvent) => out.push(plain(e)));
  for (const c of chunks) p.write(c);
  return { out, buffered: p.bufferedBytes };
}

function split(buf: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0, i = 0; off < buf.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(buf.subarray(off, off + n));
    off += n;
  }
  return out;
}

describe('frame checksum fast path', () => {
  it('XOR over any range of any (unaligned) buffer equals the byte loop; sum8 too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.nat({ max: 7 }), fc.nat(), fc.nat(), (bytes, shift, a, b) => {
        // place the bytes at an arbitrary offset of a larger ArrayBuffer
        const backing = new Uint8Array(bytes.length + 8);
        backing.set(bytes, shift);
        const view = Buffer.from(backing.buffer, shift, bytes.length);
        const s = bytes.length ? a % (bytes.length + 1) : 0;
        const e = s + (bytes.length ? b % (bytes.length - s + 1) : 0);
        expect(frameChecksumAt('xor', view, s, e)).toBe(naive('xor', bytes, s, e));
        expect(frameChecksumAt('sum8', view, s, e)).toBe(naive('sum8', bytes, s, e));
        expect(frameChecksumAt('none', view, s, e)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('feed(), the Transform and the reference implementation agree', () => {
  const payload = fc.uint8Array({ minLength: 0, maxLength: 300 });
  const noise = fc.uint8Array({ maxLength: 30 });
  const corrupt = fc.tuple(fc.nat(), fc.nat({ max: 255 }));

  it('for frames, noise and corrupted bytes under any chunking, small or large', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, payload), { minLength: 1, maxLength: 30 }),
        fc.array(corrupt, { maxLength: 3 }),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1000, max: 20_000 })), { minLength: 1, maxLength: 10 }),
        fc.constantFrom<Partial<FrameProfile>>({}, { checksum: 'sum8' }, { lengthBytes: 1, maxPayload: 255 }, { maxPayload: 200 }),
        (items, corruptions, sizes, over) => {
          const profile = FrameProfile.parse(over);
          const stream = Buffer.concat(items.flatMap(([n, p]) => [Buffer.from(n), encodeFrame(profile, p.subarray(0, profile.maxPayload))]));
          for (const [at, v] of corruptions) if (stream.length) stream[at % stream.length] = v;
          const chunks = split(stream, sizes);
          const a = viaFeed(profile, chunks);
          expect(a).toEqual(viaStream(profile, chunks));
          // and exactly what the first, simple implementation emits
          expect(a).toEqual(viaStream(profile, chunks, ReferenceFrameParser));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a chunk much larger than the parser buffer, after an unfinished frame, yields every frame in order', () => {
    const frames = Array.from({ length: 400 }, (_, i) => Buffer.from(`payload-${i}-`.repeat(1 + (i % 9))));
    const stream = Buffer.concat(frames.map((f) => encodeFrame(DEFAULT_FRAME_PROFILE, f)));
    const chunks = [stream.subarray(0, 7), stream.subarray(7)];
    const { out, buffered } = viaFeed(DEFAULT_FRAME_PROFILE, chunks);
    expect(out).toEqual(frames.map((f) => ({ type: 'frame', payload: [...f] })));
    expect(buffered).toBe(0);
  });
});
