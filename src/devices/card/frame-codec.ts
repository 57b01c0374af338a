/** Building and checking card-reader frames: STX | length (BE) | payload | checksum | ETX. */
import type { FrameProfile } from '../config.js';

/** Checksum over length + payload bytes, per profile. `none` has no checksum byte. */
export function frameChecksum(kind: FrameProfile['checksum'], bytes: Uint8Array): number {
  return frameChecksumAt(kind, bytes, 0, bytes.length);
}

/** The same over `bytes[start, end)`, without making a view (the parser's hot path). */
export function frameChecksumAt(kind: FrameProfile['checksum'], bytes: Uint8Array, start: number, end: number): number {
  let c = 0;
  if (kind === 'xor') return xorAt(bytes, start, end);
  if (kind === 'sum8') {
    for (let i = start; i < end; i++) c += bytes[i]!;
    c &= 0xff;
  }
  return c;
}

export type FrameShape = Pick<FrameProfile, 'stx' | 'etx' | 'checksum' | 'lengthBytes'>;

/** Frame a payload (for simulators, tests and commands). Throws only on a payload the length field cannot express. */
export function encodeFrame(profile: FrameShape, payload: Uint8Array): Buffer {
  const max = profile.lengthBytes === 1 ? 0xff : 0xffff;
  if (payload.length > max) throw new RangeError(`payload of ${payload.length} bytes does not fit a ${profile.lengthBytes}-byte length`);
  const len = Buffer.alloc(profile.lengthBytes);
  if (profile.lengthBytes === 1) len.writeUInt8(payload.length);
  else len.writeUInt16BE(payload.length);
  const body = Buffer.concat([len, Buffer.from(payload)]);
  const ck = profile.checksum === 'none' ? Buffer.alloc(0) : Buffer.from([frameChecksum(profile.checksum, body)]);
  return Buffer.concat([Buffer.from([profile.stx]), body, ck, Buffer.from([profile.etx])]);
}

// XOR four bytes at a time through an Int32Array over the chunk's memory (one view per ArrayBuffer,
// reused while chunks come from the same pool); the word XOR folds to the byte XOR at the end.
let wordsOf: ArrayBufferLike | null = null;
let words: Int32Array = new Int32Array(0);

function xorAt(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 32) {
    let c = 0;
    for (let i = start; i < end; i++) c ^= bytes[i]!;
    return c;
  }
  const ab = bytes.buffer;
  if (ab !== wordsOf) {
    wordsOf = ab;
    words = new Int32Array(ab, 0, ab.byteLength >> 2);
  }
  const off = bytes.byteOffset;
  const firstWord = (off + start + 3) >> 2;
  const lastWord = (off + end) >> 2; // exclusive
  let c = 0;
  let i = start;
  for (const head = (firstWord << 2) - off; i < head; i++) c ^= bytes[i]!;
  let w = 0;
  for (let k = firstWord; k < lastWord; k++) w ^= words[k]!;
  c ^= (w ^ (w >>> 8) ^ (w >>> 16) ^ (w >>> 24)) & 0xff;
  for (i = (lastWord << 2) - off; i < end; i++) c ^= bytes[i]!;
  return c;
}
