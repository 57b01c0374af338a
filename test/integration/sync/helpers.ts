/** Shared steps for the sync tests: a terminal (startApp), a settlement confirmed, conditions waited for. */
import { expect } from 'vitest';
import type { CenterSim } from '../../../src/center-sim/index.js';
import type { AppUnderTest } from '../app/app-harness.js';

export const EMPLOYEE = '530600000000000001'; // 张伟, employee with a healthy account
export const AUTHORIZER = '530600000000000004'; // 陈建国
export const CHILD = '530600000000000006'; // 陈思雨, bound to 陈建国
export const AMOXICILLIN = 'XJ01CAA040A001010100001';
export const ATORVASTATIN = 'XC10AAA107A001010100010';

export async function until<T>(what: string, fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await fn();
  }
  return last;
}

/** Identify by typed ID number (the certno comes from the simulator) and return the personRef. */
export async function identify(t: AppUnderTest, sim: CenterSim, psnNo: string): Promise<{ personRef: string; stale: boolean }> {
  const person = sim.people().find((p) => p.psn_no === psnNo)!;
  const r = await t.call('person.identify', { mdtrt_cert_type: '02', certno: person.certno });
  if (!r.ok) throw new Error(`identify failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

export async function confirmPharmacy(
  t: AppUnderTest,
  sim: CenterSim,
  psnNo: string,
  lines: Array<{ code: string; qty: string; pric?: number }> = [{ code: AMOXICILLIN, qty: '2' }],
  extra: Record<string, unknown> = {},
) {
  const { personRef } = await identify(t, sim, psnNo);
  const r = await t.call('settle.confirm', { ...t.draft(personRef, lines, extra), requestId: t.newRequestId() });
  if (!r.ok) throw new Error(`confirm failed: ${r.error.code} ${r.error.message}`);
  return r.data as { id: string; status: string; local: Record<string, number> };
}

export async function settlementStatus(t: AppUnderTest, id: string): Promise<string> {
  const r = await t.call('settle.get', { id });
  return r.data.status;
}

export const waitStatus = (t: AppUnderTest, id: string, status: string, timeoutMs?: number) =>
  until(`settlement ${id} ${status}`, () => settlementStatus(t, id), (s) => s === status, timeoutMs);

/** The center's settlements of one person that are in force (not reversed). */
export function effectiveAtCenter(sim: CenterSim, psnNo: string) {
  return sim.settlements().filter((s) => s.psn_no === psnNo && s.status === 'settled');
}

/** The send log rows of a settlement, oldest first. */
export function sends(t: AppUnderTest, settlementId: string) {
  return t.app.store.sendLog.forSettlement(settlementId);
}

export function expectOneEffective(sim: CenterSim, psnNo: string, medfee: number) {
  const eff = effectiveAtCenter(sim, psnNo);
  expect(eff).toHaveLength(1);
  expect(eff[0].medfee_sumamt).toBe(medfee);
  return eff[0];
}
