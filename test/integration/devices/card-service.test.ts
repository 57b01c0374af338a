import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { createDeviceManager, type DeviceManager } from '../../../src/devices/manager.js';
import { parseCardServiceReply } from '../../../src/devices/card/card-service-reader.js';
import { demoCardBasicInfo } from '../../../src/devices/virtual/demo-card.js';
import { makeIdNumber } from '../../../src/devices/card/id-number.js';
import type { Identity } from '../../../src/shared/domain.js';
import { until as untilWithin } from './until.js';

const today = () => '2025-06-01';
const certno = makeIdNumber('530621', '19750505', 42);
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const until = (cond: () => boolean, ms = 4000) => untilWithin(cond, ms);

/** A vendor-like card service on loopback: answers iReadCardBas with `reply()`. */
async function startService(reply: (req: unknown) => string, port = 0) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const requests: unknown[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (m) => {
      const req = JSON.parse(m.toString());
      requests.push(req);
      ws.send(reply(req));
    });
  });
  const stop = () =>
    new Promise<void>((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => r());
    });
  return { port: (wss.address() as AddressInfo).port, requests, stop };
}

describe('parseCardServiceReply', () => {
  const info = demoCardBasicInfo({ certno, psn_name: '张三' });
  it('bare string, JSON string, and vendor envelopes', () => {
    expect(parseCardServiceReply(info)).toEqual({ ok: true, basicInfo: info });
    expect(parseCardServiceReply(JSON.stringify(info))).toEqual({ ok: true, basicInfo: info });
    expect(parseCardServiceReply(JSON.stringify({ code: 0, data: { outInfo: info } }))).toEqual({ ok: true, basicInfo: info });
    expect(parseCardServiceReply(JSON.stringify({ ret: '0', pOutInfo: info }))).toEqual({ ok: true, basicInfo: info });
  });
  it('a non-zero code is an error carrying the vendor message; garbage is an error', () => {
    expect(parseCardServiceReply(JSON.stringify({ code: -11, msg: '未检测到卡片' }))).toEqual({ ok: false, reason: 'card service code=-11: 未检测到卡片' });
    expect(parseCardServiceReply('{"code":0}')).toMatchObject({ ok: false, reason: expect.stringMatching(/no basic-info/) });
    expect(parseCardServiceReply('\u0000garbage')).toMatchObject({ ok: false });
    expect(parseCardServiceReply('null')).toMatchObject({ ok: false });
  });
});

describe('card service through the manager (real loopback WebSocket)', () => {
  it('connects, reads a card on request, reports a vendor error, and shows disconnected when the service stops', async () => {
    let answer: 'card' | 'nocard' = 'card';
    const svc = await startService(() =>
      answer === 'card' ? JSON.stringify({ code: 0, data: demoCardBasicInfo({ certno, psn_name: '李四' }) }) : JSON.stringify({ code: -1, msg: '未放卡' }),
    );
    cleanups.push(svc.stop);
    const m: DeviceManager = createDeviceManager({ virtual: false, pollMs: 100, cardServices: [{ id: 'svc', url: `ws://127.0.0.1:${svc.port}/` }] }, { today });
    cleanups.push(() => m.stop());
    const ids: Identity[] = [];
    const errs: string[] = [];
    m.on('identity', (i) => ids.push(i));
    m.on('device-error', (e) => errs.push(e.reason));
    await m.start();
    expect(m.status()).toEqual([{ id: 'svc', kind: 'card_reader', label: `Card service ws://127.0.0.1:${svc.port}/`, transport: 'websocket', state: 'connected', reason: null }]);

    expect(await m.requestCardRead('svc')).toBe(true);
    await until(() => ids.length === 1);
    expect(svc.requests).toEqual([{ function: 'iReadCardBas', iType: 3 }]);
    expect(ids[0]).toMatchObject({ source: 'card', mdtrt_cert_type: '03', certno, psn_name: '李四', deviceId: 'svc' });

    answer = 'nocard';
    await m.requestCardRead();
    await until(() => errs.length === 1);
    expect(errs[0]).toBe('card service code=-1: 未放卡');

    await svc.stop();
    await until(() => m.status()[0]!.state === 'disconnected');
    expect(m.status()[0]!.reason).toMatch(/closed|cannot reach/);
  });

  it('a service that is not running is disconnected with the reason, and found when it starts', async () => {
    const probe = await startService(() => '');
    const port = probe.port;
    await probe.stop();
    const m = createDeviceManager({ virtual: false, pollMs: 100, cardServices: [{ id: 'svc', url: `ws://127.0.0.1:${port}` }] }, { today });
    cleanups.push(() => m.stop());
    await m.start();
    expect(m.status()[0]).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/ECONNREFUSED/) });
    const svc = await startService(() => demoCardBasicInfo({ certno, psn_name: '王五' }), port);
    cleanups.push(svc.stop);
    await until(() => m.status()[0]!.state === 'connected');
  });
});
