/**
 * A settlement's slips through the whole terminal (router, settlement owner, sync worker against the
 * embedded center, print queue, virtual printer): the cash received and the change recorded with the
 * settlement; the slip held for the center's answer and printed once with the center's split and
 * setl_id; the co-pay block; a reprint marked 补打 and audited; the reversal slip with what goes back
 * to whom; and a confirm while the center is down printing at once, marked as not confirmed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperView, PrintJobView } from '../../../src/shared/api-print.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AUTHORIZER, CHILD, EMPLOYEE, AMOXICILLIN, identify, until, waitStatus } from '../sync/helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const text = (p: PaperView) => p.lines.map((l) => l.text).join('\n');

async function jobsOf(t: AppUnderTest, id: string): Promise<PrintJobView[]> {
  const r = await t.call<PrintJobView[]>('print.jobs', { settlementId: id });
  expect(r.ok).toBe(true);
  return r.data;
}

async function printedPaper(t: AppUnderTest, id: string, kind: PrintJobView['kind'], reprintNo: number | null = null): Promise<PaperView> {
  const jobs = await until(`${kind} slip of ${id} printed`, () => jobsOf(t, id), (js) => js.some((j) => j.kind === kind && j.reprintNo === reprintNo && j.state === 'printed'));
  const job = jobs.find((j) => j.kind === kind && j.reprintNo === reprintNo)!;
  const r = await t.call<PaperView>('print.paper', { jobId: job.id });
  expect(r.ok).toBe(true);
  return r.data;
}

describe('slips at the counter (virtual printer, embedded center)', () => {
  it('co-pay with cash: received and change recorded; one slip with the center’s split, the co-pay block, the cash; then 补打 and the 冲销单', async () => {
    t = await startApp({ printer: { waitForCenterMs: 5000, width: 58 } });
    await t.login();
    const sim = t.app.sim!;
    // the authorizer's account holds 5.00: it pays that much, the rest of the bill is cash
    await fetch(`${sim.url}/admin/balance/${AUTHORIZER}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-admin-token': sim.adminToken }, body: JSON.stringify({ balc: 500 }) });
    const { personRef } = await identify(t, sim, CHILD);
    const lines = [{ code: AMOXICILLIN, qty: '6' }];
    const preview = await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', t.draft(personRef, lines, { mulaidPsnNo: AUTHORIZER, useAcct: false }));
    const due = preview.data.split.psn_cash_pay;
    expect(due).toBeGreaterThan(0);
    // a resident child: the co-pay account pays what it may, the rest is cash
    const r = await t.call<{ id: string }>('settle.confirm', { ...t.draft(personRef, lines, { mulaidPsnNo: AUTHORIZER, useAcct: false }), requestId: t.newRequestId(), cash: { received: due + 1000, tender: 'typed' } });
    expect(r.ok, r.error?.message).toBe(true);
    const id = r.data.id;
    const receipt = await t.call('till.receipt', { settlementId: id });
    expect(receipt.data).toMatchObject({ cashDue: due, received: due + 1000, change: 1000, tender: 'typed' });

    await waitStatus(t, id, 'settled');
    const paper = await printedPaper(t, id, 'settlement');
    const rec = t.app.store.settlements.get(id)!;
    expect(text(paper)).toContain(rec.setl_id!);
    expect(text(paper)).not.toContain('待医保中心确认');
    expect(text(paper)).toContain('家庭共济');
    expect(text(paper)).toMatch(/授权人：父\/母 陈\*+/);
    expect(paper.lines.every((l) => l.columns <= 32)).toBe(true);
    expect(paper.qr.map((q) => q.data)).toEqual([rec.setl_id]);
    // exactly one first slip; with a cash part the drawer was kicked once, by a job of its own
    const jobs = await jobsOf(t, id);
    expect(jobs.filter((j) => j.kind === 'settlement').map((j) => j.state)).toEqual(['printed']);
    expect(jobs.filter((j) => j.kind === 'drawer').map((j) => j.state)).toEqual(['printed']);
    expect(text(paper)).toMatch(/实收\s+\S+/);
    expect(text(paper)).toMatch(/找零\s+10\.00/);

    // 补打 from the list: numbered, audited
    const rp = await t.call<PrintJobView>('print.reprint', { settlementId: id, kind: 'settlement' });
    expect(rp.ok, rp.error?.message).toBe(true);
    expect(rp.data.reprintNo).toBe(1);
    const again = await printedPaper(t, id, 'settlement', 1);
    expect(text(again)).toContain('补打 第1次');
    expect(t.app.store.audit.list(id).map((a) => a.action)).toContain('print.reprint');

    // reversal: the 冲销单 names the original and what goes back to whom
    const rv = await t.reverse(id, '患者退药');
    expect(rv.ok, rv.error?.message).toBe(true);
    await waitStatus(t, id, 'reversed');
    const slip = text(await printedPaper(t, id, 'reversal'));
    expect(slip).toContain('医保结算冲销单');
    expect(slip).toContain(rec.setl_id!);
    expect(slip).toMatch(/退回共济账户/);
    expect(slip).toContain('患者退药');
  });

  it('the center down at confirm (offline confirm allowed): the slip prints at once, marked 离线结算 · 待医保中心确认', async () => {
    // a wait for the center far longer than the test: the slip must not wait for it
    t = await startApp({ offline: { allowConfirm: true }, printer: { waitForCenterMs: 60_000 } });
    await t.login();
    const sim = t.app.sim!;
    await identify(t, sim, EMPLOYEE);
    sim.setFaults({ down: true });
    // identified again from the person cache: the confirm is an offline one
    const { personRef, stale } = await identify(t, sim, EMPLOYEE);
    expect(stale).toBe(true);
    const r = await t.call<{ id: string }>('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    expect(r.ok, r.error?.message).toBe(true);
    const paper = await printedPaper(t, r.data.id, 'settlement');
    expect(text(paper)).toContain('离线结算 · 待医保中心确认');
    expect(paper.qr.map((q) => q.data)).toEqual([r.data.id]);
    sim.setFaults({ down: false });
  });

  it('a settlement the center refuses: its held slip is cancelled and never prints; it cannot be reprinted', async () => {
    t = await startApp();
    await t.login();
    const sim = t.app.sim!;
    const { personRef } = await identify(t, sim, EMPLOYEE);
    sim.setFaults({ businessError: { infcode: -1, err_msg: '参保人状态异常' }, onlyInfno: '2102' });
    const r = await t.call<{ id: string }>('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    expect(r.ok, r.error?.message).toBe(true);
    await waitStatus(t, r.data.id, 'refused');
    const job = (await jobsOf(t, r.data.id)).find((j) => j.kind === 'settlement')!;
    expect(job.state).toBe('cancelled');
    expect(job.lastError).toContain('参保人状态异常');
    const again = await t.call('print.reprint', { settlementId: r.data.id, kind: 'settlement' });
    expect([again.ok, (again.error as { key?: string }).key]).toEqual([false, 'print.refusedNoSlip']);
    sim.setFaults({ businessError: null, onlyInfno: null });
  });
});
