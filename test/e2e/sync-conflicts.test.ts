/**
 * The sync area in real Chromium: a drifted policy at the center makes a conflict, the conflicts view
 * (Ctrl+K) shows both splits side by side and a supervisor accepts; a settlement confirmed offline
 * is marked pending the center on the result and in the list.
 */
import { describe, expect, it } from 'vitest';
import { addItem, confirmAndWait, openDevPanel, posCall, presentPerson, settledPreview, terminalPerTest, tid } from './harness.js';

const EMPLOYEE = '530600000000000001'; // 张伟

const terminals = terminalPerTest();

describe('sync: conflicts and pending the center (browser mode, real Chromium)', () => {
  it('drifted policy → conflict shown with both splits → supervisor accepts', async () => {
    const term = await terminals.open({ cashier: ['9001', '9999'] });
    const { page } = term;
    expect((await posCall(page, 'dev.setFaults', { driftedPolicy: true })).ok).toBe(true);
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '8');
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    await expect.poll(() => tid(page, 'status-conflicts').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');

    await page.keyboard.press('Control+k');
    const conflict = tid(page, 'conflict').first();
    await conflict.waitFor();
    expect(await conflict.getAttribute('data-kind')).toBe('split_differs');
    const fund = conflict.locator('[data-testid="conflict-field"][data-field="fund_pay_sumamt"]');
    expect(await fund.getAttribute('data-differs')).toBe('true');
    const local = Number(await fund.locator('[data-testid="conflict-local-fund_pay_sumamt"]').getAttribute('data-fen'));
    const center = Number(await fund.locator('[data-testid="conflict-center-fund_pay_sumamt"]').getAttribute('data-fen'));
    expect(center).not.toBe(local);
    // the settlement is recorded with the center's amounts
    const list = await posCall<Array<{ center: { fund_pay_sumamt: number } }>>(page, 'settle.list', {});
    expect(list.data![0].center.fund_pay_sumamt).toBe(center);
    await term.shot('sync-1-conflict');

    await tid(page, 'conflict-accept').click();
    await tid(page, 'conflicts-empty').waitFor();
    await expect.poll(() => tid(page, 'status-conflicts').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    await tid(page, 'conflicts-show-resolved').check();
    await expect.poll(() => tid(page, 'conflict').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('accepted');
    await term.shot('sync-2-accepted');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'conflicts-view').count()).toBe(0);
  });

  it('confirmed while the center is down (offline allowed): the result and the list say pending the center', async () => {
    const term = await terminals.open({ overrides: { offline: { allowConfirm: true, maxPerSettlementFen: 100_000, maxPerDayFen: 500_000, maxPersonAgeHours: 24 } } });
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟'); // seen online once: the person cache holds him
    expect((await posCall(page, 'dev.setFaults', { down: true })).ok).toBe(true);
    await page.keyboard.press('F2');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '布洛芬', '1');
    await settledPreview(page);
    await confirmAndWait(term, 'queued');
    // the offline mark arrives with the result's follow-up fetch: poll, as for everything asynchronous
    await expect.poll(() => tid(page, 'pending-center').getAttribute('data-offline'), { timeout: 10_000 }).toBe('true');
    await term.shot('sync-3-offline-result');
    await page.keyboard.press('F6');
    const row = tid(page, 'settlement-row').first();
    await expect.poll(() => row.locator('[data-testid="pending-center"]').getAttribute('data-offline'), { timeout: 10_000 }).toBe('true');
    await term.shot('sync-4-offline-list');
    await page.keyboard.press('Escape');
    expect((await posCall(page, 'dev.setFaults', { down: false })).ok).toBe(true);
    await tid(page, 'retry-now').click();
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('settled');
    await expect.poll(() => tid(page, 'pending-center').count(), { timeout: 10_000 }).toBe(0);
  });
  it('the developer panel switches every fault of the running simulator', async () => {
    const term = await terminals.open();
    const { page } = term;
    await openDevPanel(page);
    await tid(page, 'dev-faults').waitFor();
    const faults = async () => (await posCall<Record<string, unknown>>(page, 'dev.getFaults', {})).data!;
    for (const key of ['timeoutAfterCommit', 'http500', 'driftedPolicy']) {
      await tid(page, `dev-fault-${key}`).check();
      await expect.poll(async () => (await faults())[key]).toBe(true);
      await tid(page, `dev-fault-${key}`).uncheck();
      await expect.poll(async () => (await faults())[key]).toBe(false);
    }
    await tid(page, 'dev-fault-dedupe').uncheck();
    await expect.poll(async () => (await faults()).dedupe).toBe(false);
    await tid(page, 'dev-fault-infcode').fill('-25');
    await tid(page, 'dev-fault-errmsg').fill('共济账户余额不足');
    await tid(page, 'dev-fault-businessError').check();
    await expect.poll(async () => (await faults()).businessError).toEqual({ infcode: -25, err_msg: '共济账户余额不足' });
    await tid(page, 'dev-fault-onlyInfno').selectOption('2102');
    await expect.poll(async () => (await faults()).onlyInfno).toBe('2102');
    await term.shot('sync-5-dev-faults');
  });
});
