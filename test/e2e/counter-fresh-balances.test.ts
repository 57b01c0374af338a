/**
 * Fresh balances and the co-pay story (issue 12), in real Chromium against the embedded center:
 * - after a settlement the own balance and the co-pay authorizer's balance on screen are the center's;
 * - the result panel names who paid from the co-pay account (relation, masked name) and its balance
 *   after; an expired binding shows its end date;
 * - the person card shows the year's accumulations, and they move with a settlement;
 * - with the co-pay choice open at 1024×768 the patient's name and the amount to collect stay in view;
 * - a digit moves the focus to the option it chose (one option looks chosen); without a binding, F7
 *   then a digit leaves the item search alone.
 */
import { describe, expect, it } from 'vitest';
import { addItem, confirmAndWait, fen, posCall, presentPerson, settledPreview, terminalPerTest, tid, type Terminal } from './harness.js';
import { wholeInView } from './layout.js';

const EMPLOYEE = '530600000000000001'; // 张伟
const AUTHORIZER = '530600000000000004'; // 陈建国
const SPOUSE = '530600000000000005'; // 刘芳, bound to him as his spouse
const FATHER = '530600000000000007'; // 陈德明
const RESIDENT = '530600000000000003'; // 王秀英, no binding, no account
const EXPIRED_USER = '530600000000000010'; // 赵小红, binding ended 2025-06-30

const terminals = terminalPerTest();

async function centerBalance(t: Terminal, psnNo: string): Promise<number> {
  const r = await posCall<{ balc: number }>(t.page, 'dev.authorizerBalance', { psn_no: psnNo });
  return r.data!.balc;
}
const focused = (t: Terminal) =>
  t.page.evaluate(() => `${document.activeElement?.getAttribute('data-testid') ?? ''}:${document.activeElement?.getAttribute('data-psn-no') ?? ''}`);
const option = (t: Terminal, psnNo: string) => t.page.locator(`[data-testid="mulaid-option"][data-psn-no="${psnNo}"]`);

describe('fresh balances and the co-pay story (browser mode, real Chromium)', () => {
  it('co-pay by keyboard: the focus follows the digit, the result names the payer and the balances on screen are the center’s', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, SPOUSE, 'card', '刘芳');
    await addItem(page, '头孢克洛', '3');
    await page.keyboard.press('F7');
    await expect.poll(() => focused(term)).toBe('mulaid-none:');
    await page.keyboard.press('1');
    await expect.poll(() => option(term, AUTHORIZER).getAttribute('data-selected')).toBe('true');
    // one answer looks chosen: the focus went with it
    await expect.poll(() => focused(term)).toBe(`mulaid-option:${AUTHORIZER}`);
    expect(await tid(page, 'mulaid-none').getAttribute('data-selected')).toBe('false');
    await expect.poll(() => fen(page, 'split-mulaid'), { timeout: 10_000 }).toBeGreaterThan(0);
    const p = await settledPreview(page);
    await confirmAndWait(term, 'settled');
    await term.shot('fresh-1-copay-settled');

    const after = await centerBalance(term, AUTHORIZER);
    expect(await tid(page, 'result-payer-mulaid').textContent()).toMatch(/共济账户支付（配偶 陈\*+）/);
    expect(await fen(page, 'result-mulaid-paid')).toBe(p.mulaid);
    await expect.poll(() => fen(page, 'result-mulaid-balance'), { timeout: 10_000 }).toBe(after);
    // the co-pay option on the patient's card shows the same balance, not the one before
    expect(await option(term, AUTHORIZER).locator('[data-testid="mulaid-balance"]').getAttribute('data-fen')).toBe(String(after));
  });

  it('the own account and the year’s accumulations follow the settlement', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    const dedcBefore = await fen(page, 'person-dedc-left');
    expect(dedcBefore).toBeGreaterThan(0);
    expect(await tid(page, 'person-pool-paid').count()).toBe(1);
    expect(await tid(page, 'person-pool-cap-left').count()).toBe(1);
    await addItem(page, '阿托伐他汀', '6');
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    const balc = await centerBalance(term, EMPLOYEE);
    await expect.poll(() => fen(page, 'person-balance'), { timeout: 10_000 }).toBe(balc);
    await expect.poll(() => fen(page, 'result-own-balance')).toBe(balc);
    // the deductible met by this bill is gone from what is left
    const split = (await posCall<Array<{ center: { act_pay_dedc: number; hifp_pay: number } }>>(page, 'settle.list', {})).data![0].center;
    await expect.poll(() => fen(page, 'person-dedc-left')).toBe(Math.max(0, dedcBefore - split.act_pay_dedc));
    expect(await fen(page, 'person-pool-paid')).toBe(split.hifp_pay);
    await term.shot('fresh-2-own-account');
  });

  it('an expired binding shows its end date; without a binding F7 and a digit leave the item search alone', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EXPIRED_USER, 'card', '赵小红');
    expect(await tid(page, 'mulaid-reason').textContent()).toContain('2025-06-30');
    await page.keyboard.press('F2');
    await presentPerson(page, RESIDENT, 'card', '王秀英');
    await addItem(page, '阿莫西林', '1');
    await tid(page, 'item-search').focus();
    await page.keyboard.press('F7');
    await expect.poll(() => focused(term)).toBe('mulaid-question:');
    await page.keyboard.press('1');
    await page.waitForTimeout(300);
    expect(await tid(page, 'item-search').inputValue()).toBe('');
    await term.shot('fresh-3-no-binding');
  });

  it('with the co-pay choice open at 1024×768 the patient’s name and the amount to collect stay in view', async () => {
    const term = await terminals.open();
    const { page } = term;
    await page.setViewportSize({ width: 1024, height: 768 });
    await presentPerson(page, FATHER, 'card', '陈德明');
    await addItem(page, '头孢克洛', '2');
    await addItem(page, '板蓝根', '1');
    await settledPreview(page);
    await page.keyboard.press('F7');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('0');
    await expect.poll(() => tid(page, 'mulaid-none').getAttribute('data-selected')).toBe('true');
    await page.keyboard.press('1');
    await expect.poll(() => option(term, AUTHORIZER).getAttribute('data-selected')).toBe('true');
    expect(await wholeInView(page, 'person-name')).toBe(true);
    expect(await wholeInView(page, 'split-cash')).toBe(true);
    await term.shot('fresh-4-copay-1024');
  });
});
