/**
 * Always the right patient (issue 12), in real Chromium:
 * - another card during a bill never takes the bill over: the screen asks; 1 parks the bill (it comes
 *   back with Ctrl+D), 2 discards it, Esc ignores the new card;
 * - a failed identification clears the patient, or says the bill shown is still the previous one's;
 * - an ID number typed at scanner speed (an ID-card scanner) identifies the person in outpatient mode;
 * - F2 empties every field, the item search and the ID number too.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/shared/id-number.js';
import { addItem, expectPerson, posCall, presentFromDevPanel, presentPerson, terminalPerTest, tid, type Terminal } from './harness.js';

const CHILD = '530600000000000006'; // 陈思雨
const EMPLOYEE = '530600000000000001'; // 张伟
const terminals = terminalPerTest();

const certnoOf = async (t: Terminal, psnNo: string) =>
  (await posCall<Array<{ psn_no: string; certno: string }>>(t.page, 'dev.people', {})).data!.find((p) => p.psn_no === psnNo)!.certno;
const billCodes = (t: Terminal) => tid(t.page, 'bill-line').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

describe('the right patient (browser mode, real Chromium)', () => {
  it('a second card during a bill asks: park it, discard it, or ignore the card; a parked bill comes back', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, CHILD, 'card', '陈思雨');
    await addItem(page, '板蓝根', '2');
    await expect.poll(() => tid(page, 'split-medfee').getAttribute('data-fen'), { timeout: 10_000 }).toBe('3300');
    const childBill = await billCodes(term);

    // 张伟's card: the screen asks, and until it is answered nothing changes hands
    await presentFromDevPanel(page, EMPLOYEE, 'card');
    await expect.poll(() => tid(page, 'incoming-who').textContent(), { timeout: 10_000 }).toContain('张伟');
    expect(await tid(page, 'person-name').textContent()).toBe('陈思雨');
    await term.shot('patient-1-asked');
    await page.keyboard.press('F9'); // not now: the question comes first
    expect(await tid(page, 'result-panel').count()).toBe(0);
    await page.keyboard.press('Escape'); // ignore the new card
    await expect.poll(() => tid(page, 'incoming-dialog').count()).toBe(0);
    await expectPerson(page, '陈思雨');
    expect(await billCodes(term)).toEqual(childBill);

    // again, and 1: her bill is parked, his starts empty
    await presentFromDevPanel(page, EMPLOYEE, 'card');
    await tid(page, 'incoming-dialog').waitFor();
    await page.keyboard.press('1');
    await expectPerson(page, '张伟');
    expect(await tid(page, 'bill-line').count()).toBe(0);
    await expect.poll(() => tid(page, 'parked-bills').getAttribute('data-count')).toBe('1');
    expect(await tid(page, 'parked-bill').first().getAttribute('data-psn-no')).toBe(CHILD);
    await addItem(page, '阿莫西林', '1');
    await term.shot('patient-2-parked');

    // Ctrl+D: her bill is back (with its lines), his waits parked in its place
    await page.keyboard.press('Control+d');
    await expectPerson(page, '陈思雨');
    expect(await billCodes(term)).toEqual(childBill);
    await expect.poll(() => tid(page, 'parked-bill').first().getAttribute('data-psn-no')).toBe(EMPLOYEE);
    await tid(page, 'parked-resumed-notice').waitFor();

    // and 2: discard her bill for his new one
    await presentFromDevPanel(page, EMPLOYEE, 'card');
    await tid(page, 'incoming-dialog').waitFor();
    await page.keyboard.press('2');
    await expectPerson(page, '张伟');
    expect(await tid(page, 'bill-line').count()).toBe(0);
    expect(await tid(page, 'parked-bills').getAttribute('data-count')).toBe('1');
    await term.shot('patient-3-discarded');
  });

  it('a failed identification says the bill shown is the previous patient’s, or clears the patient', async () => {
    const term = await terminals.open();
    const { page } = term;
    const unknown = makeIdNumber('530602', '19990909', 998); // well formed, the center does not know it
    await presentPerson(page, CHILD, 'card', '陈思雨');
    await addItem(page, '板蓝根', '1');
    await tid(page, 'identify-certno').fill(unknown);
    await tid(page, 'identify-submit').click();
    await tid(page, 'identify-kept-notice').waitFor({ timeout: 10_000 });
    expect(await tid(page, 'identify-kept-notice').textContent()).toContain('陈思雨');
    expect(await tid(page, 'error-banner').textContent()).toContain('医保中心拒绝');
    await term.shot('patient-4-failed-kept');

    // without a bill, the patient is not left on screen as if identified
    await page.keyboard.press('F2');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await posCall(page, 'dev.setFaults', { down: true });
    await tid(page, 'identify-certno').fill(unknown);
    await tid(page, 'identify-submit').click();
    await expect.poll(() => tid(page, 'person-card').count(), { timeout: 10_000 }).toBe(0);
    await tid(page, 'identify-waiting').waitFor();
    expect(await tid(page, 'error-banner').textContent()).toContain('无法连接医保中心');
    await posCall(page, 'dev.setFaults', { down: false });
    await term.shot('patient-5-failed-cleared');
  });

  it('an ID number from an ID-card scanner (keyboard speed of a scanner) identifies in outpatient mode', async () => {
    const term = await terminals.open();
    const { page } = term;
    await page.keyboard.press('F5');
    await expect.poll(() => tid(page, 'mode-outpatient').getAttribute('data-active')).toBe('true');
    await tid(page, 'bill-panel').click();
    // a wedge scanner types fast and presses Enter (test/e2e/devices-wedge.test.ts does the same)
    await page.keyboard.type(await certnoOf(term, EMPLOYEE), { delay: 5 });
    await page.keyboard.press('Enter');
    await expectPerson(page, '张伟');
    expect(await tid(page, 'error-banner').count()).toBe(0);
    await term.shot('patient-6-scanned-id');
  });

  it('F2 empties every field: the item search and the ID number too', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '1');
    await tid(page, 'item-search').fill('布洛');
    await tid(page, 'identify-certno').fill('5306');
    await page.keyboard.press('F2');
    await expect.poll(() => tid(page, 'bill-line').count()).toBe(0);
    expect(await tid(page, 'item-search').inputValue()).toBe('');
    expect(await tid(page, 'identify-certno').inputValue()).toBe('');
    expect(await tid(page, 'person-card').count()).toBe(0);
  });
});
