import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_PROFILE, DevicesConfig } from '../../../src/devices/config.js';

describe('DevicesConfig', () => {
  it('parse({}) is the embedded default: virtual devices, no hardware, the default frame profile', () => {
    const c = DevicesConfig.parse({});
    expect(c.virtual).toBe(true);
    expect(c.serialCardReaders).toEqual([]);
    expect(c.hidQrScanners).toEqual([]);
    expect(c.cardServices).toEqual([]);
    expect(c.pollMs).toBe(1000);
    expect(c.frameProfiles.default).toEqual({
      stx: 0x02,
      etx: 0x03,
      checksum: 'xor',
      lengthBytes: 2,
      maxPayload: 1024,
      readCommand: '02000210031103',
      beepCommand: '02000220012303',
    });
    expect(DEFAULT_FRAME_PROFILE).toEqual(c.frameProfiles.default);
  });

  it('fills device defaults and parses USB ids as hex text', () => {
    const c = DevicesConfig.parse({
      serialCardReaders: [{ id: 'r1', vendorId: '1A86', productId: '0x7523' }],
      hidQrScanners: [{ id: 'q1' }],
      serialQrScanners: [{ id: 'q2', path: '/dev/ttyACM0' }],
      frameProfiles: { vendorX: { checksum: 'sum8', lengthBytes: 1, readCommand: 'AA 01 52 53 55' } },
    });
    expect(c.serialCardReaders[0]).toEqual({ id: 'r1', vendorId: 0x1a86, productId: 0x7523, baudRate: 9600, profile: 'default' });
    expect(c.hidQrScanners[0]).toEqual({ id: 'q1', usagePage: 0x8c, reportIdPrefix: false });
    expect(c.serialQrScanners[0]).toMatchObject({ baudRate: 9600, terminator: 'CR' });
    expect(c.frameProfiles.vendorX!.readCommand).toBe('AA01525355');
    expect(Object.keys(c.frameProfiles).sort()).toEqual(['default', 'vendorX']);
    // parsing the parsed config again is stable (the manager re-validates)
    expect(DevicesConfig.parse(c)).toEqual(c);
  });

  it('errors name the field', () => {
    const bad = (input: unknown) => {
      const r = DevicesConfig.safeParse(input);
      expect(r.success).toBe(false);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad({ serialCardReaders: [{ id: 'r1' }] })[0]).toMatch(/^serialCardReaders\.0\.path: .*path or a vendorId/);
    expect(bad({ serialCardReaders: [{ id: 'r1', path: '/dev/x', profile: 'nope' }] })[0]).toMatch(/serialCardReaders\.0\.profile: unknown frame profile/);
    expect(bad({ hidQrScanners: [{ id: 'a' }], serialQrScanners: [{ id: 'a', path: '/dev/x' }] })[0]).toMatch(/serialQrScanners\.0\.id: .*used twice/);
    expect(bad({ hidQrScanners: [{ id: 'virtual-qr' }] })[0]).toMatch(/reserved/);
    expect(bad({ cardServices: [{ id: 'c', url: 'ws://10.0.0.5:8080' }] })[0]).toMatch(/cardServices\.0\.url: .*loopback/);
    expect(bad({ frameProfiles: { x: { readCommand: '0G' } } })[0]).toMatch(/frameProfiles\.x\.readCommand/);
    expect(bad({ hidCardReaders: [{ id: 'h', vendorId: 70000, productId: 1 }] })[0]).toMatch(/hidCardReaders\.0\.vendorId/);
  });
});
