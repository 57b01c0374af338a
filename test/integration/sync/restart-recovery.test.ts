/**
 * The terminal dies while a settlement message is on the wire (the center committed it, no reply
 * came back). On the next start the send log's 'pending' row is an unknown outcome: 2601 first,
 * then the message again under a new msgid — exactly one effective settlement at the center.
 * (The crash here is simulated in-process by closing the database under the running terminal; the
 * crash tests kill a real process.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, confirmPharmacy, effectiveAtCenter, until, waitStatus } from './helpers.js';

let sim: CenterSim | null = null;
let dir: string | null = null;
const apps: AppUnderTest[] = [];
afterEach(async () => {
  await sim?.close(); // first: the abandoned request of the "dead" terminal fails now
  for (const a of apps.splice(0)) await a.close().catch(() => undefined);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  sim = null;
});

describe.each([true, false])('restart after dying mid-send (simulator dedupe %s)', (dedupe) => {
  it('the pending send is unknown at start, resolved with 2601, one effective settlement', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restart-'));
    sim = await startCenterSim({ dbPath: path.join(dir, 'center.db'), dedupe });
    const dataDir = path.join(dir, 'terminal');
    const center = { url: sim.url, timeoutMs: 60_000, retryBaseMs: 100, retryMaxMs: 400 };

    const first = await startApp({ dataDir, center });
    apps.push(first);
    await first.login();
    sim.setFaults({ delayMs: 20_000, onlyInfno: '2102' });
    const v = await confirmPharmacy(first, sim, EMPLOYEE, [{ code: AMOXICILLIN, qty: '3' }]);
    await until('2102 applied at the center', () => sim!.settlements().length, (n) => n === 1);
    const inFlight = first.app.store.sendLog.forSettlement(v.id).find((r) => r.infno === '2102')!;
    expect(inFlight.state).toBe('pending'); // logged before it left, and it has not come back
    first.app.store.close(); // the process dies: nothing more is written

    sim.setFaults({ delayMs: 0, onlyInfno: null });
    const second = await startApp({ dataDir, center: { ...center, timeoutMs: 1500 } });
    apps.push(second);
    await second.login();
    await waitStatus(second, v.id, 'settled');
    const log = second.app.store.sendLog.forSettlement(v.id);
    const crashed = log.find((r) => r.msgid === inFlight.msgid)!;
    expect(crashed).toMatchObject({ state: 'unknown', failure: 'crash', resolution: 'reversed' });
    const reversal = log.find((r) => r.infno === '2601')!;
    expect(reversal).toMatchObject({ state: 'success', omsgid: inFlight.msgid });
    expect(crashed.resolved_by).toBe(reversal.msgid);
    const eff = effectiveAtCenter(sim, EMPLOYEE);
    expect(eff).toHaveLength(1);
    expect(eff[0].msgid).not.toBe(inFlight.msgid);
    expect(second.app.store.audit.list(v.id).map((a) => a.action)).toContain('outbox.interrupted');
  });
});
