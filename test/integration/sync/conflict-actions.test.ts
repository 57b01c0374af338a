/** Conflict actions: accept (supervisor) and reverse, each audited; the center's split stays authoritative. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, confirmPharmacy, effectiveAtCenter, until, waitStatus } from './helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function drifted() {
  t = await startApp();
  await t.login();
  const sim = t.app.sim!;
  sim.setFaults({ driftedPolicy: true });
  const v = await confirmPharmacy(t, sim, EMPLOYEE, [{ code: AMOXICILLIN, qty: '8' }]);
  await waitStatus(t, v.id, 'settled');
  const [c] = (await t.call('sync.conflicts', {})).data;
  return { t, sim, v, c };
}

describe('conflict actions', () => {
  it('accept needs a supervisor; accepted, the settlement stays as the center recorded it, audited', async () => {
    const { t, v, c } = await drifted();
    const asCashier = await t.call('sync.acceptConflict', { id: c.id });
    expect(asCashier.error.code).toBe('AUTH');
    await t.call('session.logout');
    expect((await t.call('session.login', { cashierNo: '9001', pin: '9999' })).ok).toBe(true);
    const r = await t.call('sync.acceptConflict', { id: c.id, note: '中心政策已调整' });
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ state: 'accepted', resolved_by: '9001', note: '中心政策已调整', actions: [] });
    expect((await t.call('sync.conflicts', {})).data).toHaveLength(0);
    expect((await t.call('sync.conflicts', { state: 'all' })).data).toHaveLength(1);
    const view = (await t.call('settle.get', { id: v.id })).data;
    expect(view.status).toBe('settled');
    expect(view.center).toEqual(c.center);
    const audit = t.app.store.audit.list(v.id);
    expect(audit.map((a) => a.action)).toContain('conflict.accept');
    expect(JSON.parse(audit.find((a) => a.action === 'conflict.accept')!.detail!)).toMatchObject({ conflict: c.id, kind: 'split_differs' });
    expect((await t.call('sync.acceptConflict', { id: c.id })).error.code).toBe('CONFLICT'); // once only
  });

  it('reverse queues 2103, the center reverses it, audited', async () => {
    const { t, sim, v, c } = await drifted();
    // a reversal needs a supervisor, from a conflict as from the list
    expect((await t.call('sync.reverseConflict', { id: c.id, reason: 'x' })).error.code).toBe('APPROVAL_REQUIRED');
    const g = await t.call('approval.grant', { action: 'settlement.reverse', subject: v.id, supervisorNo: '9001', pin: '9999' });
    const r = await t.call('sync.reverseConflict', { id: c.id, reason: '金额不一致，撤销重结', approval: g.data.token });
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ state: 'reversed', note: '金额不一致，撤销重结' });
    await waitStatus(t, v.id, 'reversed');
    expect(effectiveAtCenter(sim, EMPLOYEE)).toHaveLength(0);
    const actions = t.app.store.audit.list(v.id).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['settlement.reverse', 'conflict.reverse']));
  });

  it('a conflict event reaches the renderer side when raised', async () => {
    t = await startApp();
    await t.login();
    const seen: unknown[] = [];
    t.app.router.subscribe((name, payload) => {
      if (name === 'conflict.raised') seen.push(payload);
    });
    t.app.sim!.setFaults({ driftedPolicy: true });
    await confirmPharmacy(t, t.app.sim!, EMPLOYEE, [{ code: AMOXICILLIN, qty: '8' }]);
    await until('a conflict event', () => seen.length, (n) => n === 1);
    expect(seen[0]).toMatchObject({ kind: 'split_differs', actions: ['accept', 'reverse'] });
  });
});
