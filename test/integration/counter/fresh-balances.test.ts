/**
 * Fresh balances: one identification, several bills in a row (own account, family co-pay), each
 * priced against what the settlements before it left (own balance, the authorizer's balance, the
 * year's deductible and pooling). The center (the embedded simulator, same engine) then settles
 * every bill to the fen as previewed: no split_differs conflict, and the balances the screen is told
 * ('person.updated') are the center's. Also across a restart with settlements still queued.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonView } from '../../../src/shared/domain.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, ATORVASTATIN, AUTHORIZER, CHILD, EMPLOYEE, until, waitStatus } from '../sync/helpers.js';

const BANLANGEN = 'ZA01BAB0053010100005'; // class B
const CEFACLOR = 'XJ01DCC027E001010100004'; // class B

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** the last PersonView the screen was told for each personRef */
function watchPeople(app: AppUnderTest['app']): Map<string, PersonView> {
  const seen = new Map<string, PersonView>();
  app.bus.subscribe((name, payload) => {
    if (name === 'person.updated') seen.set((payload as PersonView).personRef, payload as PersonView);
  });
  return seen;
}

async function identified(t: AppUnderTest, psnNo: string): Promise<PersonView> {
  const person = t.app.sim!.people().find((p) => p.psn_no === psnNo)!;
  const r = await t.call<PersonView>('person.identify', { mdtrt_cert_type: '02', certno: person.certno });
  expect(r.ok, r.error?.message).toBe(true);
  return r.data;
}

async function confirmBills(t: AppUnderTest, personRef: string, bills: Array<Array<{ code: string; qty: string }>>, extra: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (const lines of bills) {
    const preview = await t.call('settle.preview', t.draft(personRef, lines, extra));
    expect(preview.ok, preview.error?.message).toBe(true);
    const r = await t.call<{ id: string; local: Record<string, number> }>('settle.confirm', { ...t.draft(personRef, lines, extra), requestId: t.newRequestId() });
    expect(r.ok, r.error?.message).toBe(true);
    // what was previewed is what was confirmed
    expect(r.data.local).toEqual((preview.data as { split: Record<string, number> }).split);
    ids.push(r.data.id);
  }
  return ids;
}

function splitConflicts(t: AppUnderTest) {
  return t.app.store.conflicts.list('open').filter((c) => c.kind === 'split_differs');
}


describe('fresh balances after each settlement', () => {
  it('an employee settles five bills on one identification (own account, deductible being met): the center agrees with every preview', async () => {
    t = await startApp();
    await t.login();
    const seen = watchPeople(t.app);
    const p = await identified(t, EMPLOYEE);
    const before = t.app.sim!.balance(EMPLOYEE);
    // bills large enough that the deductible left (150.00) is met part-way through
    const bills = [
      [{ code: ATORVASTATIN, qty: '2' }],
      [{ code: CEFACLOR, qty: '3' }, { code: AMOXICILLIN, qty: '1' }],
      [{ code: ATORVASTATIN, qty: '3' }],
      [{ code: BANLANGEN, qty: '2' }],
      [{ code: AMOXICILLIN, qty: '4' }],
    ];
    const ids = await confirmBills(t, p.personRef, bills);
    for (const id of ids) await waitStatus(t, id, 'settled');
    expect(splitConflicts(t)).toEqual([]);
    const after = t.app.sim!.balance(EMPLOYEE);
    expect(after).toBeLessThan(before);
    await until('the screen told of the last answer', () => seen.get(p.personRef)?.balc, (b) => b === after);
    // the year's counters on the card follow the center's
    const ytd = t.app.sim!.ytd(EMPLOYEE);
    const shown = seen.get(p.personRef)!;
    expect(shown.year).not.toBeNull();
    expect(shown.year!.pool_paid).toBe(ytd.hifp_paid);
    expect(shown.year!.dedc_left).toBe(Math.max(0, 20000 - ytd.dedc_used));
  });

  it('a bound child pays five bills in a row from her father’s co-pay account: no split differs, the authorizer’s balance shown is the center’s', async () => {
    t = await startApp();
    await t.login();
    const seen = watchPeople(t.app);
    const p = await identified(t, CHILD);
    // the center does not answer for a while: the bills queue, each priced against the ones before
    t.app.sim!.setFaults({ delayMs: 150 });
    const bills = Array.from({ length: 5 }, (_, i) => [{ code: i % 2 ? CEFACLOR : BANLANGEN, qty: String(2 + i) }]);
    const ids = await confirmBills(t, p.personRef, bills, { mulaidPsnNo: AUTHORIZER, useAcct: false });
    t.app.sim!.setFaults({ delayMs: 0 });
    for (const id of ids) await waitStatus(t, id, 'settled');
    expect(splitConflicts(t)).toEqual([]);
    const centerBalc = t.app.sim!.balance(AUTHORIZER);
    await until('the authorizer balance on screen', () => seen.get(p.personRef)?.authorizers.find((a) => a.psn_no === AUTHORIZER)?.balc, (b) => b === centerBalc);
    // the father, identified now, sees his own account as the center has it
    const father = await identified(t, AUTHORIZER);
    expect(father.balc).toBe(centerBalc);
  });

  it('settlements still queued when the terminal restarts are priced in on the next identification', async () => {
    const offline = { allowConfirm: true, maxPerSettlementFen: 1_000_000, maxPerDayFen: 10_000_000 };
    const first = await startApp({ offline });
    await first.login();
    let p = await identified(first, EMPLOYEE);
    first.app.sim!.setFaults({ down: true });
    const queued = await confirmBills(first, p.personRef, [[{ code: ATORVASTATIN, qty: '2' }], [{ code: CEFACLOR, qty: '2' }]]);
    await first.app.close(); // the process ends with both still queued
    try {
      // the same data directory (and the embedded simulator's database in it)
      t = await startApp({ offline, dataDir: first.dir });
      await t.app.worker.stop(); // the queued ones wait while the next bill is priced
      await t.login();
      p = await identified(t, EMPLOYEE);
      expect(t.app.sim!.settlements().filter((s) => s.psn_no === EMPLOYEE)).toHaveLength(0);
      const [next] = await confirmBills(t, p.personRef, [[{ code: ATORVASTATIN, qty: '3' }]]);
      t.app.worker.start();
      for (const id of [...queued, next]) await waitStatus(t, id, 'settled');
      expect(splitConflicts(t)).toEqual([]);
    } finally {
      await t?.close();
      t = null;
      await first.close().catch(() => undefined);
    }
  });
});
