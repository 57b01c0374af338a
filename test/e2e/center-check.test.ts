/**
 * The connection check from the screen (real Chromium, browser mode) against an HTTPS simulator with
 * a CA made here and SM2-signed messages: the status bar marks a certificate expiring within a
 * month, the dialog shows the way to the center, runs the steps one by one, and names the failing
 * step with its reason when the center refuses the sign-in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../src/center-sim/index.js';
import { makePki } from '../helpers/pki.js';
import { createFirstAdmin, terminalPerTest, tid } from './harness.js';

const terminals = terminalPerTest();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-center-check-'));
const key = smCrypto.sm2.generateKeyPairHex();
let sim: CenterSim;
let overrides: Record<string, unknown>;

beforeAll(async () => {
  const pki = makePki(path.join(dir, 'pki'));
  sim = await startCenterSim({ dbPath: path.join(dir, 'sim.db'), tls: pki.serverValidFor(20), security: { schemes: ['sm2-cainfo'], terminalPublicKey: Buffer.from(key.publicKey, 'hex') } });
  const secrets = path.join(dir, 'secrets.json');
  fs.writeFileSync(secrets, JSON.stringify({ sm2PrivateKey: Buffer.from(key.privateKey, 'hex').toString('base64') }), { mode: 0o600 });
  overrides = {
    center: { url: sim.url, retryBaseMs: 300, retryMaxMs: 1500, timeoutMs: 4000, tls: { caFile: pki.caFile }, signing: { schemes: 'sm2-cainfo', secretsFile: secrets } },
    devices: { virtual: false },
  };
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('center connection check on screen', () => {
  it('from the status bar: certificates with their expiry, every step passing, then the refused sign-in named with its reason', async () => {
    const term = await terminals.open({ overrides, cashier: null });
    await createFirstAdmin(term.page); // a real center: no demo cashier
    const { page } = term;
    const open = tid(page, 'center-check-open');
    await expect.poll(() => open.isVisible(), { timeout: 10_000 }).toBe(true);
    // the center's certificate expires in 20 days: marked in the status bar once the link has answered
    await expect.poll(() => tid(page, 'center-cert-warning').textContent(), { timeout: 10_000 }).toMatch(/证书 (19|20) 天后到期/);

    await open.click();
    const dialog = tid(page, 'center-check-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await tid(page, 'center-check-info').textContent()).toContain(sim.url);
    expect(await tid(page, 'center-check-schemes').textContent()).toBe('sm2-cainfo');
    const server = page.locator('[data-testid="center-check-cert"][data-role="server"]');
    expect(await server.getAttribute('data-soon')).toBe('true');
    expect(await server.textContent()).toContain('即将到期');

    const zhang = sim.people().find((p) => p.label.includes('张伟'))!;
    await tid(page, 'center-check-person').fill(zhang.certno);
    await tid(page, 'center-check-run').click();
    const summary = tid(page, 'center-check-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain('全部通过，1 项需要注意');
    const steps = page.locator('[data-testid="center-check-step"]');
    expect(await steps.count()).toBe(8);
    const status = async (id: string) => page.locator(`[data-testid="center-check-step"][data-step="${id}"]`).getAttribute('data-status');
    for (const id of ['dns', 'tcp', 'http', 'envelope', 'signature', 'signin', 'person']) expect(await status(id), id).toBe('ok');
    expect(await status('tls')).toBe('warn');
    expect(await page.locator('[data-step="person"]').textContent()).not.toContain(zhang.certno);
    await term.shot('center-check-1-all-passed');

    sim.setFaults({ businessError: { infcode: -1, err_msg: '操作员 1001 未在医保中心备案' }, onlyInfno: '9001' });
    await tid(page, 'center-check-run').click();
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain('1 步未通过');
    expect(await status('signin')).toBe('failed');
    expect(await status('person')).toBe('skipped');
    expect(await page.locator('[data-step="signin"] [data-testid="center-check-reason"]').textContent()).toBe('原因：医保中心拒绝签到：操作员 1001 未在医保中心备案');
    await term.shot('center-check-2-signin-refused');
    sim.setFaults({ businessError: null, onlyInfno: null });

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // at the smallest counter screen the status bar still shows the way in and the warning, uncut
    await page.setViewportSize({ width: 1024, height: 768 });
    const bar = await tid(page, 'status-bar').boundingBox();
    const badge = await tid(page, 'center-cert-warning').boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(1024);
    expect(badge!.y).toBeGreaterThanOrEqual(bar!.y);
    await open.click();
    await term.shot('center-check-3-1024x768');
  });
});
