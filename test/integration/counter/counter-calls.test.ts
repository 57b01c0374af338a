/**
 * The counter's calls through the real router (services, SQLite, embedded simulator): what the
 * cashier is told comes as message keys with values, a scanned ID number identifies, the screen
 * learns the business time zone and the plausible limits, and the status says when the outbox tries
 * again (while the worker sleeps until then).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../src/shared/id-number.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, until } from '../sync/helpers.js';

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('the counter’s calls', () => {
  it('errors carry a message key and its values, never a field path or configuration name to show', async () => {
    t = await startApp();
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    const unknown = await t.call('settle.preview', t.draft(p.personRef, [{ code: 'NOPE0001', qty: '1' }]));
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', key: 'bill.unknownCode', params: { n: 1, code: 'NOPE0001' }, field: 'lines.0.code' });
    const half = await t.call('settle.preview', t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1.5' }]));
    expect(half.error).toMatchObject({ code: 'VALIDATION', key: 'bill.qtyWholeUnits', params: { n: 1, name: '阿莫西林胶囊', unit: '盒' } });
    const typo = await t.call('settle.preview', t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1e9' }]));
    expect(typo.error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.qty', key: 'validation.invalid_format' });
    // the center refuses an unknown person in its own words; an unreachable center is said in ours
    const refused = await t.call<never>('person.identify', { mdtrt_cert_type: '02', certno: makeIdNumber('530602', '19990909', 998) });
    expect(refused.error).toMatchObject({ code: 'CENTER_REFUSED', key: 'center.refused' });
    expect((refused.error as unknown as { params: { message: string } }).params.message).toMatch(/\p{Script=Han}/u);
    t.app.sim!.setFaults({ down: true });
    const down = await t.call('person.identify', { mdtrt_cert_type: '02', certno: '110101199003074514' });
    expect(down.error).toMatchObject({ code: 'CENTER_UNREACHABLE', key: 'center.unreachable' });
    const offline = await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    expect(offline.error).toMatchObject({ code: 'CONFLICT', key: 'offline.off' });
  });

  it('a scanned ID number identifies (whatever the bill mode); counter.settings tells the zone and the limits', async () => {
    t = await startApp({ counter: { plausibleQty: 50 } });
    await t.login();
    const presented: string[] = [];
    t.app.bus.subscribe((name, payload) => {
      if (name === 'identity.presented') presented.push((payload as { ref: string }).ref);
    });
    const certno = t.app.sim!.people().find((x) => x.psn_no === EMPLOYEE)!.certno;
    const scan = await t.call<{ kind: string; ref: string }>('devices.wedgeScan', { text: certno });
    expect(scan.data.kind).toBe('identity');
    expect(presented).toEqual([scan.data.ref]);
    const person = await t.call<{ psn_no: string }>('person.identify', { ref: scan.data.ref });
    expect(person.data.psn_no).toBe(EMPLOYEE);
    // a misread one is not a person: it stays a barcode (the screen says the check digit is wrong)
    const misread = certno.slice(0, 17) + (certno[17] === '1' ? '2' : '1');
    expect((await t.call<{ kind: string }>('devices.wedgeScan', { text: misread })).data.kind).toBe('barcode');

    const settings = await t.call('counter.settings', {});
    expect(settings.data).toMatchObject({ timeZone: 'Asia/Shanghai', plausibleQty: 50, plausibleBillFen: 300_000 });
    expect(settings.data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('while a settlement waits for its next attempt the status says when, and the worker sleeps until then', async () => {
    t = await startApp({ center: { timeoutMs: 500, retryBaseMs: 3000, retryMaxMs: 6000 } });
    await t.login();
    const p = await t.identifyTyped(EMPLOYEE);
    t.app.sim!.setFaults({ down: true });
    let passes = 0;
    const wake = t.app.store.outbox.nextWakeAt.bind(t.app.store.outbox);
    t.app.store.outbox.nextWakeAt = () => {
      passes += 1;
      return wake();
    };
    await t.call('settle.confirm', { ...t.draft(p.personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
    const status = await until('a next attempt', async () => (await t!.call('status.get', {})).data.outbox, (o) => o.nextAttemptAt !== null && !o.sending);
    expect(Date.parse(status.nextAttemptAt)).toBeGreaterThan(Date.now());
    const before = passes;
    await new Promise((r) => setTimeout(r, 1000));
    // asleep: a pass or two, not one after another (the later message of the settlement is not due)
    expect(passes - before).toBeLessThanOrEqual(2);
  });
});
