/**
 * Each fault switch of the simulator, over the real app: what the terminal records and how it ends.
 * (timeoutAfterCommit and delay: unknown-outcome.test.ts; two terminals: two-terminals.test.ts.)
 */
import { simAdmin } from '../../helpers/sim-admin.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, confirmPharmacy, expectOneEffective, sends, until, waitStatus } from './helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function terminal() {
  t = await startApp();
  await t.login();
  return { t, sim: t.app.sim! };
}

describe('fault switches', () => {
  it('refuse connections (down): queued, retried, then settled once when the center returns', async () => {
    const { t, sim } = await terminal();
    const { personRef } = await t.identifyTyped(EMPLOYEE);
    sim.setFaults({ down: true });
    const r = await t.call('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    expect(r.ok).toBe(true);
    await until('a failed send', () => sends(t, r.data.id), (rows) => rows.length > 0 && rows.every((x) => x.state !== 'pending'));
    expect((await t.call('status.get')).data.center.state).toBe('offline');
    expect((await t.call('sync.status')).data).toMatchObject({ queueDepth: 1 });
    expect(sim.settlements()).toHaveLength(0);
    sim.setFaults({ down: false });
    await t.call('sync.retryNow');
    await waitStatus(t, r.data.id, 'settled');
    expectOneEffective(sim, EMPLOYEE, r.data.local.medfee_sumamt);
    expect((await t.call('sync.status')).data).toMatchObject({ queueDepth: 0, parked: 0, unknownUnresolved: 0 });
  });

  it('HTTP 500: retried, the reply kept for support, then settled once', async () => {
    const { t, sim } = await terminal();
    sim.setFaults({ http500: true, onlyInfno: '2102' });
    const v = await confirmPharmacy(t, sim, EMPLOYEE);
    const rows = await until('a 500', () => sends(t, v.id), (x) => x.some((r) => r.infno === '2102' && r.state === 'unknown'));
    const bad = rows.find((r) => r.infno === '2102')!;
    expect(bad).toMatchObject({ failure: 'http', http_status: 500 });
    expect(bad.raw_reply).toContain('HTTP 500');
    const api = (await t.call('sync.sends', { settlementId: v.id })).data as Array<{ raw_reply: string | null; http_status: number | null }>;
    expect(api.some((s) => s.http_status === 500 && s.raw_reply?.includes('医保中心服务暂时不可用'))).toBe(true);
    expect(sim.settlements()).toHaveLength(0); // a 500 applies nothing
    sim.setFaults({ http500: false, onlyInfno: null });
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');
    expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
    expect(sim.reversals()).toEqual([expect.objectContaining({ oinfno: '2102', rvs_flag: '0' })]); // 2601 found nothing to undo
  });

  it('garbage body: a bad reply, retried, the body kept', async () => {
    const { t, sim } = await terminal();
    sim.setFaults({ garbage: true, onlyInfno: '2101' });
    const v = await confirmPharmacy(t, sim, EMPLOYEE);
    const rows = await until('garbage', () => sends(t, v.id), (x) => x.some((r) => r.infno === '2101' && r.state === 'unknown'));
    const bad = rows.find((r) => r.infno === '2101')!;
    expect(bad).toMatchObject({ failure: 'bad_reply', http_status: 200 });
    expect(bad.raw_reply).toContain('502 Bad Gateway');
    // 2101 only computes: retried under the same msgid, no 2601
    sim.setFaults({ garbage: false, onlyInfno: null });
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');
    const log = sends(t, v.id);
    expect(log.filter((r) => r.infno === '2101')).toEqual([expect.objectContaining({ msgid: bad.msgid, state: 'success', tries: 2 })]);
    expect(log.some((r) => r.infno === '2601')).toBe(false);
    expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
  });

  it('business error with a chosen infcode: parked with the reason, a conflict, the others keep flowing', async () => {
    const { t, sim } = await terminal();
    sim.setFaults({ businessError: { infcode: -3, err_msg: '该人员参保状态为暂停参保，不能结算' }, onlyInfno: '2102' });
    const refused = await confirmPharmacy(t, sim, EMPLOYEE);
    await waitStatus(t, refused.id, 'refused');
    sim.setFaults({ businessError: null, onlyInfno: null });
    const ok = await confirmPharmacy(t, sim, EMPLOYEE, [{ code: AMOXICILLIN, qty: '1' }]);
    await waitStatus(t, ok.id, 'settled');

    const view = (await t.call('settle.get', { id: refused.id })).data;
    expect(view.last_error).toBe('该人员参保状态为暂停参保，不能结算');
    const log = sends(t, refused.id).find((r) => r.infno === '2102')!;
    expect(log).toMatchObject({ state: 'refused', infcode: -3, failure: 'refused' });
    const status = (await t.call('sync.status')).data;
    expect(status).toMatchObject({ parked: 1, conflictsOpen: 1, queueDepth: 0 });
    const conflicts = (await t.call('sync.conflicts', {})).data;
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'refused', settlement_id: refused.id, reason: '该人员参保状态为暂停参保，不能结算', actions: ['accept'] }),
    ]);
    expect(sim.settlements()).toHaveLength(1);
  });

  it('drifted policy: recorded with the center’s amounts, a conflict lists both splits', async () => {
    const { t, sim } = await terminal();
    sim.setFaults({ driftedPolicy: true });
    const v = await confirmPharmacy(t, sim, EMPLOYEE, [{ code: AMOXICILLIN, qty: '8' }]);
    await waitStatus(t, v.id, 'settled');
    const view = (await t.call('settle.get', { id: v.id })).data;
    const eff = expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
    expect(view.center.fund_pay_sumamt).toBe(eff.fund_pay_sumamt);
    expect(view.center.fund_pay_sumamt).not.toBe(view.local.fund_pay_sumamt);
    const [c] = (await t.call('sync.conflicts', {})).data;
    expect(c).toMatchObject({ kind: 'split_differs', settlement_id: v.id, actions: ['accept', 'reverse'] });
    expect(c.fields).toContain('fund_pay_sumamt');
    expect(c.local).toEqual(view.local);
    expect(c.center).toEqual(view.center);
  });

  it('the admin endpoint takes every switch and validates it', async () => {
    const { sim } = await terminal();
    const post = (body: unknown) => simAdmin(sim).post('/admin/faults', body);
    const all = {
      down: false, delayMs: 5, garbage: false, timeoutAfterCommit: true, http500: false,
      businessError: { infcode: -7, err_msg: '测试' }, driftedPolicy: true, dedupe: false, onlyInfno: '2207',
    };
    const r = await post(all);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual(all);
    expect(sim.getFaults()).toEqual(all);
    expect((await post({ businessError: { infcode: 0, err_msg: 'x' } })).status).toBe(400); // infcode must be negative
    expect((await post({ onlyInfno: 'abc' })).status).toBe(400);
    expect((await post({ nonsense: true })).status).toBe(400);
    const back = await post({ timeoutAfterCommit: false, businessError: null, driftedPolicy: false, dedupe: true, onlyInfno: null, delayMs: 0 });
    expect((await back.json()).dedupe).toBe(true);
  });

  it('the developer call sets the same switches (embedded default)', async () => {
    const { t, sim } = await terminal();
    const r = await t.call('dev.setFaults', { http500: true, onlyInfno: '2101' });
    expect(r.ok).toBe(true);
    expect(sim.getFaults()).toMatchObject({ http500: true, onlyInfno: '2101', down: false });
    expect((await t.call('dev.getFaults')).data).toMatchObject({ http500: true });
  });
});
