/** Confirming while the center is unreachable: off by default; when on, limited per settlement, per day and by cache age. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, identify, waitStatus } from './helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** identified online once (cache filled), then the center goes down and the person is identified again from the cache */
async function offlinePerson(offline?: Record<string, unknown>) {
  t = await startApp(offline ? { offline } : {});
  await t.login();
  const sim = t.app.sim!;
  await identify(t, sim, EMPLOYEE);
  sim.setFaults({ down: true });
  const p = await identify(t, sim, EMPLOYEE);
  expect(p.stale).toBe(true);
  return { t, sim, personRef: p.personRef };
}

const confirm = (t: AppUnderTest, personRef: string, qty = '1') =>
  t.call('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty }]), requestId: t.newRequestId() });

describe('offline confirmation', () => {
  it('is off by default: refused with a clear reason, nothing committed', async () => {
    const { t, personRef } = await offlinePerson();
    const r = await confirm(t, personRef);
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toContain('offline.allowConfirm');
    expect((await t.call('settle.list', {})).data).toHaveLength(0);
    expect((await t.call('sync.status')).data.offline).toMatchObject({ allowConfirm: false, usedTodayFen: 0 });
  });

  it('when on: queued, marked, counted for the day; sent when the center returns', async () => {
    const { t, sim, personRef } = await offlinePerson({ allowConfirm: true, maxPerSettlementFen: 50_000, maxPerDayFen: 50_000, maxPersonAgeHours: 1 });
    const r = await confirm(t, personRef, '2');
    expect(r.ok).toBe(true);
    expect(r.data.status).toBe('queued');
    const insured = r.data.local.medfee_sumamt - r.data.local.psn_cash_pay;
    expect((await t.call('sync.offlineMarks', {})).data).toEqual([expect.objectContaining({ settlement_id: r.data.id, insured_fen: insured })]);
    expect((await t.call('sync.status')).data.offline.usedTodayFen).toBe(insured);
    expect(t.app.store.audit.list(r.data.id).map((a) => a.action)).toEqual(['settlement.confirm', 'settlement.offline_confirm']);
    sim.setFaults({ down: false });
    await t.call('sync.retryNow');
    await waitStatus(t, r.data.id, 'settled');
  });

  it('limits: per settlement, per day, and the age of the cached person', async () => {
    const { t, personRef } = await offlinePerson({ allowConfirm: true, maxPerSettlementFen: 3_000, maxPerDayFen: 5_000, maxPersonAgeHours: 2 });
    const big = await confirm(t, personRef, '4'); // 4 × 12.50 = 50.00, all paid by the account
    expect(big.error.code).toBe('CONFLICT');
    expect(big.error.message).toContain('offline.maxPerSettlementFen');
    expect((await confirm(t, personRef, '2')).ok).toBe(true); // 25.00
    expect((await confirm(t, personRef, '2')).ok).toBe(true); // 50.00 for the day
    const over = await confirm(t, personRef, '1');
    expect(over.error.message).toContain('offline.maxPerDayFen');
    expect((await t.call('settle.list', {})).data).toHaveLength(2);

    // a cache older than allowed
    t.app.store.db.prepare('UPDATE person_cache SET fetched_at = ?').run(new Date(Date.now() - 3 * 3_600_000).toISOString());
    const p = await identify(t, t.app.sim!, EMPLOYEE);
    const old = await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    expect(old.error.message).toContain('offline.maxPersonAgeHours');
  });

  it('a double press while offline makes one settlement', async () => {
    const { t, personRef } = await offlinePerson({ allowConfirm: true, maxPerSettlementFen: 50_000, maxPerDayFen: 50_000, maxPersonAgeHours: 1 });
    const requestId = t.newRequestId();
    const draft = { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId };
    const [x, y] = await Promise.all([t.call('settle.confirm', draft), t.call('settle.confirm', draft)]);
    expect(x.data.id).toBe(y.data.id);
    expect((await t.call('sync.offlineMarks', {})).data).toHaveLength(1);
  });

  it('online, the rules do not apply even with offline confirmation off', async () => {
    t = await startApp();
    await t.login();
    const p = await identify(t, t.app.sim!, EMPLOYEE);
    const r = await confirm(t, p.personRef);
    expect(r.ok).toBe(true);
    expect((await t.call('sync.offlineMarks', {})).data).toHaveLength(0);
  });
});
