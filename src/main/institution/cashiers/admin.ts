/**
 * Cashier administration where the institution database is configured: the same operations as
 * security/cashier-admin.ts (the admin screen's calls), written to PostgreSQL through
 * pos.cashier_change (migration-2-cashiers.ts: it checks the actor, refuses removing the last
 * administrator, records terminal and actor, gives a revision) and then pulled into this window's
 * cache. PostgreSQL is the one owner of who the cashiers are; a window's table is a copy. While
 * PostgreSQL is down nothing can be changed (said plainly), logins go on from the copy.
 */
import type pg from 'pg';
import type { CashierAdminView } from '../../../shared/api-security.js';
import type { Role } from '../../../shared/domain.js';
import { AppError } from '../../errors.js';
import { adminView } from '../../security/cashier-admin.js';
import { weakPin } from '../../services/session.js';
import type { Store } from '../../store/index.js';
import { hashPin } from '../../store/pin-hash.js';
import { changeInstitutionCashier, type CashierChange } from '../pg/cashiers-sql.js';
import type { CashierPuller } from './sync.js';

/** what PostgreSQL said, in the terminal's error codes */
export function appErrorOfPg(e: unknown): AppError {
  const code = (e as { code?: string }).code;
  const msg = (e as Error).message ?? String(e);
  if (code === 'PSN01') return new AppError('AUTH', msg, 'cashierNo', null, { reason: 'not_admin' });
  if (code === 'PSN02') return new AppError('CONFLICT', msg, 'cashierNo', null, { reason: 'last_admin' });
  if (code === 'PSN03') return new AppError('CONFLICT', msg, 'cashierNo', null, { reason: 'exists' });
  if (code === 'PSN04') return new AppError('NOT_FOUND', msg, 'cashierNo');
  if (code === 'PSN05') return AppError.keyed('CONFLICT', 'institution.notWindow', {}, { message: msg });
  return AppError.keyed('CONFLICT', 'institution.cashiersUnreachable', {}, { message: `the institution database cannot be reached: cashiers can be changed only while it can (${msg})` });
}

export function createInstitutionCashierAdmin(d: { pool: pg.Pool; puller: CashierPuller; store: Pick<Store, 'cashiers' | 'cashierCache' | 'audit' | 'transaction'>; now(): number; nowIso(): string }) {
  const view = (no: string) => {
    const r = d.store.cashiers.row(no);
    if (!r) throw new AppError('NOT_FOUND', `no cashier ${no}`, 'cashierNo');
    return adminView(r, d.now());
  };
  const checkPin = (pin: string) => {
    if (weakPin(pin)) throw new AppError('VALIDATION', 'pin: too easy to guess (repeated or consecutive digits)', 'pin', null, { reason: 'weak' });
  };
  /** the change in PostgreSQL, the pull, this window's own audit line */
  const apply = async (c: CashierChange, audit: { action: string; detail?: Record<string, unknown> }): Promise<CashierAdminView> => {
    let revision: number;
    try {
      revision = await changeInstitutionCashier(d.pool, c);
    } catch (e) {
      if (!(await adoptedFirstAdministrator(e, c))) throw appErrorOfPg(e);
      try {
        revision = await changeInstitutionCashier(d.pool, c);
      } catch (again) {
        throw appErrorOfPg(again);
      }
    }
    await d.puller.pull();
    d.store.audit.append({ actor: c.actor, action: audit.action, subject: c.no, detail: { ...audit.detail, institutionRevision: revision } });
    return view(c.no);
  };

  /**
   * An institution without any cashier, changed by this window's own (intact, active) administrator:
   * he becomes the institution's first administrator, with the PIN hash he has here, and the change
   * is tried once more. Anywhere else the refusal stands.
   */
  const adoptedFirstAdministrator = async (e: unknown, c: CashierChange): Promise<boolean> => {
    if ((e as { code?: string }).code !== 'PSN01' || c.action === 'first_admin' || c.action === 'change_own_pin') return false;
    const me = d.store.cashierCache.localAdministrator(c.actor);
    if (!me) return false;
    try {
      await changeInstitutionCashier(d.pool, { actor: me.no, action: 'first_admin', no: me.no, name: me.name, role: 'administrator', pinHash: me.pin_hash, createdAt: me.created_at });
    } catch {
      return false; // the institution has cashiers: he is simply not one of its administrators
    }
    d.store.audit.append({ actor: me.no, action: 'institution.first_admin', subject: me.no, detail: { from: 'this window' } });
    return true;
  };

  return {
    list: (): CashierAdminView[] => d.store.cashiers.list().map((r) => adminView(r, d.now())),
    add: (actor: string, c: { no: string; name: string; role: Role }, pin: string) => {
      checkPin(pin);
      return apply({ actor, action: 'add', no: c.no, name: c.name, role: c.role, pinHash: hashPin(pin), createdAt: d.nowIso() }, { action: 'cashier.add', detail: { name: c.name, role: c.role } });
    },
    setActive: (actor: string, no: string, active: boolean) => apply({ actor, action: 'set_active', no, active }, { action: active ? 'cashier.enable' : 'cashier.disable' }),
    resetPin: (actor: string, no: string, pin: string) => {
      checkPin(pin);
      return apply({ actor, action: 'reset_pin', no, pinHash: hashPin(pin) }, { action: 'cashier.reset_pin' });
    },
    setRole: (actor: string, no: string, role: Role) => apply({ actor, action: 'set_role', no, role }, { action: 'cashier.set_role', detail: { to: role } }),
    /** the lockout is this window's (it counts wrong PINs also while PostgreSQL is down): lifted here */
    clearLockout(actor: string, no: string): CashierAdminView {
      view(no);
      d.store.transaction(() => {
        d.store.cashiers.clearFailures(no);
        d.store.audit.append({ actor, action: 'cashier.clear_lockout', subject: no });
      });
      return view(no);
    },
    /** only while the institution has no cashier at all */
    firstAdmin: (actor: string, c: { no: string; name: string }, pin: string) => {
      checkPin(pin);
      return apply({ actor: c.no, action: 'first_admin', no: c.no, name: c.name, role: 'administrator', pinHash: hashPin(pin), createdAt: d.nowIso() }, { action: 'cashier.first_admin', detail: { name: c.name, by: actor } });
    },
    /** the signed-in cashier's own PIN (the old one was checked by the caller) */
    changeOwnPin: (no: string, newPin: string) => apply({ actor: no, action: 'change_own_pin', no, pinHash: hashPin(newPin) }, { action: 'cashier.pin_changed', detail: { by: 'self' } }),
  };
}
export type InstitutionCashierAdmin = ReturnType<typeof createInstitutionCashierAdmin>;
