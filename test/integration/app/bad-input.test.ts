/**
 * Bad input at every boundary gives a clear error, never a crash and never a wrong amount; and
 * nothing is lost or doubled when the center fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './app-harness.js';

const EMPLOYEE = '530600000000000001';
const AMOXICILLIN = 'XJ01CAA040A001010100001';

let t: AppUnderTest;
beforeEach(async () => {
  t = await startApp();
});
afterEach(async () => {
  await t.close();
});

describe('malformed calls from the renderer', () => {
  it('an unknown call is refused by name', async () => {
    const r = await t.call('settle.delete_everything', {});
    expect(r.error.code).toBe('UNKNOWN_CALL');
  });

  it('a bad login shape names the field', async () => {
    const r = await t.call('session.login', { cashierNo: '12', pin: '1234' });
    expect(r.error).toMatchObject({ code: 'VALIDATION', field: 'cashierNo' });
  });

  it('calls need a logged-in cashier', async () => {
    const r = await t.call('catalog.search', { q: '阿莫' });
    expect(r.error.code).toBe('AUTH');
  });

  it('a wrong PIN is refused and audited', async () => {
    const r = await t.call('session.login', { cashierNo: '1001', pin: '0000' });
    expect(r.error.code).toBe('AUTH');
    expect(t.app.store.audit.list().some((a) => a.action === 'session.login_failed')).toBe(true);
  });

  it('a malformed bill names the field, and a string where a quantity belongs is refused', async () => {
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    const r1 = await t.call('settle.preview', t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1.23456' }]));
    expect(r1.error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.qty' });
    const r2 = await t.call('settle.preview', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }]), useAcct: 'yes' });
    expect(r2.error).toMatchObject({ code: 'VALIDATION', field: 'useAcct' });
    const r3 = await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: 'not-a-uuid' });
    expect(r3.error).toMatchObject({ code: 'VALIDATION', field: 'requestId' });
  });

  it('an unknown catalog code is NOT_FOUND naming the line', async () => {
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    const r = await t.call('settle.preview', t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }, { code: 'NO-SUCH-CODE', qty: '1' }]));
    expect(r.error).toMatchObject({ code: 'NOT_FOUND', field: 'lines.1.code' });
  });

  it('an ID number with a wrong check digit is refused before the center is asked', async () => {
    await t.login();
    const r = await t.call('person.identify', { mdtrt_cert_type: '02', certno: '530602197803150110' });
    expect(r.error.code).toBe('VALIDATION');
  });

  it('an HIS bill with a bad amount names the line and field', async () => {
    await t.login();
    const bill = { format: 'yb-pos-his-bill/1', his_bill_no: 'MZ1', med_type: '11', lines: [{ med_list_codg: AMOXICILLIN, pric: '12.345', cnt: 1 }] };
    const r = await t.call('bill.parseHis', { content: JSON.stringify(bill) });
    expect(r.error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.pric' });
    const r2 = await t.call('bill.parseHis', { content: '{not json' });
    expect(r2.error.code).toBe('VALIDATION');
  });
});

describe('a center that fails', () => {
  it('an unknown person gets the center’s own message', async () => {
    await t.login();
    const r = await t.call('person.identify', { mdtrt_cert_type: '02', certno: '11010519491231002X' });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('CENTER_REFUSED');
    expect(r.error.message).toMatch(/未|人员/);
  });

  it('a garbage reply is CENTER_BAD_REPLY, and a timeout is CENTER_UNREACHABLE', async () => {
    await t.login();
    t.app.sim!.setFaults({ garbage: true });
    const certno = t.app.sim!.people().find((p) => p.psn_no === EMPLOYEE)!.certno;
    const r1 = await t.call('person.identify', { mdtrt_cert_type: '02', certno });
    expect(r1.error.code).toBe('CENTER_BAD_REPLY');
    t.app.sim!.setFaults({ garbage: false, delayMs: 3000 });
    const r2 = await t.call('person.identify', { mdtrt_cert_type: '02', certno });
    expect(r2.error.code).toBe('CENTER_UNREACHABLE');
    expect(r2.error.message).toContain('timeout');
    t.app.sim!.setFaults({ delayMs: 0 });
  });

  it('a garbage reply at confirm keeps the settlement queued; it settles once when the center recovers', async () => {
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    t.app.sim!.setFaults({ garbage: true });
    const requestId = t.newRequestId();
    const draft = { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '2' }]), requestId };
    const r = await t.call('settle.confirm', draft);
    expect(r.ok).toBe(true);
    expect(r.data.status).toBe('queued');
    // the renderer retries the same confirm (it never saw the answer): still one settlement
    const again = await t.call('settle.confirm', draft);
    expect(again.data.id).toBe(r.data.id);
    await t.app.worker.drainNow();
    expect((await t.call('settle.get', { id: r.data.id })).data.status).toBe('queued');
    t.app.sim!.setFaults({ garbage: false });
    await t.app.worker.drainNow();
    const done = await t.call('settle.get', { id: r.data.id });
    expect(done.data.status).toBe('settled');
    expect(done.data.center.medfee_sumamt).toBe(2500);
    expect((await t.call('settle.list', {})).data).toHaveLength(1);
    expect(t.app.sim!.settlements().filter((s: { psn_no: string }) => s.psn_no === EMPLOYEE)).toHaveLength(1);
  });
});
