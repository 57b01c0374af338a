/**
 * The shift hand-over through the whole terminal and through `pos handover`: the cash taken and given
 * back at this window, by payment kind, the cash expected, the cash counted and the difference;
 * recorded and audited, its slip printed, its PDF; the next shift starts where it ended.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverRecord, HandoverSummary, PdfFile } from '../../../src/shared/api-till.js';
import type { PaperView, PrintJobView } from '../../../src/shared/api-print.js';
import { handoverCommand } from '../../../src/main/cli/handover.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { EMPLOYEE, AMOXICILLIN, ATORVASTATIN, identify, until, waitStatus } from '../sync/helpers.js';

const RESIDENT = '530600000000000003'; // 王秀英: no personal account, pays cash

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function settle(t: AppUnderTest, psnNo: string, code: string, qty: string, extraCash = 0) {
  const { personRef } = await identify(t, t.app.sim!, psnNo);
  const draft = t.draft(personRef, [{ code, qty }]);
  const due = (await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', draft)).data.split.psn_cash_pay;
  const r = await t.call<{ id: string; local: { psn_cash_pay: number; fund_pay_sumamt: number; acct_pay: number } }>('settle.confirm', {
    ...draft,
    requestId: t.newRequestId(),
    cash: due > 0 ? { received: due + extraCash, tender: 'typed' } : null,
  });
  expect(r.ok, r.error?.message).toBe(true);
  await waitStatus(t, r.data.id, 'settled');
  return { id: r.data.id, ...t.app.store.settlements.get(r.data.id)!.center_split! };
}

function cli(argv: string[]) {
  let out = '';
  let err = '';
  return handoverCommand(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }).then((code) => ({ code, out, err }));
}

describe('shift hand-over', () => {
  it('sums the shift by payment kind, records the count and the difference, prints its slip, writes its PDF; the next shift starts after it', async () => {
    t = await startApp();
    await t.login();
    const a = await settle(t, RESIDENT, AMOXICILLIN, '2', 500);
    const b = await settle(t, EMPLOYEE, ATORVASTATIN, '3');
    const c = await settle(t, RESIDENT, AMOXICILLIN, '1');
    expect(a.psn_cash_pay).toBeGreaterThan(0);
    const rv = await t.reverse(c.id, '开错药');
    expect(rv.ok).toBe(true);
    await waitStatus(t, c.id, 'reversed');

    const s = (await t.call<HandoverSummary>('till.handoverPreview', {})).data;
    expect(s.cashier.no).toBe('1001');
    expect(s.settlements.count).toBe(3);
    expect(s.reversals.count).toBe(1);
    expect(s.settlementsPending + s.reversalsPending).toBe(0);
    expect(s.byKind.fund).toBe(a.fund_pay_sumamt + b.fund_pay_sumamt);
    expect(s.byKind.acct).toBe(a.acct_pay + b.acct_pay);
    expect(s.byKind.cashCollected).toBe(a.psn_cash_pay + b.psn_cash_pay + c.psn_cash_pay);
    expect(s.byKind.cashRefunded).toBe(c.psn_cash_pay);
    expect(s.cashExpected).toBe(a.psn_cash_pay + b.psn_cash_pay);

    const counted = s.cashExpected - 50; // 0.50 short
    const r = await t.call<HandoverRecord>('till.handoverRecord', { cashCounted: counted, note: '短少五角' });
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.data.difference).toBe(-50);
    // the audit chain's head as printed on paper (pos audit verify --expect takes it back)
    expect(r.data.auditChainHead).toMatch(/^#\d+ [0-9a-f]{16}$/);
    // (the subject is the hand-over's number, which other areas' entries may share: its own actions only)
    expect(t.app.store.audit.list(String(r.data.id)).map((x) => x.action).filter((a) => a.startsWith('handover.'))).toEqual(['handover.record']);

    // its thermal slip on the virtual printer
    const job = await until('hand-over slip printed', () => t!.app.store.printJobs.get(r.data.printJobId!)!, (j) => j.state === 'printed');
    const paper = (await t.call<PaperView>('print.paper', { jobId: job.id })).data;
    const text = paper.lines.map((l) => l.text).join('\n');
    expect(text).toContain('收费员交班单');
    expect(text).toMatch(/差额：-0\.50（短款）/);
    expect(text).toContain('短少五角');

    // its A4 PDF, Chinese intact
    const pdf = (await t.call<PdfFile>('till.handoverPdf', { id: r.data.id })).data;
    expect(pdf.delivered).toBe('download');
    const txt = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
    expect(txt).toContain('收费员交班单');
    expect(txt).toContain('应交现金');
    expect(txt).toContain('短款');

    // the next shift starts where this one ended
    await settle(t, RESIDENT, AMOXICILLIN, '1');
    const next = (await t.call<HandoverSummary>('till.handoverPreview', {})).data;
    expect(next.settlements.count).toBe(1);
    expect(next.from).toBe(r.data.summary.to);
  });

  it('pos handover: the day for a script (text, JSON, PDF), recording from the command line, and usage errors', async () => {
    t = await startApp();
    await t.login();
    const a = await settle(t, RESIDENT, AMOXICILLIN, '2');
    const dir = t.dir;
    const today = t.app.store.settlements.get(a.id)!.business_date;
    await t.app.close();
    t = null;
    const config = path.join(dir, 'pos.config.json');
    fs.writeFileSync(config, JSON.stringify({ center: { url: 'embedded' }, dataDir: dir }));

    const json = await cli(['--cashier', '1001', '--date', today, '--config', config, '--json']);
    expect(json.code, json.err).toBe(0);
    const day = JSON.parse(json.out) as { summary: HandoverSummary; recorded: HandoverRecord[] };
    expect(day.summary.settlements.count).toBe(1);
    expect(day.summary.byKind.cashCollected).toBe(a.psn_cash_pay);
    expect(day.recorded).toEqual([]);

    const pdfFile = path.join(dir, 'day.pdf');
    const text = await cli(['--cashier', '1001', '--date', today, '--config', config, '--pdf', pdfFile]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('当日未交班');
    expect(execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' })).toContain('营业日汇总');

    const rec = await cli(['--cashier', '1001', '--date', today, '--config', config, '--record', '--counted', '100.00', '--json']);
    expect(rec.code, rec.err).toBe(0);
    expect((JSON.parse(rec.out) as HandoverRecord).cashCounted).toBe(10000);
    const after = JSON.parse((await cli(['--cashier', '1001', '--date', today, '--config', config, '--json'])).out) as { recorded: HandoverRecord[] };
    expect(after.recorded).toHaveLength(1);

    expect((await cli(['--cashier', '1001', '--config', config])).code).toBe(2);
    expect((await cli(['--cashier', '1001', '--date', '2026-13-40', '--config', config])).code).toBe(2);
    expect((await cli(['--cashier', '1001', '--date', today, '--config', config, '--record'])).code).toBe(2);
    expect((await cli(['--cashier', '7777', '--date', today, '--config', config])).code).toBe(2);
  });
});
