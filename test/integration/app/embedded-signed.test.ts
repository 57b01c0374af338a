/**
 * The whole terminal configured for every scheme at once (sm4-envelope + sm2-cainfo + tif-header)
 * with the embedded simulator: the simulator mirrors the configuration and verifies what the
 * terminal sends, so sign-in, identification, a settlement through the outbox and the connection
 * check all go signed and encrypted, end to end.
 */
import fs from 'node:fs';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { startApp, type AppUnderTest } from './app-harness.js';

const EMPLOYEE = '530600000000000001';
const AMOXICILLIN = 'XJ01CAA040A001010100001';
const keys = tempDir('embedded-signed-keys-');
let t: AppUnderTest;

beforeAll(async () => {
  const k = smCrypto.sm2.generateKeyPairHex();
  const file = path.join(keys.dir, 'secrets.json');
  fs.writeFileSync(file, JSON.stringify({ tifSecret: 'embedded-gateway-secret', sm2PrivateKey: Buffer.from(k.privateKey, 'hex').toString('base64'), sm4Key: '00112233445566778899aabbccddeeff' }), { mode: 0o600 });
  t = await startApp({
    center: { timeoutMs: 5000, retryBaseMs: 100, retryMaxMs: 400, signing: { schemes: 'sm4-envelope+sm2-cainfo+tif-header', tifHeader: { paasid: 'zt_embedded' }, secretsFile: file } },
  });
});
afterAll(async () => {
  await t.close();
  keys.cleanup();
});

describe('embedded default with every scheme configured', () => {
  it('signs in, identifies, settles through the outbox and passes the connection check, all verified by the simulator', async () => {
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    const r = await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '2' }]), requestId: t.newRequestId() });
    expect(r.ok).toBe(true);
    await t.app.worker.drainNow();
    expect((await t.call('settle.get', { id: r.data.id })).data.status).toBe('settled');
    expect(t.app.sim!.settlements().filter((s: { psn_no: string }) => s.psn_no === EMPLOYEE)).toHaveLength(1);

    const check = await t.call('center.check', {});
    expect(check.data.ok).toBe(true);
    expect(check.data.steps.find((s: { id: string }) => s.id === 'signature').detail).toBe('签名方案 sm4-envelope+sm2-cainfo+tif-header 通过验证');
  });

  it('the simulator really checks: an unsigned request is refused by its gateway', async () => {
    const res = await fetch(`${t.app.sim!.url}/fsi/api/rsfComIfsService/callService`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });
});
