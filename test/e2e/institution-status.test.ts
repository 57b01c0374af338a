/**
 * The institution database in the status bar (real Chromium, real PostgreSQL): shown only when
 * institution.database is configured; "机构库 已同步" once replicated, "机构库 连不上 · 未同步 n" while
 * PostgreSQL is down and the window keeps settling (nothing cut off at 1024x768), back to "已同步" when
 * it returns; English too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../helpers/institution-pg.js';
import { tempDir } from '../helpers/tmp.js';
import { addItem, confirmAndWait, presentPerson, settledPreview, terminalPerTest, tid } from './harness.js';
import { layoutProblems } from './layout.js';

const EMPLOYEE = '530600000000000001'; // 张伟
const tmp = tempDir('pos-e2e-inst-');
let inst: InstitutionPg;
const terminals = terminalPerTest();

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
}, 60_000);
afterAll(async () => {
  await inst?.close();
  tmp.cleanup();
});

describe('the institution database in the status bar', () => {
  it('not configured: nothing shown', async () => {
    const { page } = await terminals.open();
    await tid(page, 'status-outbox').waitFor();
    expect(await tid(page, 'status-institution').count()).toBe(0);
  });

  it('synced → down with a backlog while settling → synced again', async () => {
    const database = asConfig(await inst.addWindow('E01', 'P53060200001'));
    const term = await terminals.open({ overrides: { terminal: { id: 'E01', msgidSlot: 1 }, institution: { database, replication: { retryBaseMs: 100, retryMaxMs: 500, heartbeatMs: 300 } } } });
    const { page } = term;
    const item = tid(page, 'status-institution');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '2');
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    // the center's answer is a change of its own: synced once that one went too
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toBe('机构库 已同步');
    expect(await item.getAttribute('data-state')).toBe('ok');

    inst.cluster.crash();
    await page.keyboard.press('F2'); // the next bill
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '1');
    await settledPreview(page);
    await confirmAndWait(term, 'settled');
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('down');
    // the state can turn 'down' at an idle heartbeat before the new changes are counted: wait for the count
    await expect.poll(async () => Number(await item.getAttribute('data-backlog')), { timeout: 10_000 }).toBeGreaterThan(0);
    const backlog = Number(await item.getAttribute('data-backlog'));
    expect(await item.textContent()).toBe(`机构库 连不上 · 未同步 ${backlog}`);
    await term.shot('institution-1-down');
    // the longest of its words, at the smallest screen a counter has: nothing cut off
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('institution-2-down-1024');
    await page.setViewportSize({ width: 1366, height: 900 });

    inst.cluster.start();
    await expect.poll(() => item.textContent(), { timeout: 20_000 }).toBe('机构库 已同步');
    expect(await item.getAttribute('data-backlog')).toBe('0');
    await tid(page, 'lang-switch').click();
    await expect.poll(() => item.textContent()).toBe('Institution DB synced');
  }, 90_000);
});
