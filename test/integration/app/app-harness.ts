import { buildApp, type PosApp } from '../../../src/main/app.js';
import { tempDir } from '../../helpers/tmp.js';
import { uuidV7 } from '../../../src/shared/uuid-v7.js';
import { calls, isCallName } from '../../../src/shared/api.js';

/**
 * A whole terminal in-process (services, SQLite, embedded simulator over loopback HTTP), no browser.
 * Against a simulator of its own (a `center.url`) there are no demo cashiers: the installer's cashiers
 * are created here, as `pos cashier` would (`cashiers: 'none'` leaves the table empty).
 */
export async function startApp(overrides: Record<string, unknown> = {}, opts: { cashiers?: 'demo' | 'none' } = {}) {
  const t = tempDir('pos-app-');
  const app: PosApp = await buildApp({
    shell: 'browser',
    overrides: { dataDir: t.dir, center: { timeoutMs: 1500, retryBaseMs: 100, retryMaxMs: 400 }, ...overrides },
    log: () => undefined,
  });
  if (opts.cashiers !== 'none') app.store.cashiers.seedDemoIfEmpty();
  // every answer is checked against the contract's output schema (the router checks inputs; tests check outputs)
  const call = async <T = any>(name: string, input: unknown = {}) => {
    const r = (await app.router.call(name, input)) as { ok: boolean; data: T; error: { code: string; message: string; field: string | null } };
    if (r.ok && isCallName(name)) {
      const checked = calls[name].output.safeParse(r.data);
      if (!checked.success) throw new Error(`${name} answered outside its contract: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}`);
    }
    return r;
  };
  return {
    app,
    call,
    dir: t.dir,
    async login() {
      const r = await call('session.login', { cashierNo: '1001', pin: '1234' });
      if (!r.ok) throw new Error(`login failed: ${r.error.message}`);
    },
    async identifyTyped(psnNo: string) {
      const person = app.sim!.people().find((p) => p.psn_no === psnNo)!;
      const r = await call('person.identify', { mdtrt_cert_type: '02', certno: person.certno });
      if (!r.ok) throw new Error(`identify failed: ${r.error.message}`);
      return r.data as { personRef: string; authorizers: Array<{ psn_no: string; usable: boolean; reason: string | null }> };
    },
    draft(personRef: string, lines: Array<{ code: string; qty: string; pric?: number; name?: string }>, extra: Record<string, unknown> = {}) {
      return { personRef, kind: 'pharmacy', med_type: '41', lines, useAcct: true, mulaidPsnNo: null, ...extra };
    },
    newRequestId: () => uuidV7(),
    /** a reversal as the window asks for it: the supervisor's approval (9001) first, then settle.reverse */
    async reverse(id: string, reason: string) {
      const g = await call<{ token: string }>('approval.grant', { action: 'settlement.reverse', subject: id, supervisorNo: '9001', pin: '9999' });
      if (!g.ok) throw new Error(`approval: ${g.error.message}`);
      return call('settle.reverse', { id, reason, approval: g.data.token });
    },
    async close() {
      await app.close();
      t.cleanup();
    },
  };
}
export type AppUnderTest = Awaited<ReturnType<typeof startApp>>;
