/**
 * End of day through a whole terminal (services, SQLite, embedded simulator over loopback HTTP):
 * a day with a co-pay settlement, an outpatient one, a reversal and a pending one is reconciled
 * with 3201/3202; the simulator's test switch makes it lose one settlement and alter one amount.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileResult, ReconGroup } from '../../../src/shared/api-reconcile.js';
import { createClock } from '../../../src/main/clock.js';
import { createCenterClient, formatMsgid } from '../../../src/main/center/index.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { PEOPLE, seedDay } from './day-scenario.js';
import { call } from '../../helpers/app-call.js';

let u: AppUnderTest | null = null;
afterEach(async () => {
  await u?.close();
  u = null;
});

const today = () => createClock('Asia/Shanghai').today();
const group = (r: ReconcileResult, key: string): ReconGroup => {
  const g = r.groups.find((x) => `${x.insutype}/${x.clr_type}` === key);
  if (!g) throw new Error(`no group ${key} in ${r.groups.map((x) => `${x.insutype}/${x.clr_type}`).join(',')}`);
  return g;
};

describe('end of day with the simulated center', () => {
  it('balances every group, lists the reversal and the pending settlement, and does not call the day balanced', async () => {
    u = await startApp();
    await u.login();
    const seed = await seedDay(u.app);
    const events: Array<{ phase: string }> = [];
    u.app.bus.subscribe((name, payload) => {
      if (name === 'reconcile.progress') events.push(payload as { phase: string });
    });
    const r = await call<ReconcileResult>(u.app, 'reconcile.run', { date: today() });

    expect(r.status).toBe('pending'); // every group balances, but one settlement is still pending
    expect(r.groups.map((g) => `${g.insutype}/${g.clr_type}`).sort()).toEqual(['310/41', '390/11', '390/41']);
    for (const g of r.groups) expect(g.stmt_rslt, `${g.insutype}/${g.clr_type}`).toBe('0');

    // reversals netted and listed on their own
    const emp = group(r, '310/41');
    expect(emp.settlements.count).toBe(2);
    expect(emp.reversals.count).toBe(1);
    expect(emp.reversals.medfee_sumamt).toBeLessThan(0);
    expect(emp.local.count).toBe(3);
    expect(emp.local.medfee_sumamt).toBe(emp.settlements.medfee_sumamt + emp.reversals.medfee_sumamt);
    const reversed = await call<{ center: { medfee_sumamt: number } }>(u.app, 'settle.get', { id: seed.reversed });
    expect(emp.reversals.medfee_sumamt).toBe(-reversed.center.medfee_sumamt);

    // co-pay is its own column; the pending settlement is apart and not in the local totals
    const res = group(r, '390/41');
    expect(res.local.acct_mulaid_pay).toBeGreaterThan(0);
    expect(res.pending.count).toBe(1);
    expect(res.status).toBe('pending');
    expect(r.pending.map((p) => p.settlement_id)).toEqual([seed.pending]);
    const copay = await call<{ center: { medfee_sumamt: number } }>(u.app, 'settle.get', { id: seed.copay });
    expect(res.local.medfee_sumamt).toBe(copay.center.medfee_sumamt);

    // the terminal's net totals are the center's, group by group
    for (const g of r.groups) {
      expect(g.center).toEqual(g.local);
      const invariant = g.local.fund_pay_sumamt + g.local.acct_pay + g.local.acct_mulaid_pay + g.local.psn_cash_pay;
      expect(invariant).toBe(g.local.medfee_sumamt);
    }
    expect(events.map((e) => e.phase)).toContain('totals');
    expect(events.at(-1)?.phase).toBe('done');

    // kept, and audited
    expect((await call<ReconcileResult>(u.app, 'reconcile.last', { date: today() })).id).toBe(r.id);
    expect(u.app.store.audit.list().some((a) => a.action === 'reconcile.run' && a.actor === '1001')).toBe(true);
  });

  it('names the settlement the center lost and the amount it altered (3202), and one only the center has', async () => {
    u = await startApp();
    await u.login();
    const seed = await seedDay(u.app);
    const sim = u.app.sim!;
    const outpatient = await call<{ setl_id: string }>(u.app, 'settle.get', { id: seed.outpatient });
    const copay = await call<{ setl_id: string; center: { fund_pay_sumamt: number } }>(u.app, 'settle.get', { id: seed.copay });
    const drift = await call<{ lose_setl_id: string; alter: { setl_id: string } }>(u.app, 'reconcile.devDrift', { lose: true, alter: { field: 'fund_pay_sumamt', delta: 100 } });
    expect(drift.lose_setl_id).toBe(outpatient.setl_id); // the latest settled
    expect(drift.alter.setl_id).toBe(copay.setl_id);

    // a settlement the center has and this terminal never recorded (another system, same institution)
    const client = createCenterClient({
      url: sim.url, fixmedins_code: u.app.config.terminal.fixmedins_code, fixmedins_name: 'x', mdtrtarea_admvs: '530600', opter: '0001', opter_name: '他人', timeoutMs: 5000,
    });
    const p = sim.people().find((x) => x.psn_no === PEOPLE.EMPLOYEE)!;
    const data = { psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, begntime: '2026-01-01 00:00:00', med_type: '41', medfee_sumamt: 1250, insutype: '310', acct_used_flag: false, invono: '' };
    const feedetail = [{ feedetl_sn: 'X1', mdtrt_id: '', psn_no: p.psn_no, chrg_bchno: 'X', fee_ocur_time: '2026-01-01 00:00:00', med_list_codg: 'XJ01CAA040A001010100001', medins_list_codg: 'X', det_item_fee_sumamt: 1250, cnt: '1', pric: 1250 }];
    const other = (await client.call('2102', { data, feedetail } as never, { msgid: formatMsgid(u.app.config.terminal.fixmedins_code, new Date(), 9999), insuplc_admdvs: '530600' })) as { setlinfo: { setl_id: string } };

    const r = await call<ReconcileResult>(u.app, 'reconcile.run', { date: today() });
    expect(r.status).toBe('not_balanced');

    const op = group(r, '390/11');
    expect(op.stmt_rslt).toBe('1');
    expect(op.differences).toHaveLength(1);
    expect(op.differences[0]).toMatchObject({ kind: 'missing_at_center', setl_id: outpatient.setl_id, settlement_id: seed.outpatient, refd_setl_flag: '0' });

    const res = group(r, '390/41');
    expect(res.differences).toHaveLength(1);
    expect(res.differences[0]).toMatchObject({ kind: 'amounts_differ', setl_id: copay.setl_id, settlement_id: seed.copay });
    expect(res.differences[0].fields).toEqual([
      { field: 'fund_pay_sumamt', local: copay.center.fund_pay_sumamt, center: copay.center.fund_pay_sumamt + 100, delta: 100 },
    ]);

    const emp = group(r, '310/41');
    expect(emp.differences).toHaveLength(1);
    expect(emp.differences[0]).toMatchObject({ kind: 'missing_here', setl_id: other.setlinfo.setl_id, settlement_id: null, psn_no: PEOPLE.EMPLOYEE });
    expect(emp.differences[0].fields.find((f) => f.field === 'medfee_sumamt')).toEqual({ field: 'medfee_sumamt', local: null, center: 1250, delta: 1250 });

    // clearing the switch: the lost and altered ones balance again (the foreign one still does not)
    await call(u.app, 'reconcile.devDrift', { lose: false, alter: null });
    const again = await call<ReconcileResult>(u.app, 'reconcile.run', { date: today() });
    expect(group(again, '390/11').status).toBe('balanced');
    expect(group(again, '390/41').status).toBe('pending');
    expect(group(again, '310/41').status).toBe('not_balanced');
  });

  it('says the center cannot be reached instead of a result, and refuses a second run at the same time', async () => {
    u = await startApp();
    await u.login();
    u.app.sim!.setFaults({ down: true });
    const r = await u.app.router.call('reconcile.run', { date: today() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CENTER_UNREACHABLE');
    u.app.sim!.setFaults({ down: false });
    const [a, b] = await Promise.all([u.app.router.call('reconcile.run', { date: today() }), u.app.router.call('reconcile.run', { date: today() })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const failed = [a, b].find((x) => !x.ok)!;
    if (!failed.ok) expect(failed.error.code).toBe('CONFLICT');
  });

  it('refuses a bad period and needs a logged-in cashier', async () => {
    u = await startApp();
    const anon = await u.app.router.call('reconcile.run', { date: today() });
    expect(anon.ok).toBe(false);
    await u.login();
    const bad = await u.app.router.call('reconcile.run', { date: '2026-11-24', to: '2026-11-01' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'to' });
    const badDate = await u.app.router.call('reconcile.export', { date: '24.11.2026', format: 'csv' });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.error.field).toBe('date');
  });
});
