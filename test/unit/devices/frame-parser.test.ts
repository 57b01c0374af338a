import { describe, expect, it } from 'vitest';
import { CardFrameParser, type FrameEvent } from '../../../src/devices/card/frame-parser.js';
import { encodeFrame, frameChecksum } from '../../../src/devices/card/frame-codec.js';
import { DEFAULT_FRAME_PROFILE, FrameProfile } from '../../../src/devices/config.js';

function run(parser: CardFrameParser, chunks: Buffer[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  parser.on('data', (e: FrameEvent) => out.push(e));
  for (const c of chunks) parser.write(c);
  return out;
}

const payloadA = Buffer.from('530602|hello|世界|', 'utf8');
const payloadB = Buffer.from([0x02, 0x03, 0x00, 0xff, 0x7c]); // holds STX and ETX bytes inside
const frameA = encodeFrame(DEFAULT_FRAME_PROFILE, payloadA);
const frameB = encodeFrame(DEFAULT_FRAME_PROFILE, payloadB);

describe('encodeFrame (default profile)', () => {
  it('is STX, 2-byte big-endian length, payload, XOR over length+payload, ETX', () => {
    const f = encodeFrame(DEFAULT_FRAME_PROFILE, Buffer.from([0x10, 0x03]));
    expect(f.toString('hex')).toBe('02000210031103');
    expect(DEFAULT_FRAME_PROFILE.readCommand).toBe('02000210031103');
    expect(encodeFrame(DEFAULT_FRAME_PROFILE, Buffer.from([0x20, 0x01])).toString('hex')).toBe(DEFAULT_FRAME_PROFILE.beepCommand);
  });
  it('sum8 and 1-byte length profiles', () => {
    const p = FrameProfile.parse({ checksum: 'sum8', lengthBytes: 1, stx: 0xaa, etx: 0x55 });
    const f = encodeFrame(p, Buffer.from([0xff, 0x02]));
    expect([...f]).toEqual([0xaa, 0x02, 0xff, 0x02, (0x02 + 0xff + 0x02) & 0xff, 0x55]);
    expect(frameChecksum('none', Buffer.from([1, 2]))).toBe(0);
  });
});

describe('CardFrameParser', () => {
  it('a frame split at every byte boundary gives the same single frame', () => {
    for (let cut = 1; cut < frameA.length; cut++) {
      const p = new CardFrameParser(DEFAULT_FRAME_PROFILE);
      const out = run(p, [frameA.subarray(0, cut), frameA.subarray(cut)]);
      expect(out, `cut at ${cut}`).toEqual([{ type: 'frame', payload: payloadA }]);
      expect(p.bufferedBytes).toBe(0);
    }
  });

  it('a frame fed one byte at a time', () => {
    const p = new CardFrameParser(DEFAULT_FRAME_PROFILE);
    expect(run(p, [...frameB].map((b) => Buffer.from([b])))).toEqual([{ type: 'frame', payload: payloadB }]);
  });

  it('two frames in one chunk', () => {
    const out = run(new CardFrameParser(DEFAULT_FRAME_PROFILE), [Buffer.concat([frameA, frameB])]);
    expect(out).toEqual([
      { type: 'frame', payload: payloadA },
      { type: 'frame', payload: payloadB },
    ]);
  });

  it('noise before a frame is skipped silently and counted', () => {
    const p = new CardFrameParser(DEFAULT_FRAME_PROFILE);
    const out = run(p, [Buffer.from([0xff, 0x00, 0x41, 0x03]), frameA]);
    expect(out).toEqual([{ type: 'frame', payload: payloadA }]);
    expect(p.discardedBytes).toBe(4);
  });

  it('bad checksum: an error event, then the next frame parses', () => {
    const bad = Buffer.from(frameA);
    bad[bad.length - 2] ^= 0x5a;
    const out = run(new CardFrameParser(DEFAULT_FRAME_PROFILE), [Buffer.concat([bad, frameB])]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ type: 'error', code: 'bad_checksum' });
    expect(out[1]).toEqual({ type: 'frame', payload: payloadB });
  });

  it('overlong frame: an error, resync on the next STX', () => {
    const p = new CardFrameParser({ ...DEFAULT_FRAME_PROFILE, maxPayload: 64 });
    const overlong = Buffer.from([0x02, 0x04, 0x00, 0x41, 0x41]); // announces 1024
    const out = run(p, [Buffer.concat([overlong, frameB])]);
    expect(out[0]).toMatchObject({ type: 'error', code: 'overlong' });
    expect(out.at(-1)).toEqual({ type: 'frame', payload: payloadB });
    expect(p.bufferedBytes).toBe(0);
  });

  it('a payload over the default 1024-byte limit is refused even when well formed', () => {
    const big = encodeFrame(DEFAULT_FRAME_PROFILE, Buffer.alloc(1025, 0x41));
    const out = run(new CardFrameParser(DEFAULT_FRAME_PROFILE), [big]);
    expect(out[0]).toMatchObject({ type: 'error', code: 'overlong' });
    expect(out.some((e) => e.type === 'frame')).toBe(false);
  });

  it('missing ETX: error, and a good frame right behind it is recovered', () => {
    const noEtx = Buffer.from(frameA);
    noEtx[noEtx.length - 1] = 0x00;
    const out = run(new CardFrameParser(DEFAULT_FRAME_PROFILE), [noEtx, frameB]);
    expect(out[0]).toMatchObject({ type: 'error', code: 'missing_etx' });
    expect(out.at(-1)).toEqual({ type: 'frame', payload: payloadB });
  });

  it('a corrupted length that swallows following frames delays but does not lose them', () => {
    const p = new CardFrameParser({ ...DEFAULT_FRAME_PROFILE, maxPayload: 200 });
    const lying = Buffer.from([0x02, 0x00, 0xc8]); // claims 200 bytes
    const frames = Array.from({ length: 10 }, () => frameB);
    const out = run(p, [lying, ...frames]);
    expect(out.filter((e) => e.type === 'frame')).toHaveLength(10);
    expect(out.filter((e) => e.type === 'error').length).toBeGreaterThan(0);
  });

  it('end of stream inside a frame reports truncated', async () => {
    const p = new CardFrameParser(DEFAULT_FRAME_PROFILE);
    const out: FrameEvent[] = [];
    p.on('data', (e: FrameEvent) => out.push(e));
    p.end(frameA.subarray(0, 5));
    await new Promise((r) => p.on('end', r));
    expect(out).toEqual([expect.objectContaining({ type: 'error', code: 'truncated' })]);
  });

  it('checksum none profile', () => {
    const prof = FrameProfile.parse({ checksum: 'none' });
    const f = encodeFrame(prof, payloadB);
    expect(f.length).toBe(1 + 2 + payloadB.length + 1);
    expect(run(new CardFrameParser(prof), [f])).toEqual([{ type: 'frame', payload: payloadB }]);
  });

  it('the buffer stays within one maximal frame under a flood of STX bytes', () => {
    const p = new CardFrameParser({ ...DEFAULT_FRAME_PROFILE, maxPayload: 100 });
    const out = run(p, [Buffer.alloc(100_000, 0x02)]);
    expect(p.bufferedBytes).toBeLessThanOrEqual(p.maxFrameBytes);
    expect(out.every((e) => e.type === 'error')).toBe(true);
  });
});
