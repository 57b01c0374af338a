/**
 * Institution cashiers at this window, wired by app.ts in one block: with `institution.database`
 * configured, the admin screen's cashier calls, the first administrator and a cashier's own PIN
 * change go to PostgreSQL (admin.ts) and the cache is pulled (sync.ts); the handlers here replace the
 * security area's of the same names. Without it: null, and nothing changes.
 */
import type { AppConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Handlers } from '../../router.js';
import type { PinGate } from '../../services/pin-gate.js';
import { weakPin, type SessionService } from '../../services/session.js';
import type { Store } from '../../store/index.js';
import { PIN_PATTERN } from '../../../shared/domain.js';
import { openPool } from '../pg/connect.js';
import { createInstitutionCashierAdmin } from './admin.js';
import { createCashierPuller } from './sync.js';

type Calls = 'cashier.list' | 'cashier.add' | 'cashier.setActive' | 'cashier.resetPin' | 'cashier.setRole' | 'cashier.clearLockout' | 'setup.firstAdmin' | 'session.changePin';

export function createInstitutionCashierArea(d: {
  config: AppConfig;
  store: Store;
  session: SessionService;
  gate: PinGate;
  now(): number;
  nowIso(): string;
  log(line: string): void;
  changed?(): void;
}) {
  const db = d.config.institution?.database;
  if (!db) return null;
  const pool = openPool(db, { max: 2, applicationName: `pos-cashiers ${d.config.terminal.id}` });
  const everyMs = d.config.institution!.replication.heartbeatMs;
  const puller = createCashierPuller({ pool, store: d.store, everyMs, log: d.log, now: d.now, changed: d.changed });
  const admin = createInstitutionCashierAdmin({ pool, puller, store: d.store, now: d.now, nowIso: d.nowIso });
  const actor = () => {
    const c = d.session.current();
    if (!c) throw new AppError('AUTH', 'not logged in');
    return c.no;
  };

  const handlers: Pick<Handlers, Calls> = {
    'cashier.list': () => admin.list(),
    'cashier.add': (i) => admin.add(actor(), { no: i.cashierNo, name: i.name, role: i.role }, i.pin),
    'cashier.setActive': (i) => {
      if (i.cashierNo === actor() && !i.active) throw new AppError('CONFLICT', 'you cannot disable yourself', 'cashierNo');
      return admin.setActive(actor(), i.cashierNo, i.active);
    },
    'cashier.resetPin': (i) => admin.resetPin(actor(), i.cashierNo, i.pin),
    'cashier.setRole': (i) => admin.setRole(actor(), i.cashierNo, i.role),
    'cashier.clearLockout': (i) => admin.clearLockout(actor(), i.cashierNo),
    'setup.firstAdmin': async (i) => {
      // the cache may be behind: the institution may have its administrator already
      await puller.pull();
      if (d.store.cashiers.count() > 0) throw new AppError('CONFLICT', 'cashiers exist already: the first administrator was created before');
      await admin.firstAdmin('setup', { no: i.cashierNo, name: i.name }, i.pin);
      return d.session.login(i.cashierNo, i.pin);
    },
    'session.changePin': async (i) => {
      const me = actor();
      if (!PIN_PATTERN.test(i.newPin)) throw new AppError('VALIDATION', 'newPin: PIN is 4 to 8 digits', 'newPin');
      if (weakPin(i.newPin)) throw new AppError('VALIDATION', 'newPin: too easy to guess (repeated or consecutive digits)', 'newPin', null, { reason: 'weak' });
      if (i.newPin === i.oldPin) throw new AppError('VALIDATION', 'newPin: the new PIN is the old one', 'newPin', null, { reason: 'same' });
      d.gate.check(me, i.oldPin, 'cashier.change_pin');
      await admin.changeOwnPin(me, i.newPin);
      return d.session.touch();
    },
  };

  return {
    handlers,
    puller,
    start: () => puller.start(),
    async close() {
      puller.stop();
      await pool.end().catch(() => undefined);
    },
  };
}
export type InstitutionCashierArea = NonNullable<ReturnType<typeof createInstitutionCashierArea>>;
