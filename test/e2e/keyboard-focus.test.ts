/**
 * The keyboard at the counter in real Chromium: F3 / F4 / F7 move the focus (by refs, the screen no
 * longer looks fields up by test id), number keys answer the co-pay question, F1 / F6 open and Esc
 * closes, and a legend button does what its key does.
 */
import { describe, expect, it } from 'vitest';
import { addItem, presentPerson, terminalPerTest, tid, type Terminal } from './harness.js';

const CHILD = '530600000000000006'; // 陈思雨, bound child
const AUTHORIZER = '530600000000000004'; // 陈建国, her father

const terminals = terminalPerTest();

const focused = (t: Terminal) => t.page.evaluate(() => {
  const el = document.activeElement;
  return el ? `${el.getAttribute('data-testid')}${el.getAttribute('data-psn-no') ? `:${el.getAttribute('data-psn-no')}` : ''}` : '';
});

describe('keyboard and focus (browser mode, real Chromium)', () => {
  it('F3, F4 and F7 focus their fields, digits choose the co-pay, F1 / F6 open and Esc closes', async () => {
    const term = await terminals.open();
    const { page } = term;
    // right after the sign-in the workspace may still be settling its focus (the ID field takes it
    // once the session arrives): press once the legend offers F4, and again if that first focus was
    // taken back (F4 only ever moves the focus, so a second press changes nothing else)
    await tid(page, 'key-F4').waitFor();
    await expect.poll(async () => {
      if ((await focused(term)) !== 'item-search') await page.keyboard.press('F4');
      return focused(term);
    }, { timeout: 5_000 }).toBe('item-search');
    await page.keyboard.press('F5');
    await page.keyboard.press('F4');
    // outpatient: F4 goes to the prescription number (typed or scanned); the file picker stays beside it
    await expect.poll(() => focused(term)).toBe('his-number');
    await page.keyboard.press('F5');

    // F3 selects what is in the field, so typing replaces it
    await tid(page, 'identify-certno').fill('123');
    await tid(page, 'bill-panel').click();
    await page.keyboard.press('F3');
    await expect.poll(() => focused(term)).toBe('identify-certno');
    await page.keyboard.type('5');
    expect(await tid(page, 'identify-certno').inputValue()).toBe('5');

    await presentPerson(page, CHILD, 'card', '陈思雨');
    await addItem(page, '板蓝根', '1');
    await page.keyboard.press('F7');
    await expect.poll(() => focused(term)).toBe('mulaid-none');
    await page.keyboard.press('1');
    const option = page.locator(`[data-testid="mulaid-option"][data-psn-no="${AUTHORIZER}"]`);
    await expect.poll(() => option.getAttribute('data-selected')).toBe('true');
    await page.keyboard.press('F7');
    await expect.poll(() => focused(term)).toBe(`mulaid-option:${AUTHORIZER}`);
    await page.keyboard.press('0');
    await expect.poll(() => tid(page, 'mulaid-none').getAttribute('data-selected')).toBe('true');

    await page.keyboard.press('F1');
    await tid(page, 'help-overlay').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'help-overlay').count()).toBe(0);
    await tid(page, 'key-F6').click(); // the legend dispatches like the key
    await tid(page, 'settlement-list').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'settlement-list').count()).toBe(0);

    // F2: the next patient, the ID-number field focused
    await page.keyboard.press('F2');
    await expect.poll(() => tid(page, 'bill-line').count()).toBe(0);
    await expect.poll(() => focused(term)).toBe('identify-certno');
  });
});
