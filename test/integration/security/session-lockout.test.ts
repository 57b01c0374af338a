/**
 * Login lockout per cashier, kept across a restart; a refused PIN never changes who is signed in; a
 * locked screen is opened by its cashier or a supervisor (unlock, or switch cashier), never by a login
 * over it; a cashier changes his own PIN. Each step is in the audit log.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';

let a: AppUnderTest | null = null;
let aClosed = false;
const extra: AppUnderTest[] = [];
afterEach(async () => {
  for (const x of extra.splice(0)) await x.close();
  if (a && !aClosed) await a.close();
  else if (a) fs.rmSync(a.dir, { recursive: true, force: true });
  a = null;
  aClosed = false;
});
const login = (x: AppUnderTest, no: string, pin: string) => x.call('session.login', { cashierNo: no, pin });
const actions = (x: AppUnderTest) => x.app.store.audit.list().map((e) => `${e.action}:${e.actor}`);

describe('login lockout', () => {
  it('five wrong PINs lock that cashier only, until HH:MM, also for the right PIN and after a restart', async () => {
    a = await startApp();
    for (let i = 0; i < 4; i++) expect((await login(a, '1001', '0000')).error.code).toBe('AUTH');
    const fifth = await login(a, '1001', '0000');
    expect(fifth.error.code).toBe('LOCKED_OUT');
    const until = (fifth.error as unknown as { params: { until: string } }).params.until;
    expect(until).toMatch(/^\d{2}:\d{2}$/);
    // the right PIN is refused while locked, with the time, not "wrong number or PIN"
    const right = await login(a, '1001', '1234');
    expect(right.error.code).toBe('LOCKED_OUT');
    // another cashier is not locked
    expect((await login(a, '1002', '2345')).ok).toBe(true);
    expect(actions(a).filter((x) => x === 'session.login_failed:1001')).toHaveLength(6);

    // a restart does not lift it
    const dir = a.dir;
    await a.app.close();
    aClosed = true;
    const b = await startApp({ dataDir: dir });
    extra.push(b);
    expect((await login(b, '1001', '1234')).error.code).toBe('LOCKED_OUT');
    // an administrator lifts it
    expect((await login(b, '9901', '2468')).ok).toBe(true);
    expect((await b.call('cashier.clearLockout', { cashierNo: '1001' })).ok).toBe(true);
    await b.call('session.logout');
    expect((await login(b, '1001', '1234')).ok).toBe(true);
  });

  it('a refused login never changes who is signed in', async () => {
    a = await startApp();
    await a.login();
    expect((await login(a, '1002', '9999')).error.code).toBe('AUTH');
    expect((await login(a, '7777', '1234')).error.code).toBe('AUTH');
    expect((await a.call('session.get')).data.cashier.no).toBe('1001');
    expect((await a.call('settle.list', {})).ok).toBe(true);
  });
});

describe('the lock screen', () => {
  it('a login cannot open a locked screen; the cashier or a supervisor can; a supervisor can switch cashier', async () => {
    a = await startApp();
    await a.login();
    await a.call('session.lock');
    expect((await login(a, '1002', '2345')).error.code).toBe('LOCKED');
    expect((await a.call('session.get')).data).toMatchObject({ locked: true, cashier: { no: '1001' } });

    // a cashier is not a supervisor
    expect((await a.call('session.supervisorUnlock', { supervisorNo: '1002', pin: '2345', mode: 'unlock' })).error.code).toBe('AUTH');
    expect((await a.call('session.supervisorUnlock', { supervisorNo: '9001', pin: '0000', mode: 'unlock' })).error.code).toBe('AUTH');
    const unlocked = await a.call('session.supervisorUnlock', { supervisorNo: '9001', pin: '9999', mode: 'unlock' });
    expect(unlocked.data).toMatchObject({ locked: false, cashier: { no: '1001' } });

    await a.call('session.lock');
    const switched = await a.call('session.supervisorUnlock', { supervisorNo: '9001', pin: '9999', mode: 'switch' });
    expect(switched.data).toMatchObject({ locked: false, cashier: null });
    expect((await login(a, '1002', '2345')).ok).toBe(true);
    expect(actions(a)).toEqual(expect.arrayContaining(['session.supervisor_unlock:9001', 'session.supervisor_switch:9001', 'session.logout:1001', 'session.login:1002']));
  });

  it('a locked-out cashier at his own lock screen is told until when', async () => {
    a = await startApp();
    await a.login();
    await a.call('session.lock');
    let last;
    for (let i = 0; i < 5; i++) last = await a.call('session.unlock', { pin: '0000' });
    expect(last!.error.code).toBe('LOCKED_OUT');
    expect((await a.call('session.unlock', { pin: '1234' })).error.code).toBe('LOCKED_OUT');
    // the supervisor unlocks the screen and lifts the lockout
    expect((await a.call('session.supervisorUnlock', { supervisorNo: '9001', pin: '9999', mode: 'unlock' })).ok).toBe(true);
    await a.call('session.lock');
    expect((await a.call('session.unlock', { pin: '1234' })).ok).toBe(true);
  });
});

describe('own PIN', () => {
  it('a cashier changes his own PIN: the old one first, not a trivial new one', async () => {
    a = await startApp();
    await a.login();
    expect((await a.call('session.changePin', { oldPin: '0000', newPin: '4826' })).error.code).toBe('AUTH');
    expect((await a.call('session.changePin', { oldPin: '1234', newPin: '1111' })).error.field).toBe('newPin');
    expect((await a.call('session.changePin', { oldPin: '1234', newPin: '5678' })).error.field).toBe('newPin');
    expect((await a.call('session.changePin', { oldPin: '1234', newPin: '4826' })).ok).toBe(true);
    await a.call('session.logout');
    expect((await login(a, '1001', '1234')).error.code).toBe('AUTH');
    expect((await login(a, '1001', '4826')).ok).toBe(true);
    expect(actions(a)).toContain('cashier.pin_changed:1001');
  });
});
