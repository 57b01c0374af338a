/**
 * Where the OS key store wraps the data key (Electron's safeStorage), a process without it — the `pos`
 * command — can verify and administer (integrity key) but not read personal data: its sync worker
 * sends nothing, says why, and logs no send (so nothing is later taken for an unknown outcome).
 */
import { afterAll, expect, it } from 'vitest';
import { buildCore } from '../../../src/main/app.js';
import { setDefaultKeyProtector, type KeyProtector } from '../../../src/main/store/keys.js';
import { startApp } from '../app/app-harness.js';

const wrap = (b: Buffer) => Buffer.concat([Buffer.from('OS:'), b]);
const fakeOsKeystore: KeyProtector = { name: 'fake', available: () => true, encrypt: wrap, decrypt: (w) => w.subarray(3) };
afterAll(() => setDefaultKeyProtector(null));

it('the pos command sends nothing without the app’s OS key store, and says so', async () => {
  setDefaultKeyProtector(fakeOsKeystore);
  const a = await startApp();
  await a.login();
  expect(a.app.store.keys.dataProtection()).toBe('os-keystore');
  const p = await a.identifyTyped('530600000000000003');
  await a.app.worker.stop(); // the settlement stays queued for the command below
  const v = await a.call('settle.confirm', { ...a.draft(p.personRef, [{ code: 'XA11GAV017A001010100011', qty: '1' }]), requestId: a.newRequestId() });
  expect(v.ok).toBe(true);
  const sendsBefore = a.app.store.db.prepare('SELECT COUNT(*) FROM send_log').pluck().get();
  const dir = a.dir;
  const simUrl = a.app.sim!.url;
  try {
    setDefaultKeyProtector(null); // a plain Node process: the CLI
    const core = await buildCore({ shell: 'browser', overrides: { dataDir: dir, center: { url: simUrl, timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 } }, log: () => undefined });
    try {
      expect(core.store.keys.dataKeyAvailable()).toBe(false);
      const lines: string[] = [];
      await core.worker.drainNow((d) => lines.push(d.detail));
      const row = core.store.db.prepare("SELECT last_error FROM outbox WHERE settlement_id = ? AND status = 'pending' ORDER BY id LIMIT 1").get(v.data.id) as { last_error: string };
      expect(row.last_error).toMatch(/OS key store of the terminal app/);
      expect(core.store.db.prepare('SELECT COUNT(*) FROM send_log').pluck().get()).toBe(sendsBefore);
      // the integrity key is a plain file: the chain is still checked
      expect((await core.store.auditVerifier.verify()).ok).toBe(true);
    } finally {
      await core.close();
    }
  } finally {
    setDefaultKeyProtector(fakeOsKeystore);
    await a.close();
  }
});
