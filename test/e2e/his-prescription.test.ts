/**
 * The HIS at the counter, in real Chromium: a prescription number scanned (keyboard wedge) loads the
 * bill from the HIS, it is settled, and the HIS simulator records the result; an HIS line removed only
 * with a supervisor's number and PIN; an unmapped item marked on its line; the status bar's HIS count.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHisSim, type HisSim } from '../../src/his-sim/index.js';
import { tempDir } from '../helpers/tmp.js';
import { addItem, confirmAndWait, presentPerson, settledPreview, terminalPerTest, tid } from './harness.js';

const EMPLOYEE = '530600000000000001';
const TOKEN = 'e2e-his-token';
const dir = tempDir('pos-e2e-his-');
let his: HisSim;

beforeAll(async () => {
  his = await startHisSim({ dbPath: path.join(dir.dir, 'his.db'), token: TOKEN });
});
afterAll(async () => {
  await his?.close();
  dir.cleanup();
});

const terminals = terminalPerTest();
const overrides = () => ({ his: { source: 'http', url: his.url, headers: { 'x-his-token': TOKEN }, retryBaseMs: 200, retryMaxMs: 1000 } });

/** a bill the HIS makes with at least `lines` lines */
function billWith(lines: number): string {
  for (;;) {
    const no = his.newDemoBill();
    if (JSON.parse(his.bill(no)!.doc).lines.length >= lines) return no;
  }
}

describe('a prescription number at the counter', () => {
  it('scanned: the bill loads from the HIS, settles, and the HIS records the result', async () => {
    const term = await terminals.open({ overrides: overrides() });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    await tid(page, 'his-number').waitFor();
    const no = billWith(2);
    const lines = JSON.parse(his.bill(no)!.doc).lines.length;
    // a scanner types fast and ends with Enter: the wedge takes it as a scan and it loads the bill (on a machine
    // too busy to deliver the keys fast, they land in the focused number field and its Enter loads it the same)
    await tid(page, 'his-number').click();
    await page.keyboard.type(no, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => tid(page, 'his-info').getAttribute('data-his-bill-no'), { timeout: 10_000 }).toBe(no);
    expect(await tid(page, 'bill-line').count()).toBe(lines);
    await settledPreview(page);
    await term.shot('his-1-loaded-by-number');
    await confirmAndWait(term, 'settled');
    await expect.poll(() => his.results().filter((r) => r.his_bill_no === no).map((r) => r.kind), { timeout: 15_000 }).toEqual(['settled']);
    expect(his.bill(no)?.status).toBe('paid');
    await expect.poll(() => tid(page, 'status-his').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    await term.shot('his-2-settled-result-recorded');

    // typed again (F4 goes to the number field): refused with the settlement it belongs to
    await page.keyboard.press('F2');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F4');
    await page.keyboard.type(no, { delay: 120 });
    await page.keyboard.press('Enter');
    await expect.poll(() => tid(page, 'his-number-error').textContent(), { timeout: 10_000 }).toContain('已在本机结算');
  });

  it('an HIS line is removed only with a supervisor; the settlement goes with the remaining lines', async () => {
    const term = await terminals.open({ overrides: overrides() });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    const no = billWith(3);
    await page.keyboard.press('F4');
    await page.keyboard.type(no, { delay: 120 });
    await page.keyboard.press('Enter');
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const before = await tid(page, 'bill-line').count();
    await tid(page, 'bill-line-remove').nth(1).click();
    await tid(page, 'his-remove-dialog').waitFor();
    await tid(page, 'his-remove-reason').fill('患者不取此药');
    await tid(page, 'his-remove-supervisor').fill('1002');
    await tid(page, 'his-remove-pin').fill('2345');
    await tid(page, 'his-remove-confirm').click();
    await expect.poll(() => tid(page, 'his-remove-error').textContent(), { timeout: 5_000 }).toContain('不是主管');
    expect(await tid(page, 'bill-line').count()).toBe(before);
    await tid(page, 'his-remove-supervisor').fill('9001');
    await tid(page, 'his-remove-pin').fill('9999');
    await term.shot('his-3-remove-line-approval');
    await tid(page, 'his-remove-confirm').click();
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(before - 1);
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    await expect.poll(() => his.results().filter((r) => r.his_bill_no === no).length, { timeout: 15_000 }).toBe(1);
  });

  it('an unmapped item is marked fully self-paid on its line', async () => {
    const term = await terminals.open({ overrides: overrides() });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '维生素E');
    await expect.poll(() => tid(page, 'bill-line-unmapped').first().getAttribute('data-reason'), { timeout: 10_000 }).toBe('no_mapping');
    expect(await tid(page, 'bill-line-unmapped').first().textContent()).toContain('全自费');
    await addItem(page, '阿莫西林');
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await settledPreview(page)).medfee, { timeout: 10_000 }).toBe(4500 + 1250);
    expect(await tid(page, 'bill-line-unmapped').count()).toBe(1);
    await term.shot('his-4-unmapped-mark');
  });
});
