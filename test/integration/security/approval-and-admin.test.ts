/**
 * Reversal needs a supervisor (number + PIN given at the window, checked on the main side, one-time,
 * bound to the action, its subject and the cashier who asked; the configured exception spares it);
 * cashier administration needs an administrator and is audited; against a real center no demo cashier
 * exists and the first administrator is created once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { createApprovals } from '../../../src/main/services/approval.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { tempDir } from '../../helpers/tmp.js';

const LINES = [{ code: 'XA11GAV017A001010100011', qty: '1' }];
let a: AppUnderTest | null = null;
let sim: CenterSim | null = null;
afterEach(async () => {
  await a?.close();
  await sim?.close();
  a = null;
  sim = null;
});

async function confirmed(x: AppUnderTest): Promise<string> {
  const p = await x.identifyTyped('530600000000000003');
  const v = await x.call('settle.confirm', { ...x.draft(p.personRef, LINES), requestId: x.newRequestId() });
  if (!v.ok) throw new Error(v.error.message);
  return v.data.id;
}
const grant = (x: AppUnderTest, subject: string, supervisorNo = '9001', pin = '9999') =>
  x.call('approval.grant', { action: 'settlement.reverse', subject, supervisorNo, pin });

describe('reversal needs a supervisor', () => {
  it('no approval, a cashier as approver, a token for another settlement or spent twice: all refused', async () => {
    a = await startApp();
    await a.login();
    const id = await confirmed(a);
    const other = await confirmed(a);
    expect((await a.call('approval.needed', { action: 'settlement.reverse', subject: id })).data).toEqual({ required: true, exception: null });
    expect((await a.call('settle.reverse', { id, reason: '患者退药' })).error.code).toBe('APPROVAL_REQUIRED');
    expect((await grant(a, id, '1002', '2345')).error.code).toBe('AUTH');
    expect((await grant(a, id, '9001', '0000')).error.code).toBe('AUTH');

    const forOther = (await grant(a, other)).data.token;
    expect((await a.call('settle.reverse', { id, reason: '患者退药', approval: forOther })).error.code).toBe('APPROVAL_REQUIRED');
    const g = await grant(a, id);
    expect(g.data.supervisor).toEqual({ no: '9001', name: '赵主管' });
    const done = await a.call('settle.reverse', { id, reason: '患者退药', approval: g.data.token });
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    expect(['reversing', 'reversed']).toContain(done.data.status);
    // spent: it does not reverse the other one either
    expect((await a.call('settle.reverse', { id: other, reason: 'x', approval: g.data.token })).error.code).toBe('APPROVAL_REQUIRED');

    const audit = a.app.store.audit.list(id);
    expect(audit.find((e) => e.action === 'approval.granted')).toMatchObject({ actor: '9001' });
    const rev = audit.find((e) => e.action === 'settlement.reverse')!;
    expect(JSON.parse(rev.detail!)).toMatchObject({ reason: '患者退药', approved_by: '9001' });
    expect(a.app.store.audit.list().some((e) => e.action === 'approval_failed' && e.actor === '9001')).toBe(true);
  });

  it('a signed-in supervisor needs no second approval', async () => {
    a = await startApp();
    await a.call('session.login', { cashierNo: '9001', pin: '9999' });
    const id = await confirmed(a);
    expect((await a.call('approval.needed', { action: 'settlement.reverse', subject: id })).data.exception).toBe('supervisor_signed_in');
    expect((await a.call('settle.reverse', { id, reason: 'x' })).ok).toBe(true);
  });

  it('the configured exception: the same cashier, the same day, within N minutes — and no one else', async () => {
    a = await startApp({ security: { reversal: { ownWithinMinutes: 10 } } });
    await a.login();
    const mine = await confirmed(a);
    expect((await a.call('approval.needed', { action: 'settlement.reverse', subject: mine })).data).toEqual({ required: false, exception: 'own_recent' });
    expect((await a.call('settle.reverse', { id: mine, reason: 'x' })).ok).toBe(true);
    const mine2 = await confirmed(a);
    await a.call('session.logout');
    await a.call('session.login', { cashierNo: '1002', pin: '2345' });
    expect((await a.call('settle.reverse', { id: mine2, reason: 'x' })).error.code).toBe('APPROVAL_REQUIRED');
  });

  it('an approval expires', () => {
    let t = 0;
    const store = { audit: { append: () => undefined } };
    const gate = { check: (no: string) => ({ no, name: 'S', role: 'supervisor' as const }) };
    const ap = createApprovals({ store: store as never, gate: gate as never, ttlMs: 1000, now: () => t, actor: () => ({ no: '1001', role: 'cashier' }) });
    const g = ap.grant({ action: 'settlement.reverse', subject: 'S1', supervisorNo: '9001', pin: '9999' });
    t = 999;
    const again = ap.grant({ action: 'settlement.reverse', subject: 'S1', supervisorNo: '9001', pin: '9999' });
    expect(ap.consume(again.token, 'settlement.reverse', 'S1').no).toBe('9001');
    t = 1001;
    expect(() => ap.consume(g.token, 'settlement.reverse', 'S1')).toThrow(/approval/);
  });
});

describe('cashier administration', () => {
  it('needs an administrator; every change is audited; the last administrator stays', async () => {
    a = await startApp();
    await a.login();
    expect((await a.call('cashier.list')).error.code).toBe('AUTH');
    await a.call('session.logout');
    await a.call('session.login', { cashierNo: '9001', pin: '9999' });
    expect((await a.call('cashier.add', { cashierNo: '1003', name: '孙收费', role: 'cashier', pin: '4826' })).error.code).toBe('AUTH');
    await a.call('session.logout');
    await a.call('session.login', { cashierNo: '9901', pin: '2468' });

    expect((await a.call('cashier.add', { cashierNo: '1003', name: '孙收费', role: 'cashier', pin: '4826' })).data).toMatchObject({ no: '1003', role: 'cashier', active: true, intact: true });
    expect((await a.call('cashier.add', { cashierNo: '1003', name: 'x', role: 'cashier', pin: '4826' })).error.code).toBe('CONFLICT');
    expect((await a.call('cashier.add', { cashierNo: '1004', name: 'x', role: 'cashier', pin: '1234' })).error.field).toBe('pin');
    expect((await a.call('cashier.setRole', { cashierNo: '1003', role: 'supervisor' })).data.role).toBe('supervisor');
    expect((await a.call('cashier.resetPin', { cashierNo: '1003', pin: '7391' })).ok).toBe(true);
    expect((await a.call('cashier.setActive', { cashierNo: '1002', active: false })).data.active).toBe(false);
    expect((await a.call('cashier.setActive', { cashierNo: '9901', active: false })).error.code).toBe('CONFLICT');
    expect((await a.call('cashier.setRole', { cashierNo: '9901', role: 'cashier' })).error.code).toBe('CONFLICT');
    const list = (await a.call('cashier.list')).data as Array<{ no: string }>;
    expect(list.map((c) => c.no)).toEqual(['1001', '1002', '1003', '9001', '9901']);

    await a.call('session.logout');
    expect((await a.call('session.login', { cashierNo: '1002', pin: '2345' })).error.code).toBe('AUTH');
    expect((await a.call('session.login', { cashierNo: '1003', pin: '7391' })).data.cashier.role).toBe('supervisor');
    const actions = a.app.store.audit.list().map((e) => `${e.action}:${e.subject ?? ''}`);
    expect(actions).toEqual(expect.arrayContaining(['cashier.add:1003', 'cashier.set_role:1003', 'cashier.reset_pin:1003', 'cashier.disable:1002']));
    expect(await a.app.store.auditVerifier.verify()).toMatchObject({ ok: true });
  });
});

describe('against a real center', () => {
  it('no demo cashier is seeded; the first administrator is created once, then signs in', async () => {
    const t = tempDir('pos-real-');
    sim = await startCenterSim({ dbPath: path.join(t.dir, 'center.db') });
    a = await startApp({ center: { url: sim.url, timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 } }, { cashiers: 'none' });
    expect((await a.call('session.login', { cashierNo: '1001', pin: '1234' })).error.code).toBe('AUTH');
    expect((await a.call('session.get')).data).toMatchObject({ cashier: null, firstAdminNeeded: true });
    const first = await a.call('setup.firstAdmin', { cashierNo: '0001', name: '管理员', pin: '4826' });
    expect(first.data).toMatchObject({ cashier: { no: '0001', role: 'administrator' }, firstAdminNeeded: false });
    expect((await a.call('setup.firstAdmin', { cashierNo: '0002', name: 'x', pin: '4826' })).error.code).toBe('CONFLICT');
    expect((await a.call('cashier.list')).data.map((c: { no: string }) => c.no)).toEqual(['0001']);
    t.cleanup();
  });

  it('demo cashiers left with their published PINs in a database that once ran embedded are disabled', async () => {
    a = await startApp();
    const dir = a.dir;
    await a.app.close();
    const t = tempDir('pos-real-');
    sim = await startCenterSim({ dbPath: path.join(t.dir, 'center.db') });
    const b = await startApp({ dataDir: dir, center: { url: sim.url, timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 } }, { cashiers: 'none' });
    try {
      expect((await b.call('session.login', { cashierNo: '9001', pin: '9999' })).error.code).toBe('AUTH');
      expect(b.app.store.cashiers.list().filter((c) => c.active)).toEqual([]);
    } finally {
      await b.close();
      t.cleanup();
    }
    a = { ...a, close: async () => fs.rmSync(dir, { recursive: true, force: true }) } as AppUnderTest;
  });
});
