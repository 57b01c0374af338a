/**
 * Plain words, one language, one clock (issue 12), in real Chromium on a machine whose own time zone
 * and locale are not China's (America/New_York, en-US):
 * - what the main side says is in the screen's language only: no field paths, no configuration
 *   names, no English halves in Chinese, no Chinese in English; an offline confirm refused by the
 *   configuration says so in words and what to do;
 * - the status-bar clock, today's list and the end-of-day date are China time, dates as 2026-12-02;
 * - 开始对账 has its key (F9 in the end-of-day screen); while settlements wait for the next attempt the
 *   status bar counts down and 立即重试 stands out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addItem, confirmAndWait, posCall, presentFromDevPanel, presentPerson, settledPreview, terminalPerTest, tid, type Terminal } from './harness.js';

const EMPLOYEE = '530600000000000001'; // 张伟
const sample = path.resolve(import.meta.dirname, '../../samples/his-bill-outpatient.json');
const terminals = terminalPerTest();
const abroad = { timezoneId: 'America/New_York', locale: 'en-US' };

/** Latin words in a Chinese text, beyond key names (F9, Esc, Ctrl+E) */
const latinIn = (text: string) => text.replace(/\b(F\d{1,2}|Esc|Enter|Ctrl\+[A-Z])\b/g, '').match(/[A-Za-z]{2,}|[a-z]+\.[a-z]+/g) ?? [];
const hanIn = (text: string) => text.match(/\p{Script=Han}+/gu) ?? [];
const chinaTime = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(d);
const chinaDate = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const seconds = (hms: string) => hms.split(':').reduce((s, x) => s * 60 + Number(x), 0);

/** 张伟 with a bill, the center gone, his card again (from the cache now), F9: the banner's text */
async function confirmOffline(term: Terminal): Promise<string> {
  const { page } = term;
  await presentPerson(page, EMPLOYEE, 'card', '张伟');
  await addItem(page, '阿莫西林', '2');
  await settledPreview(page);
  await posCall(page, 'dev.setFaults', { down: true });
  await presentFromDevPanel(page, EMPLOYEE, 'card');
  await tid(page, 'person-stale').waitFor({ timeout: 10_000 });
  await page.keyboard.press('F9');
  await expect.poll(() => tid(page, 'error-banner').count(), { timeout: 10_000 }).toBe(1);
  return (await tid(page, 'error-banner').textContent()) ?? '';
}

describe('plain words, one language, one clock (browser mode, real Chromium)', () => {
  it('an offline confirm refused by the configuration says so in words, in Chinese only and then in English only', async () => {
    const term = await terminals.open({ browser: abroad });
    const { page } = term;
    const zh = await confirmOffline(term);
    const banner = tid(page, 'error-banner');
    expect(zh).toContain('离线结算');
    expect(zh).toContain('F9'); // what to do
    expect(latinIn(zh), zh).toEqual([]);
    expect(zh).not.toContain('offline.');
    expect(zh).not.toContain(' / ');
    await term.shot('words-1-offline-zh');

    await tid(page, 'lang-switch').click();
    await page.keyboard.press('F9');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('offline');
    const en = (await banner.textContent()) ?? '';
    expect(hanIn(en), en).toEqual([]);
    expect(en).not.toContain('allowConfirm');
    await term.shot('words-2-offline-en');
    await tid(page, 'lang-switch').click();
    await posCall(page, 'dev.setFaults', { down: false });
  });

  it('an offline confirm refused by a limit names the limit and the amounts, and says what to do', async () => {
    const term = await terminals.open({ overrides: { offline: { allowConfirm: true, maxPerSettlementFen: 1000 } } });
    const { page } = term;
    const zh = await confirmOffline(term);
    expect(zh).toContain('每笔最多 10.00 元，本笔 25.00 元');
    expect(zh).toContain('请等医保中心恢复后再结算');
    expect(latinIn(zh), zh).toEqual([]);
    await term.shot('words-1b-offline-limit');
    await posCall(page, 'dev.setFaults', { down: false });
  });

  it('a broken HIS file is described in the screen’s language, the field in words', async () => {
    const term = await terminals.open({ browser: abroad });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    const bad = JSON.parse(fs.readFileSync(sample, 'utf8'));
    bad.lines[2].pric = '29.805';
    delete bad.lines[1].med_list_codg;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'his-')), 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    await tid(page, 'his-file-input').setInputFiles(file);
    const error = tid(page, 'his-error');
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain('第2行');
    const zh = (await error.textContent()) ?? '';
    expect(latinIn(zh), zh).toEqual([]);
    await tid(page, 'lang-switch').click();
    await tid(page, 'his-file-input').setInputFiles(file);
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain('line 2');
    expect(hanIn((await error.textContent()) ?? '')).toEqual([]);
    await tid(page, 'lang-switch').click();
  });

  it('the clock, today’s list and the end-of-day date are China time; F9 starts the reconciliation', async () => {
    const term = await terminals.open({ browser: abroad });
    const { page } = term;
    // the browser's own zone really is New York here
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await expect.poll(async () => Math.abs(seconds((await tid(page, 'status-clock').textContent()) ?? '') - seconds(chinaTime())) % 86_400, { timeout: 5_000 }).toBeLessThanOrEqual(2);
    expect(await tid(page, 'status-clock').getAttribute('title')).toMatch(new RegExp(`^${chinaDate()} \\d{2}:\\d{2}:\\d{2}$`));

    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '1');
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    const created = (await posCall<Array<{ created_at: string }>>(page, 'settle.list', {})).data![0].created_at;
    await page.keyboard.press('F6');
    const row = tid(page, 'settlement-row').first();
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe(chinaTime(new Date(created)));
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+e');
    await tid(page, 'end-of-day').waitFor();
    const date = tid(page, 'eod-date');
    expect(await date.inputValue()).toBe(chinaDate());
    expect(await date.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await date.fill('2026-02-30');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await date.fill(chinaDate());
    await tid(page, 'eod-status').count();
    await page.keyboard.press('F9'); // 开始对账 by keyboard
    await tid(page, 'eod-status').waitFor({ timeout: 20_000 });
    await term.shot('words-3-clock-eod');
  });

  it('while settlements wait for the next attempt the status bar counts down and 立即重试 stands out', async () => {
    const term = await terminals.open({ overrides: { center: { retryBaseMs: 4000, retryMaxMs: 8000, timeoutMs: 2000 } } });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '1');
    await settledPreview(page);
    await posCall(page, 'dev.setFaults', { down: true });
    await confirmAndWait(term, 'queued');
    const countdown = tid(page, 'status-retry-in');
    await expect.poll(async () => Number((await countdown.getAttribute('data-seconds')) ?? -1), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await countdown.textContent()).toMatch(/\d+ 秒后自动重发/);
    expect(await tid(page, 'retry-now').getAttribute('data-attention')).toBe('true');
    await term.shot('words-4-retry-countdown');
    // the center is back; the cashier need not wait for the countdown
    await page.evaluate(() => (window as unknown as { pos: { call(n: string, i: unknown): Promise<unknown> } }).pos.call('dev.setFaults', { down: false }));
    await tid(page, 'retry-now').click();
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('settled');
    await expect.poll(() => tid(page, 'retry-now').getAttribute('data-attention')).toBe('false');
  });
});
