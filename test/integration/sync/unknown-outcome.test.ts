/**
 * Unknown outcomes over the real app and the real simulator: the center commits, the reply is lost.
 * In both simulator modes (deduplicating by msgid and not) the terminal must end with exactly one
 * effective settlement at the center, resolved by 2601 and a re-send under a new msgid.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, confirmPharmacy, expectOneEffective, sends, until, waitStatus } from './helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe.each([
  ['deduplicating', true],
  ['not deduplicating', false],
])('timeout after commit, simulator %s', (_label, dedupe) => {
  it('pharmacy 2102: the lost settlement is reversed with 2601 and re-sent under a new msgid; one effective settlement', async () => {
    t = await startApp();
    await t.login();
    const sim = t.app.sim!;
    sim.setFaults({ dedupe, timeoutAfterCommit: true, onlyInfno: '2102' });
    const balc0 = sim.balance(EMPLOYEE);
    const v = await confirmPharmacy(t, sim, EMPLOYEE, [{ code: AMOXICILLIN, qty: '2' }]);
    // the center applies 2102, the reply is dropped: the terminal logs it unknown
    await until('an unknown 2102', () => sends(t!, v.id), (rows) => rows.some((r) => r.infno === '2102' && r.state === 'unknown'));
    expect(sim.settlements().filter((s) => s.psn_no === EMPLOYEE)).toHaveLength(1);
    expect(await t.call('settle.get', { id: v.id }).then((r) => r.data.status)).toBe('queued');

    sim.setFaults({ timeoutAfterCommit: false, onlyInfno: null });
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');

    const eff = expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
    // the first application was reversed by 2601, the second stands
    const atCenter = sim.settlements().filter((s) => s.psn_no === EMPLOYEE);
    expect(atCenter.map((s) => s.status)).toEqual(['reversed', 'settled']);
    expect(sim.balance(EMPLOYEE)).toBe(balc0 - eff.acct_pay);

    const log = sends(t, v.id);
    const first = log.find((r) => r.infno === '2102' && r.state === 'unknown')!;
    const reversal = log.find((r) => r.infno === '2601')!;
    const second = log.find((r) => r.infno === '2102' && r.state === 'success')!;
    expect(reversal).toMatchObject({ state: 'success', omsgid: first.msgid, oinfno: '2102' });
    expect(first).toMatchObject({ resolved_by: reversal.msgid, resolution: 'reversed', failure: 'network' });
    expect(second.msgid).not.toBe(first.msgid);
    expect(eff.msgid).toBe(second.msgid);
    expect(sim.reversals()).toEqual([expect.objectContaining({ omsgid: first.msgid, oinfno: '2102', rvs_flag: '1' })]);
    // the outbox row now carries the new msgid; the old one stays in the send log
    const row = t.app.store.outbox.forSettlement(v.id).find((r) => r.infno === '2102')!;
    expect(row).toMatchObject({ msgid: second.msgid, status: 'done' });
    const audit = t.app.store.audit.list(v.id).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['outbox.unknown', 'outbox.unknown_resolved', 'outbox.sent']));
  });

  it('outpatient 2201 and 2207 both lost after commit: one visit in force, one effective settlement', async () => {
    t = await startApp();
    await t.login();
    const sim = t.app.sim!;
    sim.setFaults({ dedupe, timeoutAfterCommit: true, onlyInfno: '2201' });
    const v = await confirmPharmacy(t, sim, EMPLOYEE, [{ code: '001101000010000', qty: '1', pric: 1000 }, { code: AMOXICILLIN, qty: '1', pric: 1250 }], { kind: 'outpatient', med_type: '11' });
    await until('an unknown 2201', () => sends(t!, v.id), (rows) => rows.some((r) => r.infno === '2201' && r.state === 'unknown'));
    // now the registration gets through, the settlement is lost after commit
    sim.setFaults({ onlyInfno: '2207' });
    await t.app.worker.drainNow();
    await until('an unknown 2207', () => sends(t!, v.id), (rows) => rows.some((r) => r.infno === '2207' && r.state === 'unknown'));
    sim.setFaults({ timeoutAfterCommit: false, onlyInfno: null });
    await t.app.worker.drainNow();
    const done = await waitStatus(t, v.id, 'settled');
    expect(done).toBe('settled');
    const eff = expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
    const rec = t.app.store.settlements.get(v.id)!;
    expect(rec.mdtrt_id).toBe(eff.mdtrt_id);
    expect(rec.setl_id).toBe(eff.setl_id);
    const reversed = sim.reversals().map((r) => [r.oinfno, r.rvs_flag]);
    expect(reversed).toEqual([['2201', '1'], ['2207', '1']]);
  });
});

describe('unknown outcomes, more ways', () => {
  it('a 2601 that itself is lost after commit is retried under its own msgid; still one effective settlement', async () => {
    t = await startApp();
    await t.login();
    const sim = t.app.sim!;
    sim.setFaults({ dedupe: false, timeoutAfterCommit: true, onlyInfno: '2102' });
    const v = await confirmPharmacy(t, sim, EMPLOYEE);
    await until('an unknown 2102', () => sends(t!, v.id), (rows) => rows.some((r) => r.infno === '2102' && r.state === 'unknown'));
    sim.setFaults({ onlyInfno: '2601' });
    await t.app.worker.drainNow();
    const rev = await until('an unknown 2601', () => sends(t!, v.id), (rows) => rows.some((r) => r.infno === '2601' && r.state === 'unknown'));
    const rmsgid = rev.find((r) => r.infno === '2601')!.msgid;
    // the 2601 was applied by the center though its reply was lost: the settlement is already reversed there
    expect(sim.settlements().filter((s) => s.psn_no === EMPLOYEE).map((s) => s.status)).toEqual(['reversed']);
    sim.setFaults({ timeoutAfterCommit: false, onlyInfno: null });
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');
    expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
    const reversals = sends(t, v.id).filter((r) => r.infno === '2601');
    expect(reversals).toHaveLength(1); // one 2601 msgid, sent twice
    expect(reversals[0]).toMatchObject({ msgid: rmsgid, state: 'success', tries: 2 });
  });

  it('a reply slower than the client timeout (delay fault) is an unknown outcome resolved the same way', async () => {
    t = await startApp();
    await t.login();
    const sim = t.app.sim!;
    sim.setFaults({ dedupe: false, delayMs: 2500, onlyInfno: '2102' });
    const v = await confirmPharmacy(t, sim, EMPLOYEE);
    const rows = await until('an unknown 2102', () => sends(t!, v.id), (r) => r.some((x) => x.infno === '2102' && x.state === 'unknown'));
    expect(rows.find((x) => x.infno === '2102')!.failure).toBe('timeout');
    sim.setFaults({ delayMs: 0, onlyInfno: null });
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');
    expectOneEffective(sim, EMPLOYEE, v.local.medfee_sumamt);
  });
});
