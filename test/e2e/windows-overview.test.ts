/**
 * The windows overview at 1024×768: a supervisor presses Ctrl+G and sees every window of the
 * institution (a real PostgreSQL, rows written as the replication will), the silent one marked, the
 * amounts to the fen, nothing cut off in Chinese or English; a cashier's Ctrl+G opens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../helpers/institution-pg.js';
import { tempDir } from '../helpers/tmp.js';
import { login, logout, terminalPerTest, tid } from './harness.js';
import { layoutProblems } from './layout.js';

const H = 'P53060200001';
const tmp = tempDir('pos-e2e-windows-');
let inst: InstitutionPg;
let finance: Record<string, unknown>;
const terminals = terminalPerTest();

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
  const windows = [['W01', '门诊收费一（东院区一楼大厅）'], ['W02', '住院结算'], ['W03', '药房']] as const;
  for (const [id, label] of windows) await inst.addWindow(id, H, label);
  finance = asConfig(await inst.addFinance());
  const today = (await inst.admin.query<{ d: string }>("SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d")).rows[0]!.d;
  let n = 0;
  for (const [terminal, medfee, cash] of [['W01', 1_234_567, 234_567], ['W01', 8_800, 800], ['W02', 99_999, 9_999]] as const) {
    n += 1;
    await inst.admin.query(
      `INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no,
         psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
         psn_cash_pay, counted_from, detail)
       VALUES ($1, $2, $3, $4, 'pharmacy', '41', 'settled', $5, now(), now(), '1001', 'P1', '张*', '530602********0119', '310', '530602', '41', true,
         $6, $7, 0, 0, $8, 'center', '{}')`,
      [`e${n}`, terminal, H, n, today, medfee, medfee - cash, cash],
    );
  }
  await inst.admin.query(`INSERT INTO pos.window_status (terminal_id, heard_at, acked_seq, local_seq, backlog, center_queue, open_conflicts)
    VALUES ('W01', now(), 12, 12, 0, 0, 0), ('W02', now() - interval '2 seconds', 40, 47, 7, 3, 1), ('W03', now() - interval '1 hour', 5, 5, 0, 0, 0)`);
}, 90_000);
afterAll(async () => {
  await inst?.close();
  tmp.cleanup();
});

describe('windows overview', () => {
  it('opens by Ctrl+G for a supervisor at 1024×768 with nothing cut off; a cashier gets nothing', async () => {
    const term = await terminals.open({ overrides: { institution: { finance } }, cashier: ['1001', '1234'] });
    const { page } = term;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Control+g');
    await page.waitForTimeout(300);
    expect(await tid(page, 'windows-dialog').count()).toBe(0);
    // nor does F1 list it for a cashier
    const helpKey = (k: string) => page.locator(`[data-testid="help-key"][data-key="${k}"]`);
    await page.keyboard.press('F1');
    await helpKey('Ctrl+E').waitFor();
    await page.waitForTimeout(300);
    expect(await helpKey('Ctrl+G').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'help-overlay').count()).toBe(0);
    await logout(page);

    await login(page, '9001', '9999');
    // the supervisor's F1 lists Ctrl+G (institution.finance is configured here)
    await page.keyboard.press('F1');
    await helpKey('Ctrl+G').waitFor();
    expect(await helpKey('Ctrl+G').textContent()).toContain('机构窗口一览');
    expect(await layoutProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'help-overlay').count()).toBe(0);
    await page.keyboard.press('Control+g');
    await tid(page, 'windows-table').waitFor();
    expect(await tid(page, 'window-W01').getAttribute('data-state')).toBe('ok');
    expect(await tid(page, 'window-W02').getAttribute('data-state')).toBe('behind');
    expect(await tid(page, 'window-W03').getAttribute('data-state')).toBe('silent');
    expect(await tid(page, 'window-net-W01').getAttribute('data-fen')).toBe('1243367');
    expect(await tid(page, 'windows-total-net').getAttribute('data-fen')).toBe('1343366');
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('windows-overview-1024');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'windows-dialog').count()).toBe(0);
    // in English too
    await tid(page, 'lang-switch').click();
    await page.keyboard.press('Control+g');
    await tid(page, 'windows-table').waitFor();
    expect(await tid(page, 'window-W03').textContent()).toContain('Silent');
    expect(await layoutProblems(page)).toEqual([]);
    await term.shot('windows-overview-1024-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'windows-dialog').count()).toBe(0);
  }, 90_000);

  it('a supervisor at a window without institution.finance gets no overview and no Ctrl+G in F1', async () => {
    const term = await terminals.open({ cashier: ['9001', '9999'] });
    const { page } = term;
    // right after the sign-in the workspace may still be taking its keys: press F1 until the help opens
    await tid(page, 'key-F1').waitFor();
    for (let i = 0; i < 5 && (await tid(page, 'help-overlay').count()) === 0; i++) {
      await page.keyboard.press('F1');
      await tid(page, 'help-overlay').waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await page.locator('[data-testid="help-key"][data-key="Ctrl+E"]').waitFor();
    expect(await page.locator('[data-testid="help-key"][data-key="Ctrl+G"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'help-overlay').count()).toBe(0);
    await page.keyboard.press('Control+g');
    await page.waitForTimeout(300);
    expect(await tid(page, 'windows-dialog').count()).toBe(0);
  }, 60_000);
});
