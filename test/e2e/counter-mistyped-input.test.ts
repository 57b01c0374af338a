/**
 * Input a cashier mistypes (issue 12), in real Chromium:
 * - a quantity is taken as typed and refused in words: "1e9" is not 19, "-2" not 2, 1,000,000,000
 *   says it is not a plain number, 1.5 boxes of an item sold whole says so;
 * - 9,999 boxes are not settled without a word: F9 asks once more (Esc back, Enter settles);
 * - a mistyped ID number (wrong check digit) stays in the field, marked;
 * - HIS lines cannot be edited or removed at the counter, and the main side refuses a draft whose HIS
 *   lines differ from the bill as loaded.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { yuanToFen } from '../../src/shared/money.js';
import { addItem, confirmAndWait, posCall, presentPerson, settledPreview, terminalPerTest, tid } from './harness.js';

const EMPLOYEE = '530600000000000001'; // 张伟
const sample = path.resolve(import.meta.dirname, '../../samples/his-bill-outpatient.json');
const terminals = terminalPerTest();

describe('input a cashier mistypes (browser mode, real Chromium)', () => {
  it('quantities are refused in words as typed; an unusual quantity asks once more before it settles', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '1');
    const qty = tid(page, 'bill-line-qty').first();
    const error = tid(page, 'bill-line-error').first();
    for (const [typed, problem, words] of [
      ['1e9', 'format', '只能是数字'],
      ['-2', 'negative', '不能为负数'],
      ['1,000,000,000', 'format', '只能是数字'],
      ['1000000000', 'tooLarge', '太大'],
      ['1.5', 'integer', '整盒'],
      ['0', 'zero', '大于0'],
    ] as const) {
      await qty.fill(typed);
      await expect.poll(() => error.getAttribute('data-problem'), { timeout: 5_000 }).toBe(problem);
      expect(await qty.inputValue(), typed).toBe(typed); // nothing quietly cleaned up
      expect(await error.textContent(), typed).toContain(words);
      expect(await tid(page, 'confirm-button').isDisabled(), typed).toBe(true);
    }
    await term.shot('mistyped-1-quantity');

    await qty.fill('9999');
    await expect.poll(() => tid(page, 'bill-line-error').count()).toBe(0);
    await settledPreview(page);
    await page.keyboard.press('F9');
    await tid(page, 'unusual-dialog').waitFor();
    expect(await tid(page, 'unusual-line').first().textContent()).toContain('9999');
    await term.shot('mistyped-2-unusual');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'unusual-dialog').count()).toBe(0);
    expect(await tid(page, 'result-panel').count()).toBe(0);
    // the main side refuses it too, unless confirmed once more
    const personRef = await tid(page, 'person-name').getAttribute('data-person-ref');
    const draft = { personRef, kind: 'pharmacy', med_type: '41', lines: [{ code: 'XJ01CAA040A001010100001', qty: '9999' }], useAcct: true, mulaidPsnNo: null, his: null, requestId: crypto.randomUUID() };
    const refused = await posCall(page, 'settle.confirm', draft);
    expect(refused.error).toMatchObject({ code: 'CONFLICT', key: 'confirm.unusualNotConfirmed' });
    await page.keyboard.press('F9');
    await tid(page, 'unusual-dialog').waitFor();
    await page.keyboard.press('Enter');
    await confirmAndWait(term, 'settled');
  });

  it('a mistyped ID number stays in the field, marked, until it is corrected', async () => {
    const term = await terminals.open();
    const { page } = term;
    const certno = (await posCall<Array<{ psn_no: string; certno: string }>>(page, 'dev.people', {})).data!.find((p) => p.psn_no === EMPLOYEE)!.certno;
    const wrong = certno.slice(0, 17) + (certno[17] === '1' ? '2' : '1');
    await tid(page, 'identify-certno').fill(wrong);
    await tid(page, 'identify-submit').click();
    await expect.poll(() => tid(page, 'identify-error').textContent()).toContain('校验位');
    expect(await tid(page, 'identify-certno').inputValue()).toBe(wrong);
    expect(await tid(page, 'identify-certno').getAttribute('aria-invalid')).toBe('true');
    await term.shot('mistyped-3-id-number');
    await tid(page, 'identify-certno').fill(certno);
    await tid(page, 'identify-submit').click();
    await expect.poll(() => tid(page, 'person-name').textContent(), { timeout: 10_000 }).toBe('张伟');
    // the field empties in an effect after the person shows: wait for it rather than read it once
    await expect.poll(() => tid(page, 'identify-certno').inputValue()).toBe('');
  });

  it('HIS lines are the prescription: no edit, no removal, and a draft that changes them is refused', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await page.keyboard.press('F5');
    await tid(page, 'his-file-input').setInputFiles(sample);
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(5);
    expect(await page.locator('[data-testid="bill-line-qty"]:is(input)').count()).toBe(0);
    expect(await tid(page, 'bill-line-qty').first().getAttribute('data-readonly')).toBe('true');
    expect(await tid(page, 'bill-line-remove').count()).toBe(0);
    await settledPreview(page);
    await term.shot('mistyped-4-his-fixed');

    // what the renderer sends, as the main side sealed it, then with one count changed
    const bill = await posCall<{ fingerprint: string; his_bill_no: string; med_type: string; lines: Array<{ med_list_codg: string; pric: string | number; cnt: string | number; name: string }> }>(page, 'bill.parseHis', {
      content: await (await import('node:fs')).promises.readFile(sample, 'utf8'),
    });
    const b = bill.data!;
    const personRef = await tid(page, 'person-name').getAttribute('data-person-ref');
    const lines = b.lines.map((l) => ({ code: l.med_list_codg, qty: String(l.cnt), pric: yuanToFen(l.pric), ...(l.name ? { name: l.name } : {}) }));
    const draft = {
      personRef, kind: 'outpatient', med_type: b.med_type, lines, useAcct: true, mulaidPsnNo: null,
      his: { his_bill_no: b.his_bill_no, dept_name: '', doctor_name: '', diagnosis: [] }, hisFingerprint: b.fingerprint,
    };
    expect((await posCall(page, 'settle.preview', draft)).ok).toBe(true);
    const changed = { ...draft, lines: lines.map((l, i) => (i === 2 ? { ...l, qty: '1' } : l)) };
    expect((await posCall(page, 'settle.preview', changed)).error).toMatchObject({ code: 'CONFLICT', key: 'his.linesChanged' });
    const cheaper = { ...draft, lines: lines.map((l, i) => (i === 0 ? { ...l, pric: 1 } : l)) };
    expect((await posCall(page, 'settle.preview', cheaper)).error).toMatchObject({ key: 'his.linesChanged' });
    const dropped = { ...draft, lines: lines.slice(1) };
    expect((await posCall(page, 'settle.confirm', { ...dropped, requestId: crypto.randomUUID() })).error).toMatchObject({ key: 'his.linesChanged' });
  });
});
