/**
 * The amount received travels with the confirm and is checked at both ends: the router refuses what
 * is no amount (a fraction of a fen, negative, absurdly large, unknown fields); the till refuses too
 * little, implausible change, or cash where none is due — and then nothing is committed: no
 * settlement, no message to the center, no slip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, identify } from '../sync/helpers.js';

const RESIDENT = '530600000000000003';
let t: AppUnderTest;
let personRef: string;
let due: number;
beforeAll(async () => {
  t = await startApp();
  await t.login();
  personRef = (await identify(t, t.app.sim!, RESIDENT)).personRef;
  due = (await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]))).data.split.psn_cash_pay;
}, 60_000);
afterAll(async () => t?.close());

const confirm = (cash: unknown) => t.call('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId(), cash });

describe('cash at the confirm', () => {
  it('the router refuses what is no amount of fen, naming the field', async () => {
    for (const cash of [{ received: 12.5 }, { received: -100 }, { received: 10_000_001 }, { received: '1000' }, { received: 1000, tip: 1 }]) {
      const r = await confirm(cash);
      expect(r.ok, JSON.stringify(cash)).toBe(false);
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.field ?? '').toMatch(/^cash/);
    }
  });

  it('the till refuses too little and implausible change in words; nothing is committed', async () => {
    expect(due).toBeGreaterThan(0);
    const count = async () => (await t.call<unknown[]>('settle.list', {})).data.length;
    const before = await count();
    const short = await confirm({ received: due - 1 });
    expect([short.ok, short.error.code, (short.error as { key?: string }).key]).toEqual([false, 'VALIDATION', 'cash.tooLittle']);
    const huge = await confirm({ received: due + 100_001 });
    expect((huge.error as { key?: string }).key).toBe('cash.implausibleChange');
    expect(t.app.store.outbox.stats().depth).toBe(0);
    expect(t.app.store.printJobs.open()).toEqual([]);
    expect(await count()).toBe(before);
    const ok = await confirm({ received: due + 50, tender: 'typed' });
    expect(ok.ok, ok.error?.message).toBe(true);
    expect(t.app.store.receipts.receipt((ok.data as { id: string }).id)).toMatchObject({ cash_due: due, received: due + 50, change_given: 50, tender: 'typed' });
  });
});
