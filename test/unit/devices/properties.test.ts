import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CardFrameParser, type FrameEvent } from '../../../src/devices/card/frame-parser.js';
import { encodeFrame } from '../../../src/devices/card/frame-codec.js';
import { decodeBasicInfo, basicInfoString } from '../../../src/devices/card/basic-info.js';
import { isValidIdNumber, isValidYmd, makeIdNumber } from '../../../src/devices/card/id-number.js';
import { HidPosReassembler, encodeHidPosReports } from '../../../src/devices/qr/hid-pos-scanner.js';
import { LineSplitter } from '../../../src/devices/qr/serial-qr-scanner.js';
import { DEFAULT_FRAME_PROFILE, FrameProfile } from '../../../src/devices/config.js';
import { demoCardFields } from '../../../src/devices/virtual/demo-card.js';
import { Identity } from '../../../src/shared/domain.js';

const today = '2025-06-01';
const profiles = [DEFAULT_FRAME_PROFILE, FrameProfile.parse({ checksum: 'sum8', lengthBytes: 1, maxPayload: 200 }), FrameProfile.parse({ checksum: 'none', maxPayload: 300 })];

/** bytes biased towards STX/ETX/'|' so the parser's edge paths are hit */
const byteArb = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }) }, fc.constantFrom(0x02, 0x03, 0x7c, 0x00));
// size 'max': fast-check's default 'small' size keeps arrays to a handful of elements, too short to stress bounds
const chunks = fc.array(
  fc.uint8Array({ minLength: 0, maxLength: 300, size: 'max' }).chain((a) => fc.array(byteArb, { maxLength: 40 }).map((b) => Buffer.concat([a, Buffer.from(b)]))),
  { maxLength: 30, size: 'medium' },
);

/** every identity the decoder lets out must pass the checks a person lookup relies on */
function identityIsValid(id: Identity): boolean {
  return (
    Identity.safeParse(id).success &&
    id.source === 'card' &&
    id.mdtrt_cert_type === '03' &&
    /^\d{6}$/.test(id.insuplc_admdvs ?? '') &&
    isValidIdNumber(id.certno ?? '') &&
    /^[0-9A-Z]{9}$/.test(id.mdtrt_cert_no) &&
    (id.card_sn ?? '').length === 32 &&
    (id.card_sn ?? '').startsWith(id.insuplc_admdvs ?? '-') &&
    (id.psn_name ?? '').length > 0
  );
}

/** HID reports: random bytes, or well-formed [len, data, pad, flags] reports that keep a symbol going */
const hidReportArb = fc.oneof(
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 70, size: 'max' }) },
  {
    weight: 6,
    arbitrary: fc.integer({ min: 3, max: 70 }).chain((size) =>
      fc
        .tuple(fc.integer({ min: 0, max: size - 2 }), fc.uint8Array({ minLength: size, maxLength: size }), fc.nat({ max: 9 }).map((n) => n > 0))
        .map(([len, body, more]) => {
          const r = Buffer.from(body);
          r[0] = len;
          r[size - 1] = more ? 1 : 0;
          return r;
        }),
    ),
  },
);

describe('properties', () => {
  it('frame parser: arbitrary byte streams never throw, buffer stays bounded, no identity fails validation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...profiles), chunks, (profile, cs) => {
        const p = new CardFrameParser(profile);
        const events: FrameEvent[] = [];
        p.on('data', (e: FrameEvent) => events.push(e));
        for (const c of cs) {
          p.write(c);
          expect(p.bufferedBytes).toBeLessThanOrEqual(p.maxFrameBytes);
        }
        for (const e of events) {
          if (e.type !== 'frame') continue;
          expect(e.payload.length).toBeLessThanOrEqual(profile.maxPayload);
          const r = decodeBasicInfo(e.payload, { today });
          if (r.ok) expect(identityIsValid(r.identity)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('frame parser: valid frames mixed with noise and arbitrary chunking all come out, in order', () => {
    const payloadArb = fc.uint8Array({ minLength: 0, maxLength: 150 }).filter((a) => !a.includes(0x02));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 20 }).map((n) => n.filter((b) => b !== 0x02)), payloadArb), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (items, sizes) => {
          const stream = Buffer.concat(items.flatMap(([noise, payload]) => [Buffer.from(noise), encodeFrame(DEFAULT_FRAME_PROFILE, payload)]));
          const p = new CardFrameParser(DEFAULT_FRAME_PROFILE);
          const got: Buffer[] = [];
          p.on('data', (e: FrameEvent) => {
            if (e.type === 'frame') got.push(e.payload);
          });
          for (let off = 0, i = 0; off < stream.length; i++) {
            const n = sizes[i % sizes.length]!;
            p.write(stream.subarray(off, off + n));
            off += n;
          }
          expect(got).toEqual(items.map(([, payload]) => Buffer.from(payload)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('basic-info decoder: arbitrary field text never throws and never yields an invalid identity', () => {
    const fieldArb = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[0-9X]{0,20}$/), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fieldArb, { minLength: 0, maxLength: 14 }), fc.boolean(), (fields, trailing) => {
        const text = fields.join('|') + (trailing ? '|' : '');
        const r = decodeBasicInfo(iconv.encode(text, 'gbk'), { today });
        if (r.ok) expect(identityIsValid(r.identity)).toBe(true);
        else expect(typeof r.field).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('basic-info decoder: one corrupted byte in a good payload gives a valid identity or a named field, never a throw', () => {
    const good = iconv.encode(basicInfoString(demoCardFields({ certno: makeIdNumber('530602', '19800101', 7), psn_name: '张三丰' })), 'gbk');
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, b) => {
        const bytes = Buffer.from(good);
        bytes[at] = b;
        const r = decodeBasicInfo(bytes, { today });
        if (r.ok) expect(identityIsValid(r.identity)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('generated valid cards always decode to their own fields', () => {
    const ymd = fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    fc.assert(
      fc.property(fc.constantFrom('530602', '530621', '110105'), ymd, fc.nat({ max: 999 }), fc.constantFrom('张三', '李四光', '欧阳娜娜', 'ZHANG SAN'), (div, birth, seq, name) => {
        const certno = makeIdNumber(div, birth, seq);
        expect(isValidYmd(birth)).toBe(true);
        const r = decodeBasicInfo(iconv.encode(basicInfoString(demoCardFields({ certno, psn_name: name })), 'gbk'), { today });
        expect(r).toMatchObject({ ok: true, identity: { certno, psn_name: name, insuplc_admdvs: div } });
      }),
      { numRuns: 200 },
    );
  });

  it('HID POS reassembler: arbitrary reports never throw and hold at most maxSymbolBytes', () => {
    fc.assert(
      fc.property(fc.array(hidReportArb, { maxLength: 60, size: 'max' }), fc.boolean(), (reports, prefix) => {
        const r = new HidPosReassembler(256, prefix);
        for (const rep of reports) {
          const ev = r.push(rep);
          expect(r.bufferedBytes).toBeLessThanOrEqual(256);
          if (ev?.type === 'symbol') expect(ev.bytes.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('HID POS reassembler: any symbol split into reports of any size comes back whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.integer({ min: 3, max: 64 }), (sym, size) => {
        const r = new HidPosReassembler();
        const out = encodeHidPosReports(sym, size).map((rep) => r.push(rep));
        expect(out.at(-1)).toEqual({ type: 'symbol', bytes: Buffer.from(sym) });
        expect(out.slice(0, -1).every((e) => e === null)).toBe(true);
      }),
    );
  });

  it('line splitter: arbitrary bytes never throw and the buffer stays bounded', () => {
    fc.assert(
      fc.property(fc.constantFrom('CR', 'LF', 'CRLF' as const), fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 40 }), (t, cs) => {
        const s = new LineSplitter(t, 64);
        for (const c of cs) {
          for (const ev of s.push(c)) if (ev.type === 'line') expect(ev.bytes.length).toBeLessThanOrEqual(64 + 200);
          expect(s.bufferedBytes).toBeLessThanOrEqual(64);
        }
      }),
      { numRuns: 300 },
    );
  });
});
