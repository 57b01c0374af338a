/** Building and checking card-reader frames: STX | length (BE) | payload | checksum | ETX. */
import type { FrameProfile } from '../config.js';

/** Checksum over length + payload bytes, per profile. `none` has no checksum byte. */
export function frameChecksum(kind: FrameProfile['checksum'], bytes: Uint8Array): number {
  let c = 0;
  if (kind === 'xor') for (const b of bytes) c ^= b;
  else if (kind === 'sum8') for (const b of bytes) c = (c + b) & 0xff;
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
