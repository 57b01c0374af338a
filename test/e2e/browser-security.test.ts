/**
 * Browser-mode hardening seen from a real Chromium: the CSP header is there and enforced, the page
 * cannot open windows or navigate away, and the api refuses a page from another origin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTerminal, type Terminal } from './harness.js';

let term: Terminal;
beforeAll(async () => {
  term = await startTerminal();
});
afterAll(async () => {
  await term.close();
});

describe('browser-mode security, in Chromium', () => {
  it('the app page carries a strict Content-Security-Policy', async () => {
    const res = await term.page.goto(term.handle.origin + '/');
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('an injected inline script does not run', async () => {
    const ran = await term.page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => term.cspViolations.some((v) => /inline script/.test(v))).toBe(true);
    term.cspViolations.length = 0; // provoked on purpose
  });

  it('an injected inline style (attribute or <style>) is not applied: the CSP has no unsafe-inline for styles', async () => {
    const applied = await term.page.evaluate(async () => {
      const host = document.createElement('div');
      host.innerHTML = '<p id="x-attr" style="color: rgb(255, 0, 0)">x</p><style>#x-block { color: rgb(0, 255, 0); }</style><p id="x-block">y</p>';
      document.body.appendChild(host);
      await new Promise((r) => setTimeout(r, 50));
      const color = (id: string) => getComputedStyle(document.getElementById(id)!).color;
      const r = { attr: color('x-attr'), block: color('x-block') };
      host.remove();
      return r;
    });
    expect(applied.attr).not.toBe('rgb(255, 0, 0)');
    expect(applied.block).not.toBe('rgb(0, 255, 0)');
    await expect.poll(() => term.cspViolations.filter((v) => /inline style/.test(v)).length).toBeGreaterThanOrEqual(2);
    term.cspViolations.length = 0; // provoked on purpose
  });

  it('window.open is denied and opens nothing', async () => {
    const before = term.browser.pages().length;
    const result = await term.page.evaluate(() => window.open('https://example.com/', '_blank') === null);
    expect(result).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(term.browser.pages().length).toBe(before);
  });

  it('a link away from the app does not navigate the page', async () => {
    await login(term.page);
    const url = term.page.url();
    await term.page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'http://example.com/phish';
      a.textContent = 'away';
      a.id = 'away-link';
      document.body.appendChild(a);
    });
    await term.page.click('#away-link');
    await new Promise((r) => setTimeout(r, 300));
    expect(term.page.url()).toBe(url);
  });

  it('a page from another origin cannot call the api, even from the same browser', async () => {
    // a "foreign site" on another loopback port tries a cross-site POST to the terminal
    const foreign = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>foreign</title>');
    });
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (foreign.address() as AddressInfo).port;
      const page = await term.browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      const status = await page.evaluate(async (target) => {
        try {
          const r = await fetch(`${target}/api/call/settle.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'include' });
          return r.status;
        } catch {
          return -1; // blocked before it was even sent
        }
      }, term.handle.origin);
      expect([401, 403, -1]).toContain(status);
      await page.close();
    } finally {
      foreign.close();
    }
  });
});
