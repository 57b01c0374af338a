/**
 * End of day in the browser-mode UI (real Chromium): a day with co-pay, outpatient, a reversal and a
 * pending settlement; the simulator loses one settlement and alters one amount; the cashier opens
 * the end-of-day screen with Ctrl+E, runs it, drills into a difference and exports a PDF (page 1
 * rendered with pdftoppm) and a CSV.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, posCall, terminalPerTest, tid } from './harness.js';
import { seedDay } from '../integration/reconcile/day-scenario.js';
import { call } from '../helpers/app-call.js';

const terminals = terminalPerTest();

describe('end of day (browser mode, real Chromium)', () => {
  it('reconciles a day with the simulated center, shows the differences, exports a PDF and a CSV', async () => {
    const term = await terminals.open();
    const { page } = term;
    const app = term.handle.app;
    const seed = await seedDay(app);
    const outpatient = await call<{ setl_id: string }>(app, 'settle.get', { id: seed.outpatient });
    const copay = await call<{ setl_id: string }>(app, 'settle.get', { id: seed.copay });
    const drift = await posCall<{ lose_setl_id: string; alter: { setl_id: string } }>(page, 'reconcile.devDrift', { lose: true, alter: { field: 'fund_pay_sumamt', delta: 100 } });
    expect(drift.data).toMatchObject({ lose_setl_id: outpatient.setl_id, alter: { setl_id: copay.setl_id } });

    // progress events as the renderer receives them
    await page.evaluate(() => {
      const w = window as unknown as { pos: { on(n: string, l: (p: unknown) => void): void }; __eod: unknown[] };
      w.__eod = [];
      w.pos.on('reconcile.progress', (p) => w.__eod.push(p));
    });

    await expect.poll(() => tid(page, 'key-CtrlE').isVisible()).toBe(true); // listed in the legend
    await page.keyboard.press('Control+e');
    await tid(page, 'end-of-day').waitFor();
    expect(await tid(page, 'eod-empty').isVisible()).toBe(true);
    await term.shot('reconcile-1-open');

    await tid(page, 'eod-run').click();
    await expect.poll(() => tid(page, 'eod-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('not_balanced');
    const phases = (await page.evaluate(() => (window as unknown as { __eod: Array<{ phase: string }> }).__eod.map((p) => p.phase))) as string[];
    expect(phases).toContain('totals');
    expect(phases).toContain('details');
    expect(phases.at(-1)).toBe('done');

    const groups = page.locator('[data-testid="eod-group"]');
    expect(await groups.count()).toBe(3);
    const statusOf = (g: string) => page.locator(`[data-testid="eod-group"][data-group="${g}"]`).getAttribute('data-status');
    expect(await statusOf('390/11')).toBe('not_balanced');
    expect(await statusOf('390/41')).toBe('not_balanced');
    expect(await statusOf('310/41')).toBe('balanced');
    expect(await page.locator('[data-testid="eod-group"][data-group="310/41"] [data-testid="eod-reversals"]').getAttribute('data-count')).toBe('1');
    expect(await tid(page, 'eod-pending').getAttribute('data-count')).toBe('1');
    await term.shot('reconcile-2-result');

    // drill into the co-pay group: which settlement, which amount, by how much
    await page.locator('[data-testid="eod-group"][data-group="390/41"]').click();
    const diff = page.locator(`[data-testid="eod-diff"][data-setl-id="${copay.setl_id}"]`);
    await diff.waitFor();
    expect(await diff.getAttribute('data-kind')).toBe('amounts_differ');
    expect(await diff.locator('[data-field="fund_pay_sumamt"]').getAttribute('data-delta')).toBe('100');
    expect(await diff.textContent()).toContain('金额不符');
    await term.shot('reconcile-3-difference');
    await page.locator('[data-testid="eod-group"][data-group="390/11"]').click();
    const lost = page.locator(`[data-testid="eod-diff"][data-setl-id="${outpatient.setl_id}"]`);
    expect(await lost.getAttribute('data-kind')).toBe('missing_at_center');
    expect(await lost.textContent()).toContain('医保中心无此结算');

    // exports: a file the cashier can open, its path shown
    await tid(page, 'eod-export-pdf').click();
    await expect.poll(() => tid(page, 'eod-export-path').getAttribute('data-file'), { timeout: 20_000 }).toMatch(/\.pdf$/);
    const pdf = (await tid(page, 'eod-export-path').getAttribute('data-file'))!;
    expect(pdf.startsWith(path.join(term.dataDir, 'exports'))).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('医保结算日终对账单');
    expect(text).toContain('金额不符');
    execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(artifactsDir, 'reconcile-4-pdf-page1')]);
    expect(fs.statSync(path.join(artifactsDir, 'reconcile-4-pdf-page1.png')).size).toBeGreaterThan(10_000);
    await term.shot('reconcile-4-exported');

    await tid(page, 'eod-export-csv').click();
    await expect.poll(() => tid(page, 'eod-export-path').getAttribute('data-file'), { timeout: 20_000 }).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await tid(page, 'eod-export-path').getAttribute('data-file'))!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // Esc closes the screen; the last result is there when it opens again
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'end-of-day').count()).toBe(0);
    await tid(page, 'eod-open').click();
    await expect.poll(() => tid(page, 'eod-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('not_balanced');
  });
});
