/**
 * Security at the counter, in Chromium: the lockout is per cashier, says until when, and survives a
 * restart; a supervisor unlocks a locked screen or switches the cashier; the reversal dialog takes a
 * supervisor's number and PIN; an administrator manages cashiers on a screen of his own; a cashier
 * changes his PIN; a tampered audit log turns the status bar red; a first start against a real center
 * asks for the first administrator. Screenshots at 1366×768 and 1024×768.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../src/center-sim/index.js';
import { addItem, confirmAndWait, createFirstAdmin, login, logout, presentPerson, startTerminal, tid, type Terminal } from './harness.js';

let terms: Terminal[] = [];
let sim: CenterSim | null = null;
const kept: string[] = [];
afterEach(async () => {
  for (const t of terms.splice(0)) await t.close();
  await sim?.close();
  sim = null;
  for (const d of kept.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
async function open(overrides: Record<string, unknown> = {}) {
  const t = await startTerminal(overrides);
  terms.push(t);
  return t;
}
/** a data directory that outlives one terminal, so the next one starts on it */
function keptDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-data-'));
  kept.push(d);
  return d;
}
async function tryLogin(t: Terminal, no: string, pin: string) {
  await tid(t.page, 'login-cashier').fill(no);
  await tid(t.page, 'login-pin').fill(pin);
  await tid(t.page, 'login-submit').click();
}
async function bothSizes(t: Terminal, name: string) {
  for (const [w, h] of [[1366, 768], [1024, 768]] as const) {
    await t.page.setViewportSize({ width: w, height: h });
    await t.shot(`security-${name}-${w}`);
  }
  await t.page.setViewportSize({ width: 1366, height: 900 });
}

describe('login lockout', () => {
  it('five wrong PINs lock that cashier only, say until when (also for the right PIN), and a restart keeps it', async () => {
    const dataDir = keptDir();
    const t = await open({ dataDir });
    for (let i = 0; i < 5; i++) await tryLogin(t, '1001', '0000');
    await expect.poll(() => tid(t.page, 'login-error').textContent()).toMatch(/^已锁定，\d{2}:\d{2} 后可再试/);
    await tryLogin(t, '1001', '1234');
    await expect.poll(() => tid(t.page, 'login-error').textContent()).toMatch(/^已锁定，\d{2}:\d{2} 后可再试/);
    expect(await tid(t.page, 'login-error').textContent()).not.toContain('工号或密码错误');
    await bothSizes(t, 'locked-out');
    // another cashier is not locked
    await login(t.page, '1002', '2345');
    await t.close();
    terms = [];

    const again = await open({ dataDir });
    await tryLogin(again, '1001', '1234');
    await expect.poll(() => again.page.locator('[data-testid="login-error"]').textContent()).toMatch(/已锁定/);
  });
});

describe('the lock screen', () => {
  it('a supervisor unlocks it for the cashier, or switches the cashier', async () => {
    const t = await open();
    await login(t.page);
    await t.page.keyboard.press('F10');
    await tid(t.page, 'lock-screen').waitFor();
    await tid(t.page, 'supervisor-unlock-no').fill('1002');
    await tid(t.page, 'supervisor-unlock-pin').fill('2345');
    await tid(t.page, 'supervisor-unlock-submit').click();
    await expect.poll(() => tid(t.page, 'supervisor-unlock-error').textContent()).toContain('不是主管');
    await bothSizes(t, 'lock-screen');
    await tid(t.page, 'supervisor-unlock-no').fill('9001');
    await tid(t.page, 'supervisor-unlock-pin').fill('9999');
    await tid(t.page, 'supervisor-unlock-submit').click();
    await tid(t.page, 'lock-screen').waitFor({ state: 'detached' });
    expect(await tid(t.page, 'status-cashier').textContent()).toContain('1001');

    await t.page.keyboard.press('F10');
    await tid(t.page, 'supervisor-unlock-no').fill('9001');
    await tid(t.page, 'supervisor-unlock-pin').fill('9999');
    await tid(t.page, 'supervisor-switch-submit').click();
    await tid(t.page, 'login-form').waitFor();
    await login(t.page, '1002', '2345');
  });
});

describe('reversal at the window', () => {
  it('asks a supervisor; a wrong PIN or a cashier is refused in the dialog; the supervisor approves', async () => {
    const t = await open();
    await login(t.page);
    await presentPerson(t.page, '530600000000000003', 'card', '王秀英');
    await addItem(t.page, '阿莫西林', '1');
    await confirmAndWait(t, 'settled');
    await t.page.keyboard.press('F6');
    await tid(t.page, 'settlement-row').first().click();
    await t.page.keyboard.press('F8');
    await tid(t.page, 'reverse-approval').waitFor();
    await tid(t.page, 'reverse-reason').fill('患者退药');
    await tid(t.page, 'reverse-approval-no').fill('9001');
    await tid(t.page, 'reverse-approval-pin').fill('1111');
    await tid(t.page, 'reverse-confirm').click();
    await expect.poll(() => tid(t.page, 'reverse-error').textContent()).toBe('主管工号或密码错误');
    expect(await tid(t.page, 'settlement-row').first().getAttribute('data-status')).toBe('settled');
    await bothSizes(t, 'reverse-approval');
    await tid(t.page, 'reverse-approval-pin').fill('9999');
    await tid(t.page, 'reverse-confirm').click();
    await expect.poll(() => tid(t.page, 'settlement-row').first().getAttribute('data-status'), { timeout: 15_000 }).toMatch(/revers/);
  });
});

describe('administration', () => {
  it('an administrator adds a cashier and resets a PIN on his own screen; the cashier changes his PIN', async () => {
    const t = await open();
    await login(t.page, '1001', '1234');
    expect(await tid(t.page, 'admin-open').count()).toBe(0); // a cashier has no administrator screen
    await logout(t.page);
    await login(t.page, '9901', '2468');
    await tid(t.page, 'admin-open').click();
    await tid(t.page, 'admin-screen').waitFor();
    await tid(t.page, 'admin-add-no').fill('1003');
    await tid(t.page, 'admin-add-name').fill('孙收费');
    await tid(t.page, 'admin-add-pin').fill('4826');
    await tid(t.page, 'admin-add-submit').click();
    const row = t.page.locator('[data-testid="admin-cashier-row"][data-no="1003"]');
    await row.waitFor();
    await t.page.locator('[data-testid="admin-cashier-row"][data-no="1002"] [data-testid="admin-toggle"]').click();
    await expect.poll(() => t.page.locator('[data-testid="admin-cashier-row"][data-no="1002"]').getAttribute('data-active')).toBe('false');
    await expect.poll(() => tid(t.page, 'admin-audit-state').getAttribute('data-state')).toBe('ok');
    expect(await tid(t.page, 'admin-audit-head').textContent()).toMatch(/#\d+ [0-9a-f]{16}/);
    await bothSizes(t, 'admin');
    await t.page.keyboard.press('Escape');
    await tid(t.page, 'admin-screen').waitFor({ state: 'detached' });
    await logout(t.page);

    await login(t.page, '1003', '4826');
    await tid(t.page, 'change-pin-open').click();
    await tid(t.page, 'change-pin-old').fill('4826');
    await tid(t.page, 'change-pin-new').fill('1111');
    await tid(t.page, 'change-pin-new2').fill('1111');
    await tid(t.page, 'change-pin-submit').click();
    await expect.poll(() => tid(t.page, 'change-pin-error').textContent()).toContain('容易被猜到');
    await tid(t.page, 'change-pin-old').fill('4826');
    await tid(t.page, 'change-pin-new').fill('7391');
    await tid(t.page, 'change-pin-new2').fill('7391');
    await tid(t.page, 'change-pin-submit').click();
    await tid(t.page, 'change-pin-done').waitFor();
    await tid(t.page, 'change-pin-close').click();
    await logout(t.page);
    await login(t.page, '1003', '7391');
  });
});

describe('a tampered audit log', () => {
  it('turns the status bar red at the next start, naming the broken entry', async () => {
    const dataDir = keptDir();
    const t = await open({ dataDir });
    await login(t.page);
    await expect.poll(() => tid(t.page, 'status-security').getAttribute('data-state')).toBe('ok');
    await t.close();
    terms = [];
    const db = new Database(path.join(dataDir, 'terminal.db'));
    db.prepare("UPDATE audit SET actor = '9001' WHERE action = 'session.login'").run();
    db.close();
    const again = await open({ dataDir });
    await login(again.page);
    await expect.poll(() => tid(again.page, 'status-security').getAttribute('data-state'), { timeout: 10_000 }).toBe('broken');
    expect(await tid(again.page, 'status-security').textContent()).toContain('审计已被篡改');
    expect(await tid(again.page, 'status-security').getAttribute('title')).toMatch(/audit #\d+ .*session\.login/);
    await bothSizes(again, 'audit-broken');
  });
});

describe('a first start against a real center', () => {
  it('no demo cashier exists; the first administrator is created and signed in', async () => {
    const dataDir = keptDir();
    sim = await startCenterSim({ dbPath: path.join(dataDir, 'center.db') });
    const t = await open({ dataDir, center: { url: sim.url, retryBaseMs: 300, retryMaxMs: 1500, timeoutMs: 4000 } });
    await tid(t.page, 'first-admin').waitFor();
    await bothSizes(t, 'first-admin');
    await createFirstAdmin(t.page, '0001', '4826');
    expect(await tid(t.page, 'status-cashier').textContent()).toContain('0001');
  });
});
