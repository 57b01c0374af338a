import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { VirtualCardReader } from '../../../src/devices/virtual/virtual-card-reader.js';
import { demoCardBasicInfo, demoCardFields } from '../../../src/devices/virtual/demo-card.js';
import { makeIdNumber } from '../../../src/devices/card/id-number.js';
import { encodeFrame } from '../../../src/devices/card/frame-codec.js';
import { DEFAULT_FRAME_PROFILE, hexToBytes } from '../../../src/devices/config.js';
import { basicInfoString } from '../../../src/devices/card/basic-info.js';
import type { Identity } from '../../../src/shared/domain.js';
import type { DeviceError } from '../../../src/devices/events.js';
import { until as untilWithin } from './until.js';

const today = () => '2025-06-01';
const certno = makeIdNumber('530602', '19800101', 123);
const readers: VirtualCardReader[] = [];

afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

async function open(): Promise<VirtualCardReader> {
  const r = await VirtualCardReader.open({ today });
  readers.push(r);
  return r;
}

function next<T>(emitter: { once(ev: string, l: (v: T) => void): unknown }, ev: string, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${ev} within ${ms} ms`)), ms);
    emitter.once(ev, (v: T) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

const until = (cond: () => boolean, ms = 2000) => untilWithin(cond, ms);

describe('VirtualCardReader through binding-mock and the real serial driver', () => {
  it('presents a card: identity out, read command and beep written to the port', async () => {
    const r = await open();
    expect(await r.reader.requestRead()).toBe(true);
    const got = next<Identity>(r.reader, 'identity');
    expect(r.present(demoCardBasicInfo({ certno, psn_name: '张三丰' }))).toBe(true);
    const id = await got;
    const f = demoCardFields({ certno, psn_name: '张三丰' });
    expect(id).toEqual({
      source: 'card',
      mdtrt_cert_type: '03',
      mdtrt_cert_no: f.card_no,
      card_sn: f.card_sn,
      certno,
      psn_name: '张三丰',
      insuplc_admdvs: '530602',
      deviceId: 'virtual-card',
    });
    const read = hexToBytes(DEFAULT_FRAME_PROFILE.readCommand);
    const beep = hexToBytes(DEFAULT_FRAME_PROFILE.beepCommand);
    await until(() => r.recording.length >= read.length + beep.length);
    expect(r.binding?.recording).toEqual(Buffer.concat([read, beep]));
  });

  it('the frame on the wire is GBK: the name bytes are the GBK encoding', async () => {
    const r = await open();
    const info = demoCardBasicInfo({ certno, psn_name: '李四' });
    const frame = encodeFrame(DEFAULT_FRAME_PROFILE, iconv.encode(info, 'gbk'));
    expect(frame.includes(Buffer.from([0xc0, 0xee, 0xcb, 0xc4]))).toBe(true); // 李四 in GBK
    const got = next<Identity>(r.reader, 'identity');
    r.injectRaw(frame);
    expect((await got).psn_name).toBe('李四');
  });

  it('recovers from noise and a frame split into single bytes', async () => {
    const r = await open();
    const ids: Identity[] = [];
    const errors: DeviceError[] = [];
    r.reader.on('identity', (i) => ids.push(i));
    r.reader.on('error', (e) => errors.push(e));
    const frame = encodeFrame(DEFAULT_FRAME_PROFILE, iconv.encode(demoCardBasicInfo({ certno, psn_name: '王五' }), 'gbk'));
    r.injectRaw(Buffer.from([0xff, 0x00, 0x41]));
    for (const b of frame) r.injectRaw(Buffer.from([b]));
    await until(() => ids.length === 1);
    expect(ids[0]!.psn_name).toBe('王五');
    expect(errors).toEqual([]);
  });

  it('a card with a bad ID check digit is an error naming certno, and no beep', async () => {
    const r = await open();
    const bad = certno.slice(0, 17) + (certno[17] === '0' ? '1' : '0');
    const got = next<DeviceError>(r.reader, 'error');
    const ids: Identity[] = [];
    r.reader.on('identity', (i) => ids.push(i));
    r.present(basicInfoString({ ...demoCardFields({ certno, psn_name: '赵六' }), certno: bad }));
    const err = await got;
    expect(err.field).toBe('certno');
    expect(err.deviceId).toBe('virtual-card');
    expect(err.reason).toMatch(/check digit/);
    expect(ids).toEqual([]);
    await new Promise((res) => setTimeout(res, 30));
    expect(r.recording.length).toBe(0);
  });

  it('an expired card is refused against the injected today', async () => {
    const r = await open();
    const got = next<DeviceError>(r.reader, 'error');
    r.present(demoCardBasicInfo({ certno, psn_name: '钱七', expiry_date: '20250531' }));
    const err = await got;
    expect(err.field).toBe('expiry_date');
    expect(err.reason).toMatch(/expired/);
  });

  it('present() after close returns false instead of throwing', async () => {
    const r = await open();
    await r.close();
    expect(r.present(demoCardBasicInfo({ certno, psn_name: '孙八' }))).toBe(false);
    expect(await r.reader.requestRead()).toBe(false);
  });
});
