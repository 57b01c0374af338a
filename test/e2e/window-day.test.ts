/**
 * The window's day at 1024×768 (real Chromium, real PostgreSQL as the institution database): a window
 * of the institution, two cashiers, a reversal, settlements still pending at the center, a hand-over
 * 0.50 short. Ctrl+E in 本窗口 shows each cashier's figures to the fen, the hand-over and its
 * difference, the window's total and that the center is reconciled for the whole institution; no
 * per-terminal reconciliation is offered and F9 adds the day up again — with PostgreSQL down it then
 * names the backlog. Nothing cut off, in Chinese and in English.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PosApp } from '../../src/main/app.js';
import type { HandoverRecord, HandoverSummary } from '../../src/shared/api-till.js';
import { call } from '../helpers/app-call.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../helpers/institution-pg.js';
import { tempDir } from '../helpers/tmp.js';
import { PEOPLE, seedDay } from '../integration/reconcile/day-scenario.js';
import { login, logout, terminalPerTest, tid } from './harness.js';
import { layoutProblems } from './layout.js';

const tmp = tempDir('pos-e2e-window-day-');
let inst: InstitutionPg;
const terminals = terminalPerTest();

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
}, 60_000);
afterAll(async () => {
  await inst?.close();
  tmp.cleanup();
});

/** one pharmacy settlement by the cashier signed in, the cash due received exactly (the worker is stopped: it stays pending) */
async function settleCash(app: PosApp, psnNo: string): Promise<string> {
  const person = app.sim!.people().find((p) => p.psn_no === psnNo)!;
  const view = await call<{ personRef: string }>(app, 'person.identify', { mdtrt_cert_type: '02', certno: person.certno });
  const draft = { personRef: view.personRef, kind: 'pharmacy', med_type: '41', lines: [{ code: 'XJ01CAA040A001010100001', qty: '1' }], useAcct: false, mulaidPsnNo: null };
  const due = (await call<{ split: { psn_cash_pay: number } }>(app, 'settle.preview', draft)).split.psn_cash_pay;
  const s = await call<{ id: string }>(app, 'settle.confirm', { ...draft, requestId: crypto.randomUUID(), cash: due > 0 ? { received: due, tender: 'exact' } : null });
  return s.id;
}

describe("the window's day (本窗口 with an institution database)", () => {
  it('per cashier to the fen, the hand-over difference, the institution reconciles, F9 refreshes and names the backlog; zh and en at 1024×768', async () => {
    const database = asConfig(await inst.addWindow('W01', 'P53060200001', '门诊收费一'));
    const term = await terminals.open({ overrides: { terminal: { id: 'W01', msgidSlot: 1 }, institution: { database, replication: { retryBaseMs: 100, retryMaxMs: 500, heartbeatMs: 300 } } } });
    const { page } = term;
    const app = term.handle.app;

    // 1001: a day with co-pay, outpatient, a reversal and one pending; the hand-over 0.50 short
    const seed = await seedDay(app);
    const shift = await call<HandoverSummary>(app, 'till.handoverPreview', {});
    const ho = await call<HandoverRecord>(app, 'till.handoverRecord', { cashCounted: shift.cashExpected - 50, note: '短少五角', print: false });
    expect(ho.difference).toBe(-50);
    // 1002 takes over the window: one more, pending too
    await logout(page);
    await login(page, '1002', '2345');
    const own = await settleCash(app, PEOPLE.RESIDENT);
    const date = app.store.settlements.get(own)!.business_date;
    const medfee = (ids: string[]) => ids.reduce((n, id) => n + (app.store.settlements.get(id)!.center_split ?? app.store.settlements.get(id)!.local_split).medfee_sumamt, 0);
    const cashDue = (ids: string[]) => ids.reduce((n, id) => n + app.store.receipts.receipt(id)!.cash_due, 0);
    await expect.poll(() => tid(page, 'status-institution').getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Control+e');
    await tid(page, 'window-day-cashiers').waitFor();
    // no per-terminal reconciliation here: its button and exports are not offered
    expect(await tid(page, 'eod-run').count()).toBe(0);
    expect(await tid(page, 'eod-export-pdf').count()).toBe(0);
    expect(await tid(page, 'window-day-note').textContent()).toContain('与医保中心的对账按全院进行');
    expect(await tid(page, 'window-day-backlog').getAttribute('data-backlog')).toBe('0');
    expect(await tid(page, 'window-day-backlog').textContent()).toContain('已全部同步');
    const rows = page.locator('[data-testid="window-day-cashier"]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-cashier')))).toEqual(['1001', '1002']);
    expect(await rows.nth(0).textContent()).toContain('李收费');
    const ids1001 = [seed.employee, seed.copay, seed.outpatient, seed.reversed, seed.pending];
    expect(Number(await tid(page, 'window-day-medfee-1001').getAttribute('data-fen'))).toBe(medfee(ids1001));
    expect(Number(await tid(page, 'window-day-expected-1001').getAttribute('data-fen'))).toBe(ho.summary.cashExpected);
    expect(await tid(page, 'window-day-difference-1001').getAttribute('data-fen')).toBe('-50');
    expect(await tid(page, 'window-day-difference-1001').textContent()).toBe('短款 0.50');
    expect(await tid(page, 'window-day-pending-1001').getAttribute('data-count')).toBe('1');
    expect(Number(await tid(page, 'window-day-expected-1002').getAttribute('data-fen'))).toBe(cashDue([own]));
    expect(await tid(page, 'window-day-pending-1002').getAttribute('data-count')).toBe('1');
    expect(Number(await tid(page, 'window-day-medfee-total').getAttribute('data-fen'))).toBe(medfee([...ids1001, own]));
    expect(Number(await tid(page, 'window-day-expected-total').getAttribute('data-fen'))).toBe(ho.summary.cashExpected + cashDue([own]));
    const handover = page.locator('[data-testid="window-day-handover"]');
    expect(await handover.count()).toBe(1);
    expect(await handover.getAttribute('data-difference')).toBe('-50');
    expect(await handover.textContent()).toContain('短少五角');
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('window-day-1-1024');

    // PostgreSQL goes away and the window keeps settling: F9 adds the day up again and names what is owed
    inst.cluster.crash();
    const later = await settleCash(app, PEOPLE.RESIDENT);
    expect(app.store.settlements.get(later)!.status).toBe('queued');
    await page.keyboard.press('F9');
    await expect.poll(async () => Number(await tid(page, 'window-day-backlog').getAttribute('data-backlog')), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await tid(page, 'window-day-backlog').textContent()).toMatch(/本窗口尚有 \d+ 条未同步（最早 \d{4}-\d\d-\d\d）/);
    expect(await tid(page, 'window-day-pending-1002').getAttribute('data-count')).toBe('2');
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('window-day-2-backlog-1024');
    // F9 sent no 3201: no reconciliation of this terminal was run or kept
    expect(app.store.reconcileRuns.last(date, date)).toBeNull();
    expect(app.store.audit.list().some((a) => a.action === 'reconcile.run')).toBe(false);

    // in English too
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'end-of-day').count()).toBe(0);
    await tid(page, 'lang-switch').click();
    await page.keyboard.press('Control+e');
    await tid(page, 'window-day-cashiers').waitFor();
    expect(await tid(page, 'window-day-note').textContent()).toContain('reconciled for the whole institution');
    expect(await tid(page, 'window-day-difference-1001').textContent()).toBe('short 0.50');
    await expect.poll(() => tid(page, 'window-day-backlog').textContent()).toMatch(/not replicated yet/);
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('window-day-3-1024-en');
    inst.cluster.start();
  }, 120_000);
});
