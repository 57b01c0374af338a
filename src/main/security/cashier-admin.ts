/**
 * Cashier administration, for the administrator screen and `pos cashier` alike: add, disable/enable,
 * reset a PIN, change a role, lift a lockout, create the first administrator. Every change is audited
 * with who made it; the last active administrator can be neither disabled nor demoted.
 */
import type { CashierAdminView } from '../../shared/api-security.js';
import type { Role } from '../../shared/domain.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { CashierRow } from '../store/cashiers.js';
import { weakPin } from '../services/session.js';

export function adminView(r: CashierRow, nowMs: number): CashierAdminView {
  return {
    no: r.no,
    name: r.name,
    role: r.role,
    active: r.active,
    createdAt: r.created_at,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until > nowMs ? new Date(r.locked_until).toISOString() : null,
    intact: r.intact,
  };
}

export function createCashierAdmin(d: { store: Pick<Store, 'cashiers' | 'audit' | 'transaction'>; now(): number }) {
  const { cashiers, audit } = d.store;
  const view = (no: string) => adminView(cashiers.row(no)!, d.now());
  const existing = (no: string) => {
    const r = cashiers.row(no);
    if (!r) throw new AppError('NOT_FOUND', `no cashier ${no}`, 'cashierNo');
    return r;
  };
  const checkPin = (pin: string) => {
    if (weakPin(pin)) throw new AppError('VALIDATION', 'pin: too easy to guess (repeated or consecutive digits)', 'pin', null, { reason: 'weak' });
  };
  /** another active, intact administrator remains after `no` stops being one */
  const otherAdmins = (no: string) => cashiers.list().some((c) => c.no !== no && c.role === 'administrator' && c.active && c.intact);

  return {
    list: (): CashierAdminView[] => cashiers.list().map((r) => adminView(r, d.now())),
    add(actor: string, c: { no: string; name: string; role: Role }, pin: string): CashierAdminView {
      checkPin(pin);
      d.store.transaction(() => {
        if (!cashiers.add(c, pin)) throw new AppError('CONFLICT', `cashier ${c.no} exists already`, 'cashierNo');
        audit.append({ actor, action: 'cashier.add', subject: c.no, detail: { name: c.name, role: c.role } });
      });
      return view(c.no);
    },
    setActive(actor: string, no: string, active: boolean): CashierAdminView {
      const r = existing(no);
      if (!active && r.role === 'administrator' && !otherAdmins(no)) throw new AppError('CONFLICT', 'the last administrator cannot be disabled', 'cashierNo');
      d.store.transaction(() => {
        cashiers.setActive(no, active);
        audit.append({ actor, action: active ? 'cashier.enable' : 'cashier.disable', subject: no });
      });
      return view(no);
    },
    resetPin(actor: string, no: string, pin: string): CashierAdminView {
      existing(no);
      checkPin(pin);
      d.store.transaction(() => {
        cashiers.setPin(no, pin);
        cashiers.clearFailures(no);
        audit.append({ actor, action: 'cashier.reset_pin', subject: no });
      });
      return view(no);
    },
    setRole(actor: string, no: string, role: Role): CashierAdminView {
      const r = existing(no);
      if (r.role === 'administrator' && role !== 'administrator' && !otherAdmins(no)) throw new AppError('CONFLICT', 'the last administrator cannot lose the role', 'cashierNo');
      d.store.transaction(() => {
        cashiers.setRole(no, role);
        audit.append({ actor, action: 'cashier.set_role', subject: no, detail: { from: r.role, to: role } });
      });
      return view(no);
    },
    clearLockout(actor: string, no: string): CashierAdminView {
      existing(no);
      d.store.transaction(() => {
        cashiers.clearFailures(no);
        audit.append({ actor, action: 'cashier.clear_lockout', subject: no });
      });
      return view(no);
    },
    /** only while no cashier exists at all */
    firstAdmin(actor: string, c: { no: string; name: string }, pin: string): CashierAdminView {
      checkPin(pin);
      d.store.transaction(() => {
        if (cashiers.count() > 0) throw new AppError('CONFLICT', 'cashiers exist already: the first administrator was created before');
        cashiers.add({ ...c, role: 'administrator' }, pin);
        audit.append({ actor, action: 'cashier.first_admin', subject: c.no, detail: { name: c.name } });
      });
      return view(c.no);
    },
  };
}
export type CashierAdmin = ReturnType<typeof createCashierAdmin>;
