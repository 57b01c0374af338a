import { describe, expect, it, vi } from 'vitest';
import { HidPosReassembler, HidPosScanner, encodeHidPosReports } from '../../../src/devices/qr/hid-pos-scanner.js';
import { FakeHidSource } from '../../../src/devices/virtual/virtual-qr-scanner.js';
import { eVoucherIdentity, looksLikeEVoucher, scanBytesToText } from '../../../src/devices/qr/scan-text.js';
import iconv from 'iconv-lite';

describe('encodeHidPosReports layout [len, data…, padding…, flags]', () => {
  it('sets the more-data flag on all but the last report', () => {
    const reports = encodeHidPosReports(Buffer.from('ABCDEFG'), 5); // 3 data bytes per report
    expect(reports.map((r) => [...r])).toEqual([
      [3, 0x41, 0x42, 0x43, 1],
      [3, 0x44, 0x45, 0x46, 1],
      [1, 0x47, 0, 0, 0],
    ]);
  });
});

describe('HidPosReassembler', () => {
  it('reassembles across reports', () => {
    const r = new HidPosReassembler();
    const reports = encodeHidPosReports(Buffer.from('hello world'), 6);
    const out = reports.map((x) => r.push(x));
    expect(out.slice(0, -1)).toEqual(Array(reports.length - 1).fill(null));
    expect(out.at(-1)).toEqual({ type: 'symbol', bytes: Buffer.from('hello world') });
  });

  it('truncated report (len larger than the report) is an error and drops the partial symbol', () => {
    const r = new HidPosReassembler();
    r.push(Buffer.from([2, 0x41, 0x42, 1]));
    expect(r.bufferedBytes).toBe(2);
    expect(r.push(Buffer.from([9, 0x43, 0]))).toEqual({ type: 'error', reason: expect.stringMatching(/truncated report/) });
    expect(r.bufferedBytes).toBe(0);
    expect(r.push(Buffer.from([1]))).toMatchObject({ type: 'error' });
    expect(r.push(Buffer.from([1, 0x5a, 0]))).toEqual({ type: 'symbol', bytes: Buffer.from('Z') });
  });

  it('idle all-zero reports are ignored; a symbol over the limit is refused', () => {
    const r = new HidPosReassembler(10);
    expect(r.push(Buffer.alloc(64))).toBeNull();
    r.push(Buffer.from([6, 1, 2, 3, 4, 5, 6, 1]));
    expect(r.push(Buffer.from([6, 1, 2, 3, 4, 5, 6, 0]))).toMatchObject({ type: 'error', reason: expect.stringMatching(/longer than 10/) });
    expect(r.bufferedBytes).toBe(0);
  });

  it('strips a leading report id when configured', () => {
    const r = new HidPosReassembler(4096, true);
    expect(r.push(Buffer.from([0x02, 2, 0x4f, 0x4b, 0, 0]))).toEqual({ type: 'symbol', bytes: Buffer.from('OK') });
  });
});

describe('HidPosScanner', () => {
  it('drops a symbol whose last report never comes, after the timeout', () => {
    vi.useFakeTimers();
    try {
      const src = new FakeHidSource();
      const s = new HidPosScanner({ deviceId: 'q', source: src, symbolTimeoutMs: 200 });
      const errors: string[] = [];
      s.on('error', (e) => errors.push(e.reason));
      src.feed(Buffer.from([2, 0x41, 0x42, 1]));
      vi.advanceTimersByTime(250);
      expect(errors).toEqual([expect.stringMatching(/incomplete symbol/)]);
      expect(s.reassembler.bufferedBytes).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('has no unheard-error throw: garbage with no error listener is dropped quietly', () => {
    const src = new FakeHidSource();
    const s = new HidPosScanner({ deviceId: 'q', source: src });
    expect(() => src.feed(Buffer.from([200]))).not.toThrow();
    expect(() => src.emit('data', 'not a buffer')).not.toThrow();
    s.close();
  });

  it('GBK scans decode; invalid bytes are an error', () => {
    expect(scanBytesToText(iconv.encode('阿莫西林', 'gbk'))).toEqual({ ok: true, text: '阿莫西林' });
    expect(scanBytesToText(Buffer.from([0xff, 0xff]))).toMatchObject({ ok: false });
    expect(scanBytesToText(Buffer.from('ABC\r\n'))).toEqual({ ok: true, text: 'ABC' });
    expect(scanBytesToText(Buffer.from('A\u0007B'))).toMatchObject({ ok: false });
  });
});

describe('e-voucher classification', () => {
  it('long printable ASCII is an e-voucher; EAN-13 and short codes are not', () => {
    expect(looksLikeEVoucher('6901234567892')).toBe(false);
    expect(looksLikeEVoucher('X'.repeat(20))).toBe(true);
    expect(looksLikeEVoucher('含中文的二维码内容含中文的二维码内容含中文')).toBe(false);
    expect(eVoucherIdentity('E'.repeat(64), 'q')).toEqual({ source: 'qr', mdtrt_cert_type: '01', mdtrt_cert_no: 'E'.repeat(64), deviceId: 'q' });
    expect(eVoucherIdentity('X'.repeat(601))).toBeNull();
  });
});
