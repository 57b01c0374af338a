/**
 * The vendor card library over koffi, in its own process, against C libraries built here with gcc:
 * a card with a GBK name becomes an identity, an error code its GBK reason, a hang a timeout and a
 * restart, garbage a field error, a segfault a device status (the terminal lives on), and the HSM
 * two-step gets step 2's key from a key service (HTTP) or a file. Through the device manager too.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VendorLibraryConfig, type DevicesConfigInput } from '../../../src/devices/config.js';
import { createDeviceManager, type DeviceManager } from '../../../src/devices/manager.js';
import { VendorLibraryReader } from '../../../src/devices/vendor-library/reader.js';
import type { Identity } from '../../../src/shared/domain.js';
import { buildCardLibrary, CARD_PERSON, HSM_CHALLENGE, hsmKeyFor, type LibraryName } from '../../helpers/card-libraries.js';
import { tempDir } from '../../helpers/tmp.js';
import { until } from './until.js';

const t = tempDir('card-lib-');
const libs = {} as Record<LibraryName | 'ok2', string>;
let keyService: http.Server;
let keyUrl = '';
const keyRequests: string[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  for (const name of ['ok', 'error', 'hang', 'garbage', 'crash', 'stdcallInt', 'hsm'] as const) libs[name] = buildCardLibrary(t.dir, name);
  libs.ok2 = buildCardLibrary(t.dir, 'ok', { WANT_ITYPE: 2 });
  keyService = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const challenge = Buffer.concat(chunks).toString('latin1');
      keyRequests.push(challenge);
      res.end(hsmKeyFor(challenge));
    });
  });
  await new Promise<void>((r) => keyService.listen(0, '127.0.0.1', () => r()));
  keyUrl = `http://127.0.0.1:${(keyService.address() as AddressInfo).port}/hsm/key`;
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await new Promise<void>((r) => keyService.close(() => r()));
  t.cleanup();
});

const today = () => '2026-06-01';

async function reader(config: Record<string, unknown>) {
  const r = await VendorLibraryReader.open({ deviceId: 'lib1', config: VendorLibraryConfig.parse({ id: 'lib1', ...config }), today });
  const identities: Identity[] = [];
  const errors: Array<{ reason: string; field?: string }> = [];
  const closed: Array<string | undefined> = [];
  r.on('identity', (i) => identities.push(i));
  r.on('error', (e) => errors.push(e));
  r.on('close', (why) => closed.push(why));
  cleanups.push(() => r.dispose());
  return { r, identities, errors, closed };
}

describe('VendorLibraryReader (a library in its own process)', () => {
  it('reads the canned card: the GBK name and the ID number arrive as an identity; iType comes from the configuration', async () => {
    const { r, identities, errors } = await reader({ path: libs.ok2, iType: 2 });
    expect(await r.requestRead()).toBe(true);
    await r.settled();
    expect(errors).toEqual([]);
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ source: 'card', mdtrt_cert_type: '03', certno: CARD_PERSON.certno, psn_name: '欧阳秀英', deviceId: 'lib1' });
    expect(r.lastRead!.libMs).toBeGreaterThanOrEqual(0);
    expect(r.lastRead!.totalMs).toBeGreaterThanOrEqual(r.lastRead!.libMs);

    const wrongType = await reader({ path: libs.ok2, iType: 3 });
    await wrongType.r.requestRead();
    await wrongType.r.settled();
    expect(wrongType.errors.map((e) => e.reason)).toEqual(['读卡失败（返回 -3）：读卡方式不支持']);
  });

  it('a read asked for from the identity listener itself is a new read (the last one is over when told)', async () => {
    const { r, identities } = await reader({ path: libs.ok });
    r.on('identity', () => {
      if (identities.length < 3) void r.requestRead();
    });
    await r.requestRead();
    await until(() => identities.length === 3, 5000);
  });

  it('an error code is reported with the library’s reason (GBK), and the reader stays usable', async () => {
    const { r, identities, errors, closed } = await reader({ path: libs.error });
    await r.requestRead();
    await r.settled();
    await r.requestRead();
    await r.settled();
    expect(identities).toEqual([]);
    expect(errors.map((e) => e.reason)).toEqual(['读卡失败（返回 -11）：未检测到社保卡，请插卡', '读卡失败（返回 -11）：未检测到社保卡，请插卡']);
    expect(closed).toEqual([]);
  });

  it('a library that hangs is abandoned after timeoutMs: the read fails with the reason and the reader closes for a restart', async () => {
    const { r, errors, closed } = await reader({ path: libs.hang, timeoutMs: 300 });
    const t0 = Date.now();
    await r.requestRead();
    await r.settled();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(errors.map((e) => e.reason)).toEqual(['读卡库 300 毫秒内没有返回（卡住），已停止其进程']);
    expect(closed).toEqual(['读卡库 300 毫秒内没有返回（卡住），已停止其进程']);
    expect(await r.requestRead()).toBe(false);
  });

  it('garbage with return code 0 is a field error, never an identity', async () => {
    const { r, identities, errors } = await reader({ path: libs.garbage });
    await r.requestRead();
    await r.settled();
    expect(identities).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].reason).toMatch(/^读卡库返回的卡信息无法识别：/);
    expect(errors[0].field).toBeTruthy();
  });

  it('a segfault in the library is a status with its reason: this process goes on', async () => {
    const { r, errors, closed } = await reader({ path: libs.crash });
    await r.requestRead();
    await until(() => closed.length > 0, 5000);
    expect(closed[0]).toMatch(/^读卡库崩溃（进程被信号 SIG(SEGV|BUS|ILL) 终止），正在重新加载$/);
    expect(errors.map((e) => e.reason)).toEqual([closed[0]]);
    expect(process.pid).toBeGreaterThan(0);
  });

  it('int + __stdcall as declared by some builds loads and reads', async () => {
    const { r, identities } = await reader({ path: libs.stdcallInt, returnType: 'int', callingConvention: 'stdcall' });
    await r.requestRead();
    await r.settled();
    expect(identities.map((i) => i.psn_name)).toEqual(['欧阳秀英']);
  });

  it('HSM two-step: step 1’s output goes to the key service, its key to step 2; a file key works; a wrong key is the library’s refusal', async () => {
    keyRequests.length = 0;
    const viaHttp = await reader({ path: libs.hsm, hsm: { key: { kind: 'http', url: keyUrl } } });
    await viaHttp.r.requestRead();
    await viaHttp.r.settled();
    expect(keyRequests).toEqual([HSM_CHALLENGE]);
    expect(viaHttp.errors).toEqual([]);
    expect(viaHttp.identities.map((i) => i.certno)).toEqual([CARD_PERSON.certno]);

    const keyFile = path.join(t.dir, 'hsm.key');
    fs.writeFileSync(keyFile, `${hsmKeyFor(HSM_CHALLENGE)}\n`);
    const viaFile = await reader({ path: libs.hsm, hsm: { key: { kind: 'file', path: keyFile } } });
    await viaFile.r.requestRead();
    await viaFile.r.settled();
    expect(viaFile.identities).toHaveLength(1);

    fs.writeFileSync(keyFile, 'KEY-WRONG');
    await viaFile.r.requestRead();
    await viaFile.r.settled();
    expect(viaFile.errors.map((e) => e.reason)).toEqual(['读卡失败（返回 -7）：安全模块密钥错误']);

    const noService = await reader({ path: libs.hsm, hsm: { key: { kind: 'http', url: 'http://127.0.0.1:1/key', timeoutMs: 500 } } });
    await noService.r.requestRead();
    await noService.r.settled();
    expect(noService.errors[0].reason).toMatch(/^安全模块读卡第二步没有密钥：无法连接密钥服务 http:\/\/127\.0\.0\.1:1\/key/);
  });

  it('polling reports a card once while it stays, and an empty reader once, not at every poll', async () => {
    const [card, empty] = await Promise.all([reader({ path: libs.ok, pollMs: 300 }), reader({ path: libs.error, pollMs: 300 })]);
    // three polls each
    await new Promise((r) => setTimeout(r, 1000));
    expect(card.identities).toHaveLength(1);
    expect(empty.errors).toHaveLength(1);
  });

  it('a function the library does not export refuses to load, naming it', async () => {
    await expect(VendorLibraryReader.open({ deviceId: 'x', config: VendorLibraryConfig.parse({ id: 'x', path: libs.ok, function: 'iReadCardBasX' }), today })).rejects.toThrow(/无法加载读卡库 .*iReadCardBasX/);
  });
});

describe('vendor-library through the device manager', () => {
  async function manager(vendorLibraries: DevicesConfigInput['vendorLibraries']): Promise<{ m: DeviceManager; ids: Identity[]; errors: string[] }> {
    const m = createDeviceManager({ virtual: false, pollMs: 100, vendorLibraries } as DevicesConfigInput, { today });
    const ids: Identity[] = [];
    const errors: string[] = [];
    m.on('identity', (i: Identity) => ids.push(i));
    m.on('device-error', (e: { reason: string }) => errors.push(e.reason));
    await m.start();
    cleanups.push(() => m.stop());
    return { m, ids, errors };
  }
  const lib = (m: DeviceManager, id: string) => m.status().find((d) => d.id === id)!;

  it('connected with transport "library"; 读卡 reads through it; a missing file is disconnected, a missing function unavailable', async () => {
    const { m, ids } = await manager([
      { id: 'ss-card', path: libs.ok },
      { id: 'gone', path: path.join(t.dir, 'no-such.so') },
      { id: 'wrong-fn', path: libs.ok, function: 'nope' },
    ]);
    await until(() => lib(m, 'ss-card').state === 'connected', 5000);
    expect(lib(m, 'ss-card')).toMatchObject({ kind: 'card_reader', transport: 'library', label: `Card library ${path.basename(libs.ok)}` });
    expect(await m.requestCardRead()).toBe(true);
    await until(() => ids.length === 1, 5000);
    expect(ids[0].psn_name).toBe('欧阳秀英');
    await until(() => lib(m, 'wrong-fn').state === 'unavailable', 5000);
    expect(lib(m, 'wrong-fn').reason).toMatch(/nope/);
    expect(lib(m, 'gone')).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('not present') });
  });

  it('a library that crashes shows disconnected with the reason, then is loaded again', async () => {
    const { m, errors } = await manager([{ id: 'crashy', path: libs.crash }]);
    await until(() => lib(m, 'crashy').state === 'connected', 5000);
    const seen: string[] = [];
    m.on('status', () => seen.push(`${lib(m, 'crashy').state}:${lib(m, 'crashy').reason ?? ''}`));
    await m.requestCardRead();
    await until(() => seen.some((s) => s.startsWith('disconnected:读卡库崩溃')), 5000);
    expect(errors.some((e) => e.startsWith('读卡库崩溃'))).toBe(true);
    await until(() => lib(m, 'crashy').state === 'connected', 5000);
  });
});
