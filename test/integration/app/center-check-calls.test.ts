/**
 * The center-connection calls through the app's router (the contract the screen uses): the way to the
 * center as configured, the check with its steps sent as events in order, outputs valid against the
 * contract, login required, one check at a time, every run audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CenterCheckReport, CenterLinkInfo, CheckStepView } from '../../../src/shared/api-center.js';
import { startApp, type AppUnderTest } from './app-harness.js';

let t: AppUnderTest;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => {
  await t.close();
});

describe('center.info and center.check', () => {
  it('need a logged-in cashier', async () => {
    expect((await t.call('center.info')).error.code).toBe('AUTH');
    expect((await t.call('center.check', {})).error.code).toBe('AUTH');
  });

  it('center.info: the embedded simulator, nothing signed, no proxy, no certificates over plain HTTP', async () => {
    await t.login();
    const r = await t.call('center.info');
    expect(r.ok).toBe(true);
    const info = CenterLinkInfo.parse(r.data);
    expect(info).toEqual({ url: t.app.sim!.url, embedded: true, schemes: 'none', proxy: null, expiryWarningDays: 30, certificates: [] });
  });

  it('center.check: eight steps as events in order, the report valid, the person masked, the run audited', async () => {
    const seen: unknown[] = [];
    const stop = t.app.router.subscribe((name: string, payload: unknown) => {
      if (name === 'center.checkStep') seen.push(CheckStepView.parse(payload));
    });
    const zhang = t.app.sim!.people().find((p) => p.label.includes('张伟'))!;
    const r = await t.call('center.check', { person: zhang.certno });
    stop();
    expect(r.ok).toBe(true);
    const report = CenterCheckReport.parse(r.data);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:skipped', 'http:ok', 'envelope:ok', 'signature:ok', 'signin:ok', 'person:ok']);
    expect(seen).toEqual(report.steps);
    expect(report.steps[6].detail).toContain('操作员 1001 已签到');
    expect(JSON.stringify(report)).not.toContain(zhang.certno);
    const audit = t.app.store.audit.list(t.app.sim!.url).filter((a) => a.action === 'center.check');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ ok: true, failed: [], schemes: 'none' });
  });

  it('a bad person is a VALIDATION error naming the field; a second check while one runs is a CONFLICT', async () => {
    const bad = await t.call('center.check', { person: '12345' });
    expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'person' });
    t.app.sim!.setFaults({ delayMs: 300 });
    const [a, b] = await Promise.all([t.call('center.check', {}), t.call('center.check', {})]);
    t.app.sim!.setFaults({ delayMs: 0 });
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a).error.code).toBe('CONFLICT');
  });
});
