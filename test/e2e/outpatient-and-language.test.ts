/**
 * Outpatient mode end to end (HIS bill file → 2201/2204/2206/2207 at the simulator) and the language
 * switch, in real Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmAndWait, login, posCall, presentPerson, settledPreview, terminalPerTest, tid } from './harness.js';

const EMPLOYEE = '530600000000000001';
const sample = path.resolve(import.meta.dirname, '../../samples/his-bill-outpatient.json');

const terminals = terminalPerTest();

describe('outpatient mode', () => {
  it('loads the sample HIS bill, settles it through registration, fee upload, pre-settlement and settlement', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    await tid(page, 'his-file-input').setInputFiles(sample);
    await expect.poll(() => tid(page, 'his-info').getAttribute('data-his-bill-no'), { timeout: 10_000 }).toBe('MZ20261126000123');
    expect(await tid(page, 'bill-line').count()).toBe(5);
    const p = await settledPreview(page);
    // 10.00 + 20.00 + 29.80×2 + 16.50 + 3.50×2 = 113.10
    expect(p.medfee).toBe(11310);
    await term.shot('outpatient-1-preview');
    await confirmAndWait(term, 'settled');
    await term.shot('outpatient-2-settled');
    const list = await posCall<Array<{ kind: string; mdtrt_id: string | null; setl_id: string | null; center: { medfee_sumamt: number } }>>(page, 'settle.list', {});
    expect(list.data![0]).toMatchObject({ kind: 'outpatient' });
    expect(list.data![0].mdtrt_id).toBeTruthy();
    expect(list.data![0].setl_id).toBeTruthy();
    expect(list.data![0].center.medfee_sumamt).toBe(11310);
  });

  it('a broken HIS file is refused with the field named, and nothing is loaded', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    const bad = JSON.parse(fs.readFileSync(sample, 'utf8'));
    bad.lines[2].pric = '29.805';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'his-')), 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    await tid(page, 'his-file-input').setInputFiles(file);
    await expect.poll(() => tid(page, 'his-error').textContent(), { timeout: 10_000 }).toMatch(/3|pric|单价/);
    expect(await tid(page, 'bill-line').count()).toBe(0);
    await term.shot('outpatient-3-bad-file');
  });
});

describe('language', () => {
  it('Chinese by default, English on the switch, and back', async () => {
    const term = await terminals.open({ cashier: null });
    const { page } = term;
    await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toMatch(/收银员|登录/);
    await login(page);
    await tid(page, 'lang-switch').click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 5_000 }).toMatch(/Cashier|Log in|Settle/i);
    await term.shot('language-english');
    await tid(page, 'lang-switch').click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 5_000 }).toMatch(/收银员|结算/);
  });
});
