/**
 * The cashier's session: login with number + PIN (through the pin gate: a stored lockout per cashier,
 * the row's integrity check), screen lock after idle time, a supervisor's unlock or switch at the lock
 * screen, a cashier's own PIN change, and the operator sign-in at the center (9001) whose sign_no every
 * later message carries. A refused PIN never changes who is signed in; every step is audited.
 */
import type { SessionState } from '../../shared/api.js';
import { PIN_PATTERN } from '../../shared/domain.js';
import { roleAtLeast } from '../../shared/limits.js';
import { AppError } from '../errors.js';
import { SYSTEM_OPERATOR, type Operator } from '../center/index.js';
import type { Store } from '../store/index.js';
import type { Cashier } from '../store/cashiers.js';
import type { PinGate } from './pin-gate.js';

export interface SessionDeps {
  store: Pick<Store, 'audit' | 'cashiers' | 'kv'>;
  gate: PinGate;
  idleLockSeconds: number;
  /** 9001 at the center; resolves to sign_no, or rejects when the center is unreachable */
  signIn(operator: Operator): Promise<string>;
  onChange(state: SessionState): void;
  now?: () => number;
}

/** a PIN anyone would try first: one digit repeated, or a run up or down (1234, 9876) */
export function weakPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const step = d[1]! - d[0]!;
  return (step === 0 || step === 1 || step === -1) && d.every((x, i) => i === 0 || x - d[i - 1]! === step);
}

export function createSessionService(deps: SessionDeps) {
  const now = deps.now ?? (() => Date.now());
  let cashier: Cashier | null = null;
  let locked = false;
  let lastActivity = now();
  let signNo: string | null = null;
  let idleTimer: NodeJS.Timeout | null = null;

  const state = (): SessionState => ({
    cashier,
    locked,
    idleLockSeconds: deps.idleLockSeconds,
    signNo,
    firstAdminNeeded: cashier === null && deps.store.cashiers.count() === 0,
  });
  const changed = () => deps.onChange(state());

  function checkIdle() {
    if (cashier && !locked && now() - lastActivity >= deps.idleLockSeconds * 1000) {
      locked = true;
      deps.store.audit.append({ actor: cashier.no, action: 'session.idle_lock' });
      changed();
    }
  }

  async function signInAtCenter(c: Cashier) {
    try {
      signNo = await deps.signIn(c);
      deps.store.kv.set('sign_no', signNo);
    } catch {
      // the center may be down at login: the cashier can still work; the sync worker signs in later
      signNo = null;
    }
  }

  function endSession(reason: string | null) {
    if (cashier) deps.store.audit.append({ actor: cashier.no, action: 'session.logout', detail: reason ? { reason } : undefined });
    cashier = null;
    locked = false;
    signNo = null;
  }

  return {
    start() {
      idleTimer = setInterval(checkIdle, 1000);
      idleTimer.unref();
    },
    stop() {
      if (idleTimer) clearInterval(idleTimer);
    },
    state,
    current: () => cashier,
    signNo: () => signNo,
    /** before the sync worker sends: signed in as the cashier at the window, or as the terminal itself */
    async ensureSignedIn(): Promise<void> {
      if (!signNo) signNo = await deps.signIn(cashier ?? SYSTEM_OPERATOR);
    },
    authorized(): { ok: true } | { ok: false; code: 'AUTH' | 'LOCKED'; message: string } {
      checkIdle();
      if (!cashier) return { ok: false, code: 'AUTH', message: 'not logged in' };
      if (locked) return { ok: false, code: 'LOCKED', message: 'screen is locked' };
      lastActivity = now();
      return { ok: true };
    },
    async login(no: string, pin: string): Promise<SessionState> {
      // a locked screen is opened by its cashier's PIN or by a supervisor, never by a login over it
      if (cashier && locked) throw new AppError('LOCKED', 'the screen is locked: unlock it, or a supervisor switches the cashier');
      const c = deps.gate.check(no, pin, 'session.login');
      if (cashier && cashier.no !== c.no) endSession('another cashier signed in');
      cashier = c;
      locked = false;
      lastActivity = now();
      deps.store.audit.append({ actor: c.no, action: 'session.login' });
      await signInAtCenter(c);
      changed();
      return state();
    },
    logout(): SessionState {
      endSession(null);
      changed();
      return state();
    },
    lock(): SessionState {
      if (cashier && !locked) {
        locked = true;
        deps.store.audit.append({ actor: cashier.no, action: 'session.lock' });
        changed();
      }
      return state();
    },
    unlock(pin: string): SessionState {
      if (!cashier) throw new AppError('AUTH', 'not logged in');
      deps.gate.check(cashier.no, pin, 'session.unlock');
      locked = false;
      lastActivity = now();
      deps.store.audit.append({ actor: cashier.no, action: 'session.unlock' });
      changed();
      return state();
    },
    /** at the lock screen: a supervisor's number and PIN unlock it for the cashier (lifting his lockout), or end his session */
    supervisorUnlock(supervisorNo: string, pin: string, mode: 'unlock' | 'switch'): SessionState {
      if (!cashier || !locked) throw new AppError('CONFLICT', 'the screen is not locked');
      const sup = deps.gate.check(supervisorNo, pin, 'session.supervisor_unlock');
      if (!roleAtLeast(sup.role, 'supervisor')) throw new AppError('AUTH', `cashier ${sup.no} is not a supervisor`, 'supervisorNo', null, { reason: 'not_supervisor' });
      deps.store.audit.append({ actor: sup.no, action: mode === 'unlock' ? 'session.supervisor_unlock' : 'session.supervisor_switch', subject: cashier.no });
      if (mode === 'switch') {
        endSession(`switched by supervisor ${sup.no}`);
      } else {
        deps.store.cashiers.clearFailures(cashier.no);
        locked = false;
        lastActivity = now();
      }
      changed();
      return state();
    },
    /** the signed-in cashier's own PIN: the old one first (through the gate), a new one that is not trivial */
    changePin(oldPin: string, newPin: string): SessionState {
      if (!cashier) throw new AppError('AUTH', 'not logged in');
      if (!PIN_PATTERN.test(newPin)) throw new AppError('VALIDATION', 'newPin: PIN is 4 to 8 digits', 'newPin');
      if (weakPin(newPin)) throw new AppError('VALIDATION', 'newPin: too easy to guess (repeated or consecutive digits)', 'newPin', null, { reason: 'weak' });
      if (newPin === oldPin) throw new AppError('VALIDATION', 'newPin: the new PIN is the old one', 'newPin', null, { reason: 'same' });
      deps.gate.check(cashier.no, oldPin, 'cashier.change_pin');
      deps.store.cashiers.setPin(cashier.no, newPin);
      deps.store.audit.append({ actor: cashier.no, action: 'cashier.pin_changed', subject: cashier.no, detail: { by: 'self' } });
      return state();
    },
    touch(): SessionState {
      lastActivity = now();
      return state();
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
