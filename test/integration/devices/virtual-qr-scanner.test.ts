import { describe, expect, it } from 'vitest';
import { VirtualQrScanner } from '../../../src/devices/virtual/virtual-qr-scanner.js';
import type { DeviceError, ScanEvent } from '../../../src/devices/events.js';

function collect(v: VirtualQrScanner) {
  const scans: ScanEvent[] = [];
  const errors: DeviceError[] = [];
  v.scanner.on('scan', (s) => scans.push(s));
  v.scanner.on('error', (e) => errors.push(e));
  return { scans, errors };
}

describe('VirtualQrScanner through the real HID POS driver', () => {
  it('a long e-voucher text spans several reports and comes out whole', () => {
    const v = new VirtualQrScanner({ reportSize: 16 });
    const { scans, errors } = collect(v);
    const text = 'EC' + 'A1b2C3d4'.repeat(20); // 162 chars -> 12 reports of 14 data bytes
    expect(v.present(text)).toBe(true);
    expect(scans).toEqual([{ deviceId: 'virtual-qr', text }]);
    expect(errors).toEqual([]);
    expect(v.scanner.reassembler.bufferedBytes).toBe(0);
  });

  it('UTF-8 text (Chinese) round-trips', () => {
    const v = new VirtualQrScanner({ reportSize: 8 });
    const { scans } = collect(v);
    v.present('药品-阿莫西林-0001');
    expect(scans.map((s) => s.text)).toEqual(['药品-阿莫西林-0001']);
  });

  it('a truncated report is an error and the next scan still works', () => {
    const v = new VirtualQrScanner();
    const { scans, errors } = collect(v);
    v.injectReport(Buffer.from([40, 0x41, 0x42, 0x00])); // announces 40 bytes, carries 2
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(/truncated report/);
    v.present('6901234567892');
    expect(scans.map((s) => s.text)).toEqual(['6901234567892']);
  });

  it('unplug (node-hid error) closes the driver; present() afterwards returns false', () => {
    const v = new VirtualQrScanner();
    const { errors } = collect(v);
    let closed = 0;
    v.scanner.on('close', () => closed++);
    v.source.unplug();
    expect(errors[0]!.reason).toMatch(/hid:/);
    expect(closed).toBe(1);
    expect(v.source.closed).toBe(true);
    expect(v.present('x')).toBe(false);
  });
});
