/**
 * End-to-end harness: a real terminal in browser mode (host + embedded simulator + SQLite in a temp
 * dir) and real Chromium driven by playwright-core. Screenshots go to artifacts/e2e/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { startBrowserMode, type BrowserModeHandle } from '../../src/main/browser-mode.js';

const root = path.resolve(import.meta.dirname, '../..');
export const rendererDir = path.join(root, 'dist/renderer');
export const artifactsDir = path.join(root, 'artifacts/e2e');

/** Build the renderer once if `npm run setup` has not (e.g. a test run straight after a checkout). */
export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(rendererDir, 'index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Terminal {
  handle: BrowserModeHandle;
  browser: BrowserContext;
  page: Page;
  dataDir: string;
  /** what Chromium refused under the CSP so far; a test that provokes a refusal on purpose empties it */
  cspViolations: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The browser's own settings (a machine in another time zone, another locale). */
export interface BrowserSettings {
  timezoneId?: string;
  locale?: string;
}

export async function startTerminal(overrides: Record<string, unknown> = {}, settings: BrowserSettings = {}): Promise<Terminal> {
  ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-chromium-'));
  const handle = await startBrowserMode({
    staticDir: rendererDir,
    overrides: { dataDir, center: { retryBaseMs: 300, retryMaxMs: 1500, timeoutMs: 4000 }, ...overrides },
    log: () => undefined,
  });
  // a fresh profile per terminal (playwright passes it as --user-data-dir)
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    locale: settings.locale ?? 'zh-CN',
    ...(settings.timezoneId ? { timezoneId: settings.timezoneId } : {}),
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  // the CSP forbids inline style and script: anything Chromium refuses fails the test when it closes
  const cspViolations: string[] = [];
  const watchCsp = (p: Page) => p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  watchCsp(page);
  browser.on('page', watchCsp);
  await page.goto(handle.url);
  fs.mkdirSync(artifactsDir, { recursive: true });
  return {
    handle,
    browser,
    page,
    dataDir,
    cspViolations,
    async shot(name) {
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(profile, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`the page broke its Content Security Policy:\n${cspViolations.join('\n')}`);
    },
  };
}

export const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

export async function login(page: Page, cashier = '1001', pin = '1234'): Promise<void> {
  // when the login screen never comes, say what the page shows instead of a bare timeout
  await tid(page, 'login-cashier').waitFor({ timeout: 20_000 }).catch(async (e: Error) => {
    const shown = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`${e.message}\nthe page shows instead:\n${shown.slice(0, 2000)}`);
  });
  await tid(page, 'login-cashier').fill(cashier);
  await tid(page, 'login-pin').fill(pin);
  await tid(page, 'login-submit').click();
  await expect.poll(() => tid(page, 'identify-certno').isVisible(), { timeout: 10_000 }).toBe(true);
}

/** Sign out without a hand-over: the hand-over dialog offers 仅退出 (skip) beside recording the shift. */
export async function logout(page: Page): Promise<void> {
  await tid(page, 'logout').click();
  await tid(page, 'handover-dialog').waitFor();
  await tid(page, 'handover-skip').click();
  await tid(page, 'login-cashier').waitFor();
}

/** A first start against a real center has no cashier: create the first administrator and sign in. */
export async function createFirstAdmin(page: Page, no = '0001', pin = '4826', name = '管理员'): Promise<void> {
  await tid(page, 'first-admin').waitFor();
  await tid(page, 'first-admin-no').fill(no);
  await tid(page, 'first-admin-name').fill(name);
  await tid(page, 'first-admin-pin').fill(pin);
  await tid(page, 'first-admin-pin2').fill(pin);
  await tid(page, 'first-admin-submit').click();
  await tid(page, 'admin-open').waitFor();
}

export interface Opening {
  /** configuration overrides for the terminal */
  overrides?: Record<string, unknown>;
  /** who signs in: cashier number and PIN (default the demo cashier 1001 / 1234); null stays at the login screen */
  cashier?: readonly [no: string, pin: string] | null;
  browser?: BrowserSettings;
}

/**
 * The opening of a counter test, one terminal per test: `const terminals = terminalPerTest()` at the
 * top of the file, then `const term = await terminals.open()` starts a terminal, opens its page and
 * signs the cashier in. The terminal is closed after the test, also when the opening fails.
 */
export function terminalPerTest(): { open(opening?: Opening): Promise<Terminal> } {
  let current: Terminal | null = null;
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return {
    async open({ overrides, cashier = ['1001', '1234'], browser } = {}) {
      current = await startTerminal(overrides, browser);
      if (cashier) await login(current.page, ...cashier);
      return current;
    },
  };
}

/** Wait until the identify panel names the person. */
export async function expectPerson(page: Page, name: string): Promise<void> {
  await expect.poll(() => tid(page, 'person-name').textContent(), { timeout: 10_000 }).toContain(name);
}

/** Present a seeded person's card or e-voucher from the developer panel and wait until they are identified. */
export async function presentPerson(page: Page, psnNo: string, how: 'card' | 'qr', name: string): Promise<void> {
  await presentFromDevPanel(page, psnNo, how);
  await expectPerson(page, name);
}

/**
 * Open the developer panel with F12, as a tester does: once the key legend offers F12. The terminal
 * learns that the panel is available (embedded default) from app.info, which can arrive after the
 * sign-in on a busy machine; an F12 pressed before that does nothing, as it would for a person.
 */
export async function openDevPanel(page: Page): Promise<void> {
  await tid(page, 'key-F12').waitFor();
  await page.keyboard.press('F12');
  await tid(page, 'dev-panel').waitFor();
}

/** Present a seeded person's card or e-voucher from the developer panel (F12). */
export async function presentFromDevPanel(page: Page, psnNo: string, how: 'card' | 'qr'): Promise<void> {
  if (!(await tid(page, 'dev-panel').isVisible())) await openDevPanel(page);
  const row = page.locator(`[data-testid="dev-person"][data-psn-no="${psnNo}"]`);
  await row.locator(`[data-testid="${how === 'card' ? 'dev-present-card' : 'dev-present-qr'}"]`).click();
  await page.keyboard.press('F12'); // close the panel again
}

export async function identifyByCertno(page: Page, certno: string): Promise<void> {
  await tid(page, 'identify-certno').fill(certno);
  await tid(page, 'identify-submit').click();
}

/** Add a catalog item to the pharmacy bill by search text; sets the quantity when given. */
export async function addItem(page: Page, query: string, qty?: string): Promise<void> {
  await tid(page, 'item-search').fill(query);
  await tid(page, 'item-search-result').first().waitFor();
  await tid(page, 'item-search').press('Enter');
  if (qty) {
    const line = tid(page, 'bill-line').last();
    await line.locator('[data-testid="bill-line-qty"]').fill(qty);
    await line.locator('[data-testid="bill-line-qty"]').press('Tab');
  }
}

export async function fen(page: Page, id: string): Promise<number> {
  const v = await tid(page, id).getAttribute('data-fen');
  return Number(v);
}

/** Wait until the preview of the bill as it is shows the five parts adding up to the total. */
export async function settledPreview(page: Page): Promise<{ medfee: number; fund: number; acct: number; mulaid: number; cash: number }> {
  let parts = { medfee: 0, fund: 0, acct: 0, mulaid: 0, cash: 0 };
  await expect
    .poll(async () => {
      parts = {
        medfee: await fen(page, 'split-medfee'),
        fund: await fen(page, 'split-fund'),
        acct: await fen(page, 'split-acct'),
        mulaid: await fen(page, 'split-mulaid'),
        cash: await fen(page, 'split-cash'),
      };
      // the preview of the bill as it is now: not still updating, and for the bill's total
      const settled = (await tid(page, 'split-panel').getAttribute('data-updating')) === 'false';
      const total = (await tid(page, 'bill-total').count()) > 0 ? await fen(page, 'bill-total') : parts.medfee;
      return settled && parts.medfee === total && parts.medfee > 0 && parts.fund + parts.acct + parts.mulaid + parts.cash === parts.medfee;
    }, { timeout: 10_000 })
    .toBe(true);
  return parts;
}

/** Confirm with F9 and wait for the result panel's status. */
export async function confirmAndWait(t: Pick<Terminal, 'page'>, status: string): Promise<void> {
  await t.page.keyboard.press('F9');
  await expect.poll(() => tid(t.page, 'result-status').getAttribute('data-status'), { timeout: 15_000 }).toBe(status);
}

/** Call the contract directly from the page (as the renderer does), e.g. for developer lookups. */
export async function posCall<T = unknown>(page: Page, name: string, input: unknown): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string; field: string | null } }> {
  return page.evaluate(([n, i]) => (window as unknown as { pos: { call(n: string, i: unknown): Promise<never> } }).pos.call(n as string, i), [name, input] as const);
}
