/**
 * THE check of a cashier's number and PIN, for every door that takes one (login, unlock, a
 * supervisor's approval or unlock, a PIN change): the stored per-cashier lockout, the row's integrity
 * check, the audit entry of every refusal. A refusal throws; the caller's state is left as it was.
 */
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { Cashier, LockoutPolicy } from '../store/cashiers.js';

export interface PinGateDeps {
  store: Pick<Store, 'cashiers' | 'audit'>;
  lockout: LockoutPolicy;
  now(): number;
  /** HH:mm of an instant in the business time zone, for "已锁定，HH:MM 后可再试" */
  timeOfDay(ms: number): string;
}

export function createPinGate(d: PinGateDeps) {
  const lockedOut = (until: number) =>
    new AppError('LOCKED_OUT', `too many wrong PINs: locked until ${d.timeOfDay(until)}`, null, null, { until: d.timeOfDay(until) });
  return {
    /** the cashier whose PIN this is, or a thrown AUTH / LOCKED_OUT (audited as `<purpose>_failed`) */
    check(no: string, pin: string, purpose: string): Cashier {
      const r = d.store.cashiers.check(no, pin, d.now());
      switch (r.kind) {
        case 'ok':
          d.store.cashiers.clearFailures(no);
          return r.cashier;
        case 'locked':
          d.store.audit.append({ actor: no, action: `${purpose}_failed`, detail: { reason: 'locked_out', until: new Date(r.until).toISOString() } });
          throw lockedOut(r.until);
        case 'tampered':
          d.store.audit.append({ actor: no, action: 'cashier.integrity_failed', subject: no, detail: { purpose } });
          throw new AppError('AUTH', 'this cashier record failed its integrity check; an administrator must look at it', null, null, { reason: 'integrity' });
        case 'wrong': {
          const until = d.store.cashiers.noteFailure(no, d.now(), d.lockout);
          d.store.audit.append({ actor: no, action: `${purpose}_failed`, detail: until ? { locked_until: new Date(until).toISOString() } : null });
          if (until) throw lockedOut(until);
          throw new AppError('AUTH', 'wrong cashier number or PIN');
        }
      }
    },
  };
}
export type PinGate = ReturnType<typeof createPinGate>;

