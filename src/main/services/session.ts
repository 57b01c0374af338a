/**
 * The cashier's session: login with number + PIN (scrypt), screen lock after idle time, and the
 * operator sign-in at the center (9001) whose sign_no every later message carries.
 */
import type { SessionState } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { SYSTEM_OPERATOR, type Operator } from '../center/index.js';
import type { Store } from '../store/index.js';
import type { Cashier } from '../store/cashiers.js';

export interface SessionDeps {
  store: Pick<Store, 'audit' | 'cashiers' | 'kv'>;
  idleLockSeconds: number;
  /** 9001 at the center; resolves to sign_no, or rejects when the center is unreachable */
  signIn(operator: Operator): Promise<string>;
  onChange(state: SessionState): void;
  now?: () => number;
}

const MAX_FAILED = 5;
const LOCKOUT_MS = 60_000;

export function createSessionService(deps: SessionDeps) {
  const now = deps.now ?? (() => Date.now());
  let cashier: Cashier | null = null;
  let locked = false;
  let lastActivity = now();
  let signNo: string | null = null;
  let failed = 0;
  let lockedOutUntil = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const state = (): SessionState => ({ cashier, locked, idleLockSeconds: deps.idleLockSeconds, signNo });
  const changed = () => deps.onChange(state());

  function checkIdle() {
    if (cashier && !locked && now() - lastActivity >= deps.idleLockSeconds * 1000) {
      locked = true;
      deps.store.audit.append({ actor: cashier.no, action: 'session.idle_lock' });
      changed();
    }
  }

  function guardAttempts() {
    if (now() < lockedOutUntil) throw new AppError('AUTH', `too many wrong PINs; try again in ${Math.ceil((lockedOutUntil - now()) / 1000)} s`);
  }

  function noteFailure(no: string) {
    failed += 1;
    deps.store.audit.append({ actor: no, action: 'session.login_failed' });
    if (failed >= MAX_FAILED) {
      lockedOutUntil = now() + LOCKOUT_MS;
      failed = 0;
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
      guardAttempts();
      const c = deps.store.cashiers.verify(no, pin);
      if (!c) {
        noteFailure(no);
        throw new AppError('AUTH', 'wrong cashier number or PIN');
      }
      failed = 0;
      cashier = c;
      locked = false;
      lastActivity = now();
      deps.store.audit.append({ actor: c.no, action: 'session.login' });
      await signInAtCenter(c);
      changed();
      return state();
    },
    logout(): SessionState {
      if (cashier) deps.store.audit.append({ actor: cashier.no, action: 'session.logout' });
      cashier = null;
      locked = false;
      signNo = null;
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
      guardAttempts();
      if (!deps.store.cashiers.verify(cashier.no, pin)) {
        noteFailure(cashier.no);
        throw new AppError('AUTH', 'wrong PIN');
      }
      failed = 0;
      locked = false;
      lastActivity = now();
      deps.store.audit.append({ actor: cashier.no, action: 'session.unlock' });
      changed();
      return state();
    },
    touch(): SessionState {
      lastActivity = now();
      return state();
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
