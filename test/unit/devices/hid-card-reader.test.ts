import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { HidReportStream } from '../../../src/devices/card/hid-card-reader.js';
import { SerialCardReader } from '../../../src/devices/card/serial-card-reader.js';
import { encodeFrame } from '../../../src/devices/card/frame-codec.js';
import { DEFAULT_FRAME_PROFILE, hexToBytes } from '../../../src/devices/config.js';
import { FakeHidSource } from '../../../src/devices/virtual/virtual-qr-scanner.js';
import { demoCardBasicInfo } from '../../../src/devices/virtual/demo-card.js';
import { makeIdNumber } from '../../../src/devices/card/id-number.js';
import type { Identity } from '../../../src/shared/domain.js';

class WritableFakeHid extends FakeHidSource {
  written: Buffer[] = [];
  write(values: number[] | Buffer): number {
    this.written.push(Buffer.from(values));
    return values.length;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('HID card reader: HidReportStream + the serial card reader driver', () => {
  it('frames cut into [count, bytes…] reports decode to an identity; commands go out as [0, count, bytes…, pad]', async () => {
    const hid = new WritableFakeHid();
    const port = new HidReportStream(hid, 8);
    const reader = new SerialCardReader({ deviceId: 'hc', port, today: () => '2025-06-01' });
    const ids: Identity[] = [];
    reader.on('identity', (i) => ids.push(i));

    expect(await reader.requestRead()).toBe(true);
    const read = hexToBytes(DEFAULT_FRAME_PROFILE.readCommand); // 7 bytes: exactly one report
    expect(hid.written).toEqual([Buffer.concat([Buffer.from([0, 7]), read])]);

    const certno = makeIdNumber('530602', '19800101', 5);
    const frame = encodeFrame(DEFAULT_FRAME_PROFILE, iconv.encode(demoCardBasicInfo({ certno, psn_name: '张三' }), 'gbk'));
    for (let off = 0; off < frame.length; off += 7) {
      const part = frame.subarray(off, off + 7);
      const report = Buffer.alloc(8);
      report[0] = part.length;
      part.copy(report, 1);
      hid.feed(report);
    }
    await tick();
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({ certno, psn_name: '张三', deviceId: 'hc' });
    // the beep went out too, split into reports of 9 bytes (report id + 8)
    expect(hid.written.slice(1).every((r) => r.length === 9 && r[0] === 0)).toBe(true);
  });

  it('an unplugged HID device closes the stream: driver reports error and close, handle is closed', async () => {
    const hid = new WritableFakeHid();
    const port = new HidReportStream(hid, 8);
    const reader = new SerialCardReader({ deviceId: 'hc', port, today: () => '2025-06-01' });
    const errors: string[] = [];
    let closed = false;
    reader.on('error', (e) => errors.push(e.reason));
    reader.on('close', () => (closed = true));
    hid.unplug();
    await tick();
    expect(errors.some((r) => /hid: could not read/.test(r))).toBe(true);
    expect(closed).toBe(true);
    expect(hid.closed).toBe(true);
  });
});
