/**
 * The supervisor's institution end of day in real Chromium: a terminal with institution.finance
 * against a real throwaway PostgreSQL, three windows whose settlements the embedded simulator holds
 * and PostgreSQL holds as their replication left them. Ctrl+E, 全院, F9: balanced with the
 * per-window breakdown to the fen; a window with a backlog makes the day pending and is named; the
 * center losing W03's record leaves its group not balanced, the difference naming window and
 * cashier; the CSV export holds every record and the breakdown; nothing cut at 1024×768 in zh and en.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCstDate } from '../../src/main/center/index.js';
import { buyAtCenter, centerSide, replicatedRow, reverseAtCenter } from '../helpers/institution-center.js';
import { insertSettlements, putWindowStatus, type GenSettlement } from '../helpers/institution-eod.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../helpers/institution-pg.js';
import { tempDir } from '../helpers/tmp.js';
import { login, posCall, startTerminal, tid, type Terminal } from './harness.js';
import { layoutProblems } from './layout.js';

const H = 'P53060200001'; // the terminal's default fixmedins_code
const WINDOWS = { W01: ['门诊收费一（东院区一楼大厅）', '1001'], W02: ['住院结算', '1002'], W03: ['药房', '1003'] } as const;
type Win = keyof typeof WINDOWS;
const tmp = tempDir('pos-e2e-inst-eod-');
let inst: InstitutionPg;
let term: Terminal;
const day = formatCstDate(new Date());
/** what each window replicated, as PostgreSQL holds it */
const rows: Array<GenSettlement & { terminal_id: Win }> = [];
let w03Last = '';

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
  for (const [id, [label]] of Object.entries(WINDOWS)) await inst.addWindow(id, H, label);
  const finance = asConfig(await inst.addFinance());
  term = await startTerminal({ institution: { finance } });
  await term.page.setViewportSize({ width: 1024, height: 768 });

  // the same settlements at the center (embedded simulator) and in PostgreSQL, window by window
  const c = centerSide(term.handle.app.sim!, H);
  const made: Array<[Win, string]> = [
    ['W01', await buyAtCenter(c, '账户充足', '310', 1250, 1)],
    ['W01', await buyAtCenter(c, '城乡居民 王秀英', '390', 880, 3)],
    ['W02', await buyAtCenter(c, '账户充足', '310', 2000, 1)],
    ['W02', await buyAtCenter(c, '赵志强', '310', 333, 7)],
    ['W03', await buyAtCenter(c, '城乡居民 王秀英', '390', 1999, 1)],
  ];
  await reverseAtCenter(c, made[2]![1]);
  w03Last = made[4]![1];
  for (const [w, setl] of made) rows.push(replicatedRow(c, setl, H, w, WINDOWS[w][1]) as GenSettlement & { terminal_id: Win });
  await insertSettlements(inst.admin, rows);
  for (const w of Object.keys(WINDOWS)) await putWindowStatus(inst.admin, w);
}, 120_000);

afterAll(async () => {
  await term?.close();
  await inst?.close();
  tmp.cleanup();
});

/** net medfee of the rows standing at the end of the day (a reversed settlement and its reversal cancel) */
const standing = (pred: (r: GenSettlement) => boolean) => rows.filter((r) => pred(r) && r.status !== 'reversed');
const medfee = (rs: GenSettlement[]) => rs.reduce((n, r) => n + r.medfee_sumamt, 0);
const cash = (rs: GenSettlement[]) => rs.reduce((n, r) => n + r.psn_cash_pay, 0);

async function openInstitutionScope(): Promise<void> {
  const { page } = term;
  await page.keyboard.press('Control+e');
  await tid(page, 'end-of-day').waitFor();
  await tid(page, 'eod-scope-institution').click(); // the scope appears once the main side says finance is configured
  await tid(page, 'inst-eod').waitFor();
}

async function runWithF9(status: string): Promise<void> {
  const { page } = term;
  // the run shown before (a locator's getAttribute would wait for a status that is not there yet)
  const before = (await tid(page, 'inst-eod-status').count()) > 0 ? await tid(page, 'inst-eod-status').getAttribute('data-run') : null;
  await page.keyboard.press('F9');
  await expect.poll(async () => (await tid(page, 'inst-eod-status').count()) > 0 && (await tid(page, 'inst-eod-status').getAttribute('data-run')) !== before, { timeout: 30_000 }).toBe(true);
  expect(await tid(page, 'inst-eod-status').getAttribute('data-status')).toBe(status);
}

const groupRow = (g: string) => term.page.locator(`[data-testid="inst-eod-group"][data-group="${g}"]`);
const windowRow = (w: string, g: string) => term.page.locator(`[data-testid="inst-eod-window"][data-window="${w}"][data-group="${g}"]`);
const fenOf = async (loc: ReturnType<typeof groupRow>, id: string) => Number(await loc.locator(`[data-testid="${id}"]`).getAttribute('data-fen'));

describe('institution end of day (supervisor, 全院, real Chromium and PostgreSQL)', () => {
  it('balances three windows as one institution, per window to the fen, F9 in the institution scope', async () => {
    const { page } = term;
    await login(page, '9001', '9999'); // the supervisor (expect.poll inside: in the test, not beforeAll)
    await openInstitutionScope();

    expect(await tid(page, 'inst-eod-empty').isVisible()).toBe(true);
    // the window scope's own run and exports are not offered under the institution's figures
    expect(await tid(page, 'eod-run').count()).toBe(0);
    expect(await tid(page, 'inst-eod-run').textContent()).toContain('F9');
    // the run's progress as the renderer receives it
    await page.evaluate(() => {
      const w = window as unknown as { pos: { on(n: string, l: (p: unknown) => void): void }; __eod: Array<{ phase: string }> };
      w.__eod = [];
      w.pos.on('reconcile.progress', (p) => w.__eod.push(p as { phase: string }));
    });
    await runWithF9('balanced');
    const phases = await page.evaluate(() => (window as unknown as { __eod: Array<{ phase: string }> }).__eod.map((p) => p.phase));
    expect(phases).toContain('totals');
    expect(phases.at(-1)).toBe('done');
    expect(await tid(page, 'inst-eod-progress').count()).toBe(0); // gone once done
    expect(await tid(page, 'inst-eod-incomplete').count()).toBe(0);

    for (const insutype of ['310', '390']) {
      const g = groupRow(`${insutype}/41`);
      expect(await g.getAttribute('data-status')).toBe('balanced');
      const inGroup = standing((r) => r.insutype === insutype);
      expect(await fenOf(g, 'inst-eod-medfee')).toBe(medfee(inGroup));
      expect(await fenOf(g, 'inst-eod-cash')).toBe(cash(inGroup));
      // the per-window breakdown adds up to the group, each window's share to the fen
      let sum = 0;
      for (const w of Object.keys(WINDOWS)) {
        const mine = standing((r) => r.insutype === insutype && r.terminal_id === w);
        const row = windowRow(w, `${insutype}/41`);
        if (!rows.some((r) => r.insutype === insutype && r.terminal_id === w)) {
          expect(await row.count()).toBe(0);
          continue;
        }
        expect(await fenOf(row, 'inst-eod-window-medfee')).toBe(medfee(mine));
        sum += await fenOf(row, 'inst-eod-window-medfee');
      }
      expect(sum).toBe(medfee(inGroup));
    }
    // W02's reversal counted in its group and its window
    expect(await groupRow('310/41').locator('[data-testid="inst-eod-reversals"]').getAttribute('data-count')).toBe('1');
    expect(await windowRow('W02', '310/41').locator('[data-testid="inst-eod-window-reversals"]').getAttribute('data-count')).toBe('1');
    // and its amount beside the count, as the group shows it
    const groupReversals = await groupRow('310/41').locator('[data-testid="inst-eod-reversals"]').textContent();
    expect(groupReversals).toMatch(/^1 \/ -\d+\.\d\d$/);
    expect(await windowRow('W02', '310/41').locator('[data-testid="inst-eod-window-reversals"]').textContent()).toBe(groupReversals);
    expect(await windowRow('W01', '310/41').textContent()).toContain(WINDOWS.W01[0]);
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('inst-eod-1-balanced');
  }, 90_000);

  it('a window with a backlog for the day: the day is pending and the window is named', async () => {
    const { page } = term;
    await putWindowStatus(inst.admin, 'W02', { backlog: 3, oldest_unsent_date: day });
    try {
      await runWithF9('pending');
      const named = page.locator('[data-testid="inst-eod-incomplete-window"]');
      expect(await named.count()).toBe(1);
      expect(await named.getAttribute('data-window')).toBe('W02');
      expect(await named.getAttribute('data-reason')).toBe('backlog');
      expect(await named.textContent()).toContain('住院结算');
      expect(await named.textContent()).toContain('3');
      // the groups themselves balance: it is the window that keeps the day open
      expect(await groupRow('310/41').getAttribute('data-status')).toBe('balanced');
      expect(await tid(page, 'inst-eod-status').textContent()).toContain('有窗口未同步完');
      await term.shot('inst-eod-2-pending');
    } finally {
      await putWindowStatus(inst.admin, 'W02');
    }
  }, 60_000);

  it('the center lost W03\'s record: its group does not balance, the difference names window and cashier; CSV export', async () => {
    const { page } = term;
    const drift = await posCall<{ lose_setl_id: string }>(page, 'reconcile.devDrift', { lose: true });
    expect(drift.data?.lose_setl_id).toBe(w03Last);
    try {
      await runWithF9('not_balanced');
      expect(await groupRow('390/41').getAttribute('data-status')).toBe('not_balanced');
      expect(await groupRow('310/41').getAttribute('data-status')).toBe('balanced');
      const lost = rows.find((r) => r.setl_id === w03Last)!;
      expect(await fenOf(groupRow('390/41'), 'inst-eod-center-medfee')).toBe(medfee(standing((r) => r.insutype === '390')) - lost.medfee_sumamt);
      const diff = page.locator(`[data-testid="inst-eod-diff"][data-setl-id="${w03Last}"]`);
      expect(await page.locator('[data-testid="inst-eod-diff"]').count()).toBe(1);
      expect(await diff.getAttribute('data-kind')).toBe('missing_at_center');
      expect(await diff.getAttribute('data-window')).toBe('W03');
      expect(await diff.getAttribute('data-cashier')).toBe('1003');
      const text = (await diff.textContent())!;
      expect(text).toContain('医保中心无此结算');
      expect(text).toMatch(/W03[^·]*药房/);
      expect(text).toContain('1003');
      expect(await diff.locator('[data-field="medfee_sumamt"]').getAttribute('data-delta')).toBe(String(-lost.medfee_sumamt));
      expect(await layoutProblems(page)).toEqual([]);
      await term.shot('inst-eod-3-not-balanced');

      // CSV from the institution scope: every record with its window, then the per-window breakdown
      await tid(page, 'inst-eod-export-csv').click();
      await expect.poll(() => tid(page, 'inst-eod-export-path').getAttribute('data-file'), { timeout: 20_000 }).toMatch(/\.csv$/);
      const file = (await tid(page, 'inst-eod-export-path').getAttribute('data-file'))!;
      expect(file.startsWith(path.join(term.dataDir, 'exports'))).toBe(true);
      const csv = fs.readFileSync(file, 'utf8');
      expect(csv.startsWith('\uFEFF窗口(terminal_id),窗口名称(window_label),结算ID(setl_id)')).toBe(true);
      const lines = csv.split('\r\n');
      for (const r of rows) expect(lines.some((l) => l.startsWith(`${r.terminal_id},`) && l.includes(`,${r.setl_id},`))).toBe(true);
      expect(csv).toContain('窗口汇总');
      expect(csv).toContain('全院对账结果 不平');
      for (const w of Object.keys(WINDOWS)) {
        for (const insutype of new Set(rows.filter((r) => r.terminal_id === w).map((r) => r.insutype))) {
          const mine = rows.filter((r) => r.terminal_id === w && r.insutype === insutype);
          const count = mine.length + mine.filter((r) => r.status === 'reversed').length;
          expect(lines).toContainEqual(expect.stringContaining(`${w},${WINDOWS[w as Win][0]},${insutype},41,${count},${(medfee(standing((r) => r.terminal_id === w && r.insutype === insutype)) / 100).toFixed(2)}`));
        }
      }
    } finally {
      await posCall(page, 'reconcile.devDrift', { lose: false });
    }
  }, 60_000);

  it('F9 in 本窗口 runs the window again; nothing cut at 1024×768 in Chinese and English; the last run is there again', async () => {
    const { page } = term;
    expect(await layoutProblems(page)).toEqual([]);
    // back in 本窗口, F9 is the window's own run again: this supervisor's terminal settled nothing,
    // so alone it cannot balance what the center holds for the institution (what 全院 is for)
    await tid(page, 'eod-scope-window').click();
    await page.keyboard.press('F9');
    await expect.poll(() => tid(page, 'eod-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('not_balanced');
    expect(await page.locator('[data-testid="eod-diff"][data-kind="missing_here"]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'end-of-day').count()).toBe(0);
    await tid(page, 'lang-switch').click();
    await openInstitutionScope();
    await expect.poll(() => tid(page, 'inst-eod-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('not_balanced');
    expect(await tid(page, 'inst-eod-diff').textContent()).toContain('Not at the center');
    // one language: Chinese only in the data (window labels, masked names), none of the screen's words
    expect(await tid(page, 'inst-eod').textContent()).not.toMatch(/对账|收费员|笔数|待确认|差异/);
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('inst-eod-4-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'end-of-day').count()).toBe(0);
    await tid(page, 'lang-switch').click();
  }, 60_000);
});
