/**
 * Two terminals offline, the same family co-pay authorizer: each previews from its cached 1101 with
 * the full balance and confirms; when the center returns, the first takes the balance and the center
 * refuses the second. That second settlement must be a conflict with a clear reason, never lost.
 * Two app instances (two pharmacies) against ONE standalone simulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { ATORVASTATIN, AUTHORIZER, CHILD, effectiveAtCenter, identify, until } from './helpers.js';

let sim: CenterSim | null = null;
let dir: string | null = null;
const terminals: AppUnderTest[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.close();
  await sim?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  sim = null;
});

async function terminalAt(url: string, id: string, code: string) {
  const t = await startApp({
    center: { url, timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 },
    terminal: { id, fixmedins_code: code },
    offline: { allowConfirm: true, maxPerSettlementFen: 100_000_000, maxPerDayFen: 100_000_000, maxPersonAgeHours: 24 },
  });
  terminals.push(t);
  await t.login();
  return t;
}

describe('two terminals offline, one co-pay authorizer', () => {
  it('the center refuses the second: a conflict with the reason, the settlement kept and listed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-terminals-'));
    sim = await startCenterSim({ dbPath: path.join(dir, 'center.db') });
    const a = await terminalAt(sim.url, 'T01', 'P53060200001');
    const b = await terminalAt(sim.url, 'T02', 'P53060200002');
    expect(a.app.sim).toBeNull();
    expect((await a.call('dev.getFaults')).error.code).toBe('DEV_ONLY');
    const balance0 = sim.balance(AUTHORIZER);
    expect(balance0).toBeGreaterThan(0);

    // both have seen the child online: the person cache holds her and the authorizer's balance
    for (const t of [a, b]) expect((await identify(t, sim, CHILD)).stale).toBe(false);
    sim.setFaults({ down: true });

    const confirmed: Array<{ t: AppUnderTest; id: string; mulaid: number }> = [];
    for (const t of [a, b]) {
      const p = await identify(t, sim, CHILD);
      expect(p.stale).toBe(true); // from the cache, the center is unreachable
      // 200 boxes is beyond the counter's plausible quantity: the cashier confirmed it once more
      const draft = { ...t.draft(p.personRef, [{ code: ATORVASTATIN, qty: '200' }]), useAcct: false, mulaidPsnNo: AUTHORIZER, confirmedUnusual: true };
      const preview = (await t.call('settle.preview', draft)).data;
      expect(preview.stale).toBe(true);
      expect(preview.split.acct_mulaid_pay).toBe(balance0); // each believes the whole balance is there
      const r = await t.call('settle.confirm', { ...draft, requestId: t.newRequestId() });
      expect(r.ok).toBe(true);
      expect(r.data.status).toBe('queued');
      confirmed.push({ t, id: r.data.id, mulaid: preview.split.acct_mulaid_pay });
      // marked as confirmed offline, pending the center
      expect((await t.call('sync.offlineMarks', {})).data).toEqual([expect.objectContaining({ settlement_id: r.data.id })]);
    }

    sim.setFaults({ down: false });
    await Promise.all([a.app.worker.drainNow(), b.app.worker.drainNow()]);
    const statuses = await until(
      'both answered',
      async () => Promise.all(confirmed.map(async (c) => (await c.t.call('settle.get', { id: c.id })).data.status as string)),
      (s) => s.every((x) => x === 'settled' || x === 'refused'),
    );
    expect([...statuses].sort()).toEqual(['refused', 'settled']);

    // the center: one settlement of the child in force, the authorizer charged once
    const eff = effectiveAtCenter(sim, CHILD);
    expect(eff).toHaveLength(1);
    expect(eff[0].acct_mulaid_pay).toBe(balance0);
    expect(sim.balance(AUTHORIZER)).toBe(0);

    const loser = confirmed[statuses.indexOf('refused')];
    const conflicts = (await loser.t.call('sync.conflicts', {})).data;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'refused', settlement_id: loser.id, state: 'open', center: null });
    expect(conflicts[0].reason).toMatch(/共济授权人.*余额为0/);
    expect(conflicts[0].settlement).toMatchObject({ status: 'refused', offline: true });
    expect(conflicts[0].local.acct_mulaid_pay).toBe(balance0);
    // never lost: it is in the day's list with the reason
    const list = (await loser.t.call('settle.list', {})).data;
    expect(list).toEqual([expect.objectContaining({ id: loser.id, status: 'refused', last_error: conflicts[0].reason })]);
    const winner = confirmed[statuses.indexOf('settled')];
    expect((await winner.t.call('sync.conflicts', {})).data).toHaveLength(0);
  });
});
