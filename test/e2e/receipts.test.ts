/**
 * Receipts, cash and the hand-over (issue 11) in real Chromium against the embedded default (virtual
 * printer): the amount received typed at the counter and the change in large digits; the virtual slip
 * with the co-pay block; 补打 (Ctrl+P); the reversal and its 冲销单; the A4 PDF downloaded; the status
 * bar's printer out of paper and back; the hand-over when the cashier logs out. Screenshots in
 * artifacts/e2e/receipts-*.png.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addItem, fen, presentPerson, settledPreview, terminalPerTest, tid, type Terminal } from './harness.js';
import { layoutProblems } from './layout.js';

const AUTHORIZER = '530600000000000004'; // 陈建国
const CHILD = '530600000000000006'; // 陈思雨, his daughter, a resident
const RESIDENT = '530600000000000003'; // 王秀英: no account, pays cash

const terminals = terminalPerTest();

async function setBalance(t: Terminal, psnNo: string, balc: number) {
  const sim = t.handle.app.sim!;
  const r = await fetch(`${sim.url}/admin/balance/${psnNo}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-admin-token': sim.adminToken }, body: JSON.stringify({ balc }) });
  expect(r.status).toBe(200);
}
const paperText = async (t: Terminal) => (await tid(t.page, 'paper-line').allTextContents()).join('\n');

describe('receipts and cash at the counter (browser mode, real Chromium)', () => {
  it('amount received and change; the virtual slip with the co-pay block; 补打; the reversal slip; the PDF', async () => {
    const term = await terminals.open();
    const { page } = term;
    await setBalance(term, AUTHORIZER, 500); // the co-pay account pays 5.00, the rest is cash
    await presentPerson(page, CHILD, 'card', '陈思雨');
    await addItem(page, '阿莫西林', '6');
    await page.locator(`[data-testid="mulaid-option"][data-psn-no="${AUTHORIZER}"]`).click();
    const p = await settledPreview(page);
    expect(p.mulaid).toBe(500);
    expect(p.cash).toBeGreaterThan(0);
    expect(p.cash).toBeLessThan(10_000);

    // keyboard: Enter on the empty item search goes to the amount received; + is a 100 note
    await tid(page, 'item-search').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tender-input');
    await page.keyboard.type('3');
    await expect.poll(() => tid(page, 'tender-problem').getAttribute('data-problem')).toBe(p.cash > 300 ? 'short' : null);
    await page.keyboard.press('+');
    await expect.poll(() => fen(page, 'tender-change')).toBe(10_000 - p.cash);
    await term.shot('receipts-1-tender');
    await page.keyboard.press('Enter'); // settles, like F9
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('settled');
    expect(await fen(page, 'result-received')).toBe(10_000);
    expect(await fen(page, 'result-change')).toBe(10_000 - p.cash);

    // the slip waited for the center's answer and printed once on the virtual printer
    await expect.poll(() => tid(page, 'slip-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    await tid(page, 'slip-view').click();
    await tid(page, 'paper').waitFor();
    const slip = await paperText(term);
    expect(slip).toContain('医保结算单');
    expect(slip).toContain('家庭共济');
    expect(slip).toMatch(/授权人：父\/母 陈\*+/);
    expect(slip).toMatch(/共济账户支付\s+5\.00/);
    expect(slip).toMatch(/实收\s+100\.00/);
    expect(slip).not.toContain('待医保中心确认');
    const setlId = (await tid(page, 'paper-qr').getAttribute('data-qr'))!;
    expect(slip).toContain(setlId);
    for (const c of await tid(page, 'paper-line').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-columns'))))) expect(c).toBeLessThanOrEqual(48);
    await term.shot('receipts-2-virtual-slip');
    await page.keyboard.press('Escape'); // closes the paper, the result stays
    await tid(page, 'slip-paper').waitFor({ state: 'detached' });
    expect(await tid(page, 'result-panel').count()).toBe(1);

    // 补打 with Ctrl+P
    await page.keyboard.press('Control+p');
    await expect.poll(() => tid(page, 'slip-state').textContent(), { timeout: 10_000 }).toMatch(/已打印 · 补打第1次/);
    await tid(page, 'slip-view').click();
    await tid(page, 'paper').waitFor();
    expect(await paperText(term)).toContain('补打 第1次');
    await page.keyboard.press('Escape');

    // the A4 PDF, downloaded in browser mode, Chinese intact
    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'slip-pdf').click()]);
    const file = await download.path();
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain('家庭共济');
    await expect.poll(() => tid(page, 'slip-note').textContent()).toContain('.pdf');

    // reverse from today's list (F6, F8): the 冲销单 prints, naming the original and what goes back
    await page.keyboard.press('F6');
    await tid(page, 'settlement-row').first().waitFor();
    // 补打 from the list too (Ctrl+P on the selected row): the second reprint
    await page.keyboard.press('Control+p');
    await expect.poll(() => tid(page, 'list-reprinted').textContent()).toContain('补打第2次');
    await page.keyboard.press('F8');
    await tid(page, 'reverse-reason').fill('患者退药');
    await tid(page, 'reverse-approval-no').fill('9001'); // a reversal needs a supervisor's approval
    await tid(page, 'reverse-approval-pin').fill('9999');
    await tid(page, 'reverse-confirm').click();
    await expect.poll(() => tid(page, 'row-status').first().textContent(), { timeout: 15_000 }).toBe('已冲销');
    // the row turns 已冲销 by the bus event, possibly before the reversal dialog has closed: while it is
    // open, Esc closes it and not the list
    await expect.poll(() => tid(page, 'reverse-dialog').count(), { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'slip-status').getAttribute('data-kind'), { timeout: 10_000 }).toBe('reversal');
    await expect.poll(() => tid(page, 'slip-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    await tid(page, 'slip-view').click();
    await tid(page, 'paper').waitFor();
    const reversal = await paperText(term);
    expect(reversal).toContain('医保结算冲销单');
    expect(reversal).toContain(setlId);
    expect(reversal).toMatch(/退回共济账户（父\/母 陈\*+）\s+5\.00/);
    expect(reversal).toContain('患者退药');
    await term.shot('receipts-3-reversal-slip');
  });

  it('the printer out of paper is in the status bar; the slip waits and prints when it is back; the hand-over at logout', async () => {
    const term = await terminals.open();
    const { page } = term;
    await tid(page, 'status-printer').waitFor();
    await expect.poll(() => tid(page, 'status-printer').getAttribute('data-state')).toBe('ready'); // default 1 s poll is short on a loaded CI machine
    // the developer panel makes the virtual printer run out of paper
    await tid(page, 'key-F12').waitFor();
    await page.keyboard.press('F12');
    await tid(page, 'dev-printer-paper_out').click();
    await expect.poll(() => tid(page, 'status-printer').getAttribute('data-state')).toBe('paper_out');
    await page.keyboard.press('F12');

    await presentPerson(page, RESIDENT, 'card', '王秀英');
    await addItem(page, '阿莫西林', '2');
    const p = await settledPreview(page);
    await tid(page, 'tender-input').fill('50');
    await page.keyboard.press('F9');
    await expect.poll(() => tid(page, 'result-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('settled');
    await expect.poll(() => tid(page, 'status-printer').getAttribute('data-waiting'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => tid(page, 'slip-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await term.shot('receipts-4-paper-out');
    await page.keyboard.press('F12');
    await tid(page, 'dev-printer-ready').click();
    await page.keyboard.press('F12');
    await expect.poll(() => tid(page, 'slip-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    await expect.poll(() => tid(page, 'status-printer').getAttribute('data-waiting')).toBe('0');

    // logging out offers the hand-over: the shift's figures, the cash counted, the difference
    await tid(page, 'logout').click();
    await tid(page, 'handover-dialog').waitFor();
    await expect.poll(() => tid(page, 'handover-settlements').getAttribute('data-n')).toBe('1');
    expect(await fen(page, 'handover-cash-expected')).toBe(p.cash);
    await tid(page, 'handover-counted').fill(((p.cash - 100) / 100).toFixed(2));
    await expect.poll(() => tid(page, 'handover-difference').getAttribute('data-fen')).toBe('-100');
    expect(await tid(page, 'handover-difference').textContent()).toContain('短款');
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('receipts-5-handover');
    await tid(page, 'handover-record').click();
    await tid(page, 'login-cashier').waitFor();
    const store = term.handle.app.store;
    const last = store.handovers.lastFor('1001')!;
    expect(last.difference).toBe(-100);
    await expect.poll(() => store.printJobs.open().length, { timeout: 10_000 }).toBe(0);
    expect(store.audit.list(String(last.id)).map((a) => a.action)).toContain('handover.record');
  });
});
