/**
 * What the terminal says at start (which center, in plain words; what was wrong with the data
 * directory's permissions), and inputs with absurd numbers or dates: a VALIDATION naming the field,
 * never an INTERNAL from an overflow further down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { buildApp } from '../../../src/main/app.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { tempDir } from '../../helpers/tmp.js';

let a: AppUnderTest | null = null;
let sim: CenterSim | null = null;
const t = tempDir('pos-start-');
afterAll(() => t.cleanup());
afterEach(async () => {
  await a?.close();
  await sim?.close();
  a = null;
  sim = null;
});

describe('the start-up line and the data directory', () => {
  it('says the simulator is a simulator, tightens a readable data directory and says what was wrong', async () => {
    const dataDir = path.join(t.dir, 'loose');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'terminal.db'), '');
    fs.chmodSync(path.join(dataDir, 'terminal.db'), 0o644);
    const lines: string[] = [];
    const app = await buildApp({ shell: 'browser', overrides: { dataDir, devices: { virtual: false } }, log: (l) => lines.push(l) });
    try {
      const text = lines.join('\n');
      expect(text).toMatch(/talks to the built-in SIMULATOR \(demo data; nothing goes to a real insurance center\)/);
      expect(text).toMatch(/loose was 0755 \(readable by other users\); now 0700/);
      expect(text).toMatch(/terminal\.db was 0644 \(readable by other users\); now 0600/);
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      const st = await app.router.call('security.status', {});
      expect(st.ok).toBe(false); // not signed in
    } finally {
      await app.close();
    }
  });

  it('names a real center, and warns when plain http to another host was allowed', async () => {
    sim = await startCenterSim({ dbPath: path.join(t.dir, 'c.db') });
    const lines: string[] = [];
    const app = await buildApp({ shell: 'browser', overrides: { dataDir: path.join(t.dir, 'real'), center: { url: sim.url, allowInsecureHttp: true }, devices: { virtual: false } }, log: (l) => lines.push(l) });
    await app.close();
    expect(lines.join('\n')).toContain(`talks to the insurance center at ${sim.url} over PLAIN HTTP (center.allowInsecureHttp is set)`);
    expect(lines.join('\n')).toMatch(/allowInsecureHttp is set: settlements may cross the network unencrypted/);
  });
});

describe('absurd input is a VALIDATION naming the field', () => {
  it('prices, bill totals, HIS prices and dates', async () => {
    a = await startApp();
    await a.login();
    const p = await a.identifyTyped('530600000000000003');
    const draft = (lines: unknown[]) => ({ personRef: p.personRef, kind: 'outpatient', med_type: '11', lines, useAcct: false, mulaidPsnNo: null });
    const huge = await a.call('settle.preview', draft([{ code: 'XA11GAV017A001010100011', qty: '999999', pric: Number.MAX_SAFE_INTEGER }]));
    expect(huge.error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.pric' });
    const total = await a.call('settle.preview', draft([{ code: 'XA11GAV017A001010100011', qty: '999999', pric: 99_999_999 }]));
    expect(total.error).toMatchObject({ code: 'VALIDATION', field: 'lines' });
    const his = JSON.stringify({ format: 'yb-pos-his-bill/1', his_bill_no: 'H1', med_type: '11', lines: [{ med_list_codg: 'XA11GAV017A001010100011', pric: '9999999999999', cnt: '1' }] });
    expect((await a.call('bill.parseHis', { content: his })).error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.pric' });
    for (const date of ['2026-13-45', '2026-02-30']) {
      expect((await a.call('reconcile.run', { date })).error, date).toMatchObject({ code: 'VALIDATION', field: 'date' });
      expect((await a.call('reconcile.export', { date, format: 'csv' })).error, date).toMatchObject({ code: 'VALIDATION', field: 'date' });
    }
  });
});

describe('roles in the router', () => {
  it('what needs a supervisor accepts an administrator; what needs an administrator refuses a supervisor', async () => {
    a = await startApp();
    await a.call('session.login', { cashierNo: '9001', pin: '9999' });
    expect((await a.call('security.verifyAudit')).error.code).toBe('AUTH');
    await a.call('session.logout');
    await a.call('session.login', { cashierNo: '9901', pin: '2468' });
    expect((await a.call('security.verifyAudit')).ok).toBe(true);
    // acceptConflict is { supervisor: true }: an administrator passes the role check (and meets NOT_FOUND)
    expect((await a.call('sync.acceptConflict', { id: 999 })).error.code).toBe('NOT_FOUND');
  });
});
