/**
 * Each window's copy of the institution's cashiers: pulled at start, every heartbeat and after the
 * window's own change, into the local cashiers table (store/cashier-cache.ts). Logins always check the
 * local table, so a cashier logs in at any window also while PostgreSQL is down; the pull only makes
 * the cache current. A pull that finds a cached row failing its integrity check restores it and says so.
 */
import type pg from 'pg';
import type { Store } from '../../store/index.js';
import { fetchInstitutionCashiers } from '../pg/cashiers-sql.js';

export interface CashierPuller {
  /** pull now; false when PostgreSQL could not be read (the cache stays as it was) */
  pull(): Promise<boolean>;
  start(): void;
  stop(): void;
  /** when the last pull succeeded (ms), 0 never */
  lastPullAt(): number;
}

export function createCashierPuller(d: {
  pool: pg.Pool;
  store: Pick<Store, 'cashierCache' | 'audit' | 'transaction'>;
  everyMs: number;
  log(line: string): void;
  now(): number;
  /** the cache changed (the session's firstAdminNeeded, the admin screen) */
  changed?(): void;
}): CashierPuller {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<boolean> | null = null;
  let last = 0;
  let wasDown = false;
  let saidEmpty = false;

  const once = async (): Promise<boolean> => {
    let rows;
    try {
      rows = await fetchInstitutionCashiers(d.pool);
    } catch (e) {
      if (!wasDown) d.log(`[institution] cashiers not pulled: ${(e as Error).message} (logins use the cached cashiers)`);
      wasDown = true;
      return false;
    }
    wasDown = false;
    if (rows.length === 0 && !saidEmpty) d.log('[institution] the institution database holds no cashiers for this window\'s institution yet: this window keeps its own until its administrator makes the first change');
    saidEmpty = rows.length === 0;
    let r;
    try {
      r = d.store.transaction(() => {
        const m = d.store.cashierCache.mirror(rows);
        if (m.changed.length || m.removed.length) {
          d.store.audit.append({ actor: 'system', action: 'institution.cashiers_pulled', detail: { revision: m.revision, changed: m.changed, removed: m.removed, repaired: m.repaired } });
        }
        return m;
      });
    } catch (e) {
      // a full disk, a closed store: the cache stays as it was, the next pull tries again
      d.log(`[institution] cashiers pulled but not written here: ${(e as Error).message}`);
      return false;
    }
    for (const no of r.repaired) d.log(`[security] cached cashier ${no} failed its integrity check and was restored from the institution database`);
    last = d.now();
    if (r.changed.length || r.removed.length) d.changed?.();
    return true;
  };

  // a pull asked for while one runs waits for it and runs once more (it may have read before the change)
  const pull = (): Promise<boolean> => {
    if (running) return running.then(() => pull());
    const p = once().finally(() => {
      running = null;
    });
    running = p;
    return p;
  };

  return {
    pull,
    start() {
      if (timer) return;
      void pull();
      timer = setInterval(() => void pull(), d.everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    lastPullAt: () => last,
  };
}
