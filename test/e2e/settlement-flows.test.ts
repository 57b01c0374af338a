/**
 * The whole settlement flow through the real renderer in Chromium, the browser-mode host, the
 * services, SQLite and the embedded simulator over loopback HTTP. Each test saves screenshots.
 */
import { describe, expect, it } from 'vitest';
import { addItem, confirmAndWait, expectPerson, fen, identifyByCertno, posCall, presentPerson, settledPreview, terminalPerTest, tid, type Terminal } from './harness.js';

const EMPLOYEE = '530600000000000001'; // 张伟, employee with a healthy account
const AUTHORIZER = '530600000000000004'; // 陈建国, employee authorizer
const CHILD = '530600000000000006'; // 陈思雨, bound child (resident)
const RESIDENT = '530600000000000003'; // 王秀英, resident, no personal account
const UNBOUND = '530600000000000008'; // 陈建华, relative who is not bound
const EXPIRED_USER = '530600000000000010'; // 赵小红, binding expired

const terminals = terminalPerTest();

async function balance(t: Terminal, psnNo: string): Promise<number> {
  const r = await posCall<{ balc: number }>(t.page, 'dev.authorizerBalance', { psn_no: psnNo });
  expect(r.ok).toBe(true);
  return r.data!.balc;
}

/** The opening of the co-pay tests: the bound child at the counter with one item, and her parent's balance before. */
async function childAtCounter(how: 'card' | 'qr', item: string): Promise<{ term: Terminal; before: number }> {
  const term = await terminals.open();
  const before = await balance(term, AUTHORIZER);
  await presentPerson(term.page, CHILD, how, '陈思雨');
  await addItem(term.page, item, '2');
  return { term, before };
}

describe('settlement at the counter (browser mode, real Chromium)', () => {
  it('(a) an employee pays from his own account, card in the virtual reader', async () => {
    const term = await terminals.open();
    const { page } = term;
    await term.shot('a-1-ready');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    expect(await tid(page, 'person-certno').textContent()).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await addItem(page, '阿托伐他汀', '3');
    const p = await settledPreview(page);
    expect(p.medfee).toBe(10680); // 35.60 × 3
    expect(p.acct).toBeGreaterThan(0);
    expect(p.cash).toBe(0);
    await term.shot('a-2-preview');
    await confirmAndWait(term, 'settled');
    await term.shot('a-3-settled');
    const list = await posCall<Array<{ status: string; center: { acct_pay: number; medfee_sumamt: number } }>>(page, 'settle.list', {});
    expect(list.data).toHaveLength(1);
    expect(list.data![0].center.medfee_sumamt).toBe(10680);
    expect(list.data![0].center.acct_pay).toBe(p.acct);
  });

  it('(b) a bound child pays through the parent’s family co-pay account, e-voucher QR', async () => {
    const { term, before } = await childAtCounter('qr', '板蓝根');
    const { page } = term;
    await expect(tid(page, 'mulaid-question').textContent()).resolves.toContain('使用家庭共济账户支付?');
    const option = page.locator(`[data-testid="mulaid-option"][data-psn-no="${AUTHORIZER}"]`);
    expect(await option.getAttribute('data-usable')).toBe('true');
    const noCopay = await settledPreview(page);
    expect(noCopay.mulaid).toBe(0);
    await option.click();
    await expect.poll(() => fen(page, 'split-mulaid'), { timeout: 10_000 }).toBeGreaterThan(0);
    const p = await settledPreview(page);
    expect(p.cash).toBeLessThan(noCopay.cash);
    await term.shot('b-1-copay-preview');
    await confirmAndWait(term, 'settled');
    await term.shot('b-2-settled');
    expect(await balance(term, AUTHORIZER)).toBe(before - p.mulaid);
  });

  it('(c) a resident without a personal account pays cash, typed ID number', async () => {
    const term = await terminals.open();
    const { page } = term;
    const people = await posCall<Array<{ psn_no: string; certno: string }>>(page, 'dev.people', {});
    const certno = people.data!.find((p) => p.psn_no === RESIDENT)!.certno;
    await identifyByCertno(page, certno);
    await expectPerson(page, '王秀英');
    await addItem(page, '阿莫西林', '2');
    const p = await settledPreview(page);
    expect(p.acct).toBe(0);
    expect(p.mulaid).toBe(0);
    expect(p.cash).toBeGreaterThan(0);
    await confirmAndWait(term, 'settled');
    await term.shot('c-resident-cash');
  });

  it('(d) an unbound relative cannot pay by co-pay, and an expired binding shows its reason', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, UNBOUND, 'card', '陈建华');
    await addItem(page, '阿莫西林', '1');
    await expect(tid(page, 'mulaid-question').textContent()).resolves.toContain('未绑定');
    expect(await tid(page, 'mulaid-option').count()).toBe(0);
    await term.shot('d-1-unbound');
    // the renderer cannot slip a co-pay through: the main side refuses an authorizer that is not bound
    const personRef = await tid(page, 'person-name').getAttribute('data-person-ref');
    const r = await posCall(page, 'settle.preview', {
      personRef, kind: 'pharmacy', med_type: '41', lines: [{ code: 'XJ01CAA040A001010100001', qty: '1' }], useAcct: false, mulaidPsnNo: AUTHORIZER,
    });
    expect(r.ok).toBe(false);
    expect(r.error?.field).toBe('mulaidPsnNo');

    await page.keyboard.press('F2'); // new patient
    await presentPerson(page, EXPIRED_USER, 'card', '赵小红');
    await addItem(page, '阿莫西林', '1');
    const row = tid(page, 'mulaid-option').first();
    expect(await row.getAttribute('data-usable')).toBe('false');
    expect(await row.locator('[data-testid="mulaid-reason"]').textContent()).toContain('过期');
    await term.shot('d-2-expired');
  });

  it('(e) a co-pay settlement is reversed and the authorizer’s balance returns', async () => {
    const { term, before } = await childAtCounter('card', '感冒灵');
    const { page } = term;
    await page.locator(`[data-testid="mulaid-option"][data-psn-no="${AUTHORIZER}"]`).click();
    await expect.poll(() => fen(page, 'split-mulaid'), { timeout: 10_000 }).toBeGreaterThan(0);
    await confirmAndWait(term, 'settled');
    expect(await balance(term, AUTHORIZER)).toBeLessThan(before);

    await page.keyboard.press('F6');
    const row = tid(page, 'settlement-row').first();
    await row.click();
    await tid(page, 'reverse-button').click();
    await tid(page, 'reverse-reason').fill('患者退药');
    // a reversal needs the supervisor's number and PIN, given at the window
    await tid(page, 'reverse-approval-no').fill('9001');
    await tid(page, 'reverse-approval-pin').fill('9999');
    await tid(page, 'reverse-confirm').click();
    await expect.poll(() => tid(page, 'settlement-row').first().getAttribute('data-status'), { timeout: 15_000 }).toBe('reversed');
    await term.shot('e-reversed');
    expect(await balance(term, AUTHORIZER)).toBe(before);
  });

  it('(f) the center is down at confirm: the settlement is kept, shown pending, and goes through when it returns', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '布洛芬', '2');
    await settledPreview(page);
    expect((await posCall(page, 'dev.setFaults', { down: true })).ok).toBe(true);
    await confirmAndWait(term, 'queued');
    await expect(tid(page, 'result-message').textContent()).resolves.toMatch(/等待|重发|离线|中断/);
    await expect.poll(() => tid(page, 'status-outbox').getAttribute('data-depth'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => tid(page, 'status-center').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    await term.shot('f-1-queued');
    // nothing lost: the settlement is in the terminal's database before any answer
    const list = await posCall<Array<{ status: string }>>(page, 'settle.list', {});
    expect(list.data!.map((s) => s.status)).toEqual(['queued']);

    expect((await posCall(page, 'dev.setFaults', { down: false })).ok).toBe(true);
    await tid(page, 'retry-now').click();
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('settled');
    await expect.poll(() => tid(page, 'status-outbox').getAttribute('data-depth'), { timeout: 10_000 }).toBe('0');
    await term.shot('f-2-settled');
    const after = await posCall<Array<{ status: string }>>(page, 'settle.list', {});
    expect(after.data).toHaveLength(1); // nothing doubled
  });
});
