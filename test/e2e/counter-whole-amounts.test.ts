/**
 * Every amount whole (issue 12): at 1366×768 and at 1024×768 (the Electron window's minimum), in
 * Chinese and in English, no amount, button or column is cut or hidden and nothing scrolls sideways
 * (layout.ts measures it) on each screen a cashier uses: the pharmacy bill with the co-pay choice,
 * the result (center answered, and center offline: the amount to collect still in the result panel),
 * a large balance, today's list, the outpatient HIS bill, F1 help (its close button on screen) and
 * the end of day with a result. Screenshots of each in artifacts/e2e/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem, confirmAndWait, login, posCall, presentPerson, settledPreview, startTerminal, tid, type Terminal } from './harness.js';
import { brokenWords, layoutProblems, wholeInView } from './layout.js';

const FATHER = '530600000000000007'; // 陈德明, bound to his son's co-pay account
const EMPLOYEE = '530600000000000001'; // 张伟, a large own balance
const AUTHORIZER = '530600000000000004';
const sample = path.resolve(import.meta.dirname, '../../samples/his-bill-outpatient.json');

let term: Terminal;
beforeAll(async () => {
  term = await startTerminal();
}, 60_000);
afterAll(async () => {
  await term?.close();
});

/** the layout in both languages, with a screenshot of each */
async function whole(name: string): Promise<void> {
  const { page } = term;
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') await tid(page, 'lang-switch').click();
    await page.waitForTimeout(50);
    await term.shot(`whole-${name}-${lang}`);
    expect(await layoutProblems(page), `${name} (${lang})`).toEqual([]);
    // the English person card wraps between words, never inside one
    if (lang === 'en' && (await tid(page, 'person-card').count()) > 0) expect(await brokenWords(page, 'person-card'), name).toEqual([]);
  }
  await tid(page, 'lang-switch').click(); // back to Chinese
}

describe.each([
  [1366, 768],
  [1024, 768],
])('every amount whole at %i×%i', (width, height) => {
  it('the bill, the result, the list, outpatient, help and end of day', async () => {
    const { page } = term;
    await page.locator('[data-testid="login-cashier"], [data-testid="identify-certno"]').first().waitFor();
    if (await tid(page, 'login-cashier').isVisible()) await login(page);
    await page.setViewportSize({ width, height });
    const size = `${width}`;
    await page.keyboard.press('F2');

    // a bill of three lines for a patient who may pay from the family co-pay account
    await presentPerson(page, FATHER, 'card', '陈德明');
    await addItem(page, '阿托伐他汀', '3');
    await addItem(page, '头孢克洛', '2');
    await addItem(page, '板蓝根', '12');
    await page.locator(`[data-testid="mulaid-option"][data-psn-no="${AUTHORIZER}"]`).click();
    await expect.poll(async () => Number(await tid(page, 'split-mulaid').getAttribute('data-fen')), { timeout: 10_000 }).toBeGreaterThan(0);
    await settledPreview(page);
    await whole(`${size}-1-bill`);

    await confirmAndWait(term, 'settled');
    await whole(`${size}-2-settled`);

    // a large own-account balance on the person card and in the result
    await page.keyboard.press('F2');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '云南白药', '1');
    await settledPreview(page);
    await whole(`${size}-3-balance`);

    // the center offline: the result panel still says what to collect
    expect((await posCall(page, 'dev.setFaults', { down: true })).ok).toBe(true);
    await confirmAndWait(term, 'queued');
    expect(await tid(page, 'result-panel').locator('[data-fen]').count()).toBeGreaterThan(0);
    expect(await wholeInView(page, 'result-collect-amount')).toBe(true);
    expect(await tid(page, 'result-collect-amount').getAttribute('data-fen')).toBe(await tid(page, 'result-cash').getAttribute('data-fen'));
    await whole(`${size}-4-queued`);
    expect((await posCall(page, 'dev.setFaults', { down: false })).ok).toBe(true);
    await tid(page, 'retry-now').click();
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('settled');

    await page.keyboard.press('F6');
    await tid(page, 'settlement-row').first().waitFor();
    await whole(`${size}-5-list`);
    await page.keyboard.press('Escape');

    // outpatient: the sample HIS bill of five lines
    await page.keyboard.press('F2');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    await tid(page, 'his-file-input').setInputFiles(sample);
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(5);
    await settledPreview(page);
    await whole(`${size}-6-outpatient`);
    await page.keyboard.press('F5');

    await page.keyboard.press('F1');
    await tid(page, 'help-overlay').waitFor();
    expect(await wholeInView(page, 'help-close')).toBe(true);
    await whole(`${size}-7-help`);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+e');
    await tid(page, 'end-of-day').waitFor();
    await tid(page, 'eod-run').click();
    await tid(page, 'eod-group').first().waitFor({ timeout: 20_000 });
    await whole(`${size}-8-end-of-day`);
    await page.keyboard.press('Escape');
  }, 120_000);
});
