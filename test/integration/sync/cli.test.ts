/** `pos status` and `pos sync` as a script or cron job runs them: a real process over the terminal's data folder. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { startApp } from '../app/app-harness.js';
import { EMPLOYEE, identify } from './helpers.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let sim: CenterSim | null = null;
let dir: string | null = null;
afterEach(async () => {
  await sim?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  sim = null;
});

async function pos(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), ...args], { cwd: root, timeout: 60_000 });
    return { code: 0, stdout: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe('pos status / pos sync', () => {
  it('shows the queue, then drains it with progress', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-cli-'));
    sim = await startCenterSim({ dbPath: path.join(dir, 'center.db') });
    const dataDir = path.join(dir, 'data');
    const center = { url: sim.url, timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 };
    const cfg = path.join(dir, 'pos.config.json');
    fs.writeFileSync(cfg, JSON.stringify({ dataDir, center, devices: { virtual: false } }));

    const t = await startApp({ dataDir, center });
    await t.login();
    const p = await identify(t, sim, EMPLOYEE);
    sim.setFaults({ down: true });
    const r = await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: 'XJ01CAA040A001010100001', qty: '1' }]), requestId: t.newRequestId() });
    expect(r.data.status).toBe('queued');
    await t.app.worker.drainNow();
    await t.app.close(); // the cashier went home; the data folder stays

    const before = await pos('status', '--json', '--config', cfg);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ queueDepth: 1, parked: 0, conflictsOpen: 0 });
    expect(JSON.parse(before.stdout).oldestPending).toMatch(/^\d{4}-/);

    sim.setFaults({ down: false });
    const sync = await pos('sync', '--config', cfg);
    expect(sync.stdout).toMatch(/2102 P53060200001\d{18} ok/);
    expect(sync.stdout).toContain('done: 0 still pending');
    expect(sync.code).toBe(0);
    expect(sim.settlements().filter((s) => s.status === 'settled')).toHaveLength(1);

    const after = await pos('status', '--config', cfg);
    expect(after.stdout).toMatch(/^queue depth 0 · oldest pending - · parked 0 · unknown outcomes 0 · open conflicts 0/);
  });
});
