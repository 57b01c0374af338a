/**
 * The A4 PDF of a slip, read back with poppler: pdftotext finds the Chinese intact (the co-pay block,
 * masked names, amounts, the 冲销单), and pdftoppm renders the first page to a PNG in artifacts/print/
 * for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfFile } from '../../../src/shared/api-till.js';
import { formatYuan } from '../../../src/shared/money.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AUTHORIZER, CHILD, AMOXICILLIN, identify, waitStatus } from '../sync/helpers.js';

const artifacts = path.resolve(import.meta.dirname, '../../../artifacts/print');
let t: AppUnderTest;
let id: string;
beforeAll(async () => {
  t = await startApp();
  await t.login();
  await fetch(`${t.app.sim!.url}/admin/balance/${AUTHORIZER}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-admin-token': t.app.sim!.adminToken }, body: JSON.stringify({ balc: 800 }) });
  const { personRef } = await identify(t, t.app.sim!, CHILD);
  const draft = t.draft(personRef, [{ code: AMOXICILLIN, qty: '4' }], { mulaidPsnNo: AUTHORIZER });
  const due = (await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', draft)).data.split.psn_cash_pay;
  const r = await t.call<{ id: string }>('settle.confirm', { ...draft, requestId: t.newRequestId(), cash: { received: due + 2000, tender: 'typed' } });
  expect(r.ok, r.error?.message).toBe(true);
  id = r.data.id;
  await waitStatus(t, id, 'settled');
}, 60_000);
afterAll(async () => t?.close());

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('the A4 slip (pdfkit, read back with poppler)', () => {
  it('keeps the Chinese intact and renders a page', async () => {
    const r = await t.call<PdfFile>('print.pdf', { settlementId: id, kind: 'settlement' });
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.data.delivered).toBe('download');
    expect(Buffer.from(r.data.base64!, 'base64').equals(fs.readFileSync(r.data.file))).toBe(true);
    const rec = t.app.store.settlements.get(id)!;
    const s = rec.center_split!;
    const txt = text(r.data.file);
    for (const want of ['医保结算单', '昭通市演示大药房（示例）', '家庭共济', '授权人', '父/母', rec.mulaid_name_masked!, rec.psn_name_masked, rec.certno_masked, rec.setl_id!, '共济账户支付', formatYuan(s.acct_mulaid_pay), '现金支付', '实收', '找零', '20.00', '城乡居民基本医疗保险']) {
      expect(txt, want).toContain(want);
    }
    // a resident has no personal account: no account lines
    expect(txt).not.toContain('个人账户余额');
    expect(t.app.store.audit.list(id).map((a) => a.action)).toContain('print.pdf');

    fs.mkdirSync(artifacts, { recursive: true });
    const png = path.join(artifacts, 'slip-a4');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', r.data.file, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(20_000);
  });

  it('the reversal slip as PDF', async () => {
    expect((await t.reverse(id, '患者退药')).ok).toBe(true);
    await waitStatus(t, id, 'reversed');
    const r = await t.call<PdfFile>('print.pdf', { settlementId: id, kind: 'reversal' });
    expect(r.ok, r.error?.message).toBe(true);
    const txt = text(r.data.file);
    for (const want of ['医保结算冲销单', '原结算ID', '冲销结算ID', '退回医保基金', '退回共济账户', '退还现金', '患者退药']) expect(txt, want).toContain(want);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', r.data.file, path.join(artifacts, 'reversal-a4')]);
  });
});
