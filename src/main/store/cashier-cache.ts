/**
 * The window's cache of the institution's cashiers (institution/cashiers/): the cashiers table made
 * equal to what PostgreSQL holds for this fixmedins_code, in one transaction. Each written row gets
 * this terminal's own integrity MAC (cashiers.ts), so a cached row edited in the file is refused at
 * login exactly like a local one. Lockout counters stay as they are, except where the PIN changed.
 * The newest revision seen is kept in kv, for the status and the log.
 */
import type { Role } from '../../shared/domain.js';
import type { Db } from './db.js';
import { cashierMac } from './cashiers.js';
import { macEquals } from './seal.js';

export interface CachedCashier {
  no: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: boolean;
  created_at: string;
  revision: number;
}

export interface MirrorResult {
  /** numbers added or changed */
  changed: string[];
  /** numbers that are no longer the institution's and were removed here */
  removed: string[];
  /** numbers whose cached row failed its integrity check and was restored */
  repaired: string[];
  revision: number;
}

interface Raw {
  no: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  created_at: string;
  mac: string | null;
}

const REVISION_KEY = 'institution.cashiers.revision';

export function createCashierCache(db: Db, integrityKey: () => Buffer) {
  const all = db.prepare('SELECT no, name, role, pin_hash, active, created_at, mac FROM cashiers');
  const upsert = db.prepare(`INSERT INTO cashiers (no, name, role, pin_hash, active, created_at, failed_logins, locked_until, mac)
    VALUES (@no, @name, @role, @pin_hash, @active, @created_at, 0, 0, @mac)
    ON CONFLICT (no) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active,
      created_at = excluded.created_at, mac = excluded.mac`);
  const clearLock = db.prepare('UPDATE cashiers SET failed_logins = 0, locked_until = 0 WHERE no = ?');
  const remove = db.prepare('DELETE FROM cashiers WHERE no = ?');
  const getKv = db.prepare('SELECT value FROM kv WHERE key = ?').pluck();
  const setKv = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const one = db.prepare('SELECT no, name, role, pin_hash, active, created_at, mac FROM cashiers WHERE no = ?');
  return {
    revision: (): number => Number(getKv.get(REVISION_KEY) ?? 0),
    /** an intact, active local administrator's row as the institution takes it (its first administrator), or null */
    localAdministrator(no: string): { no: string; name: string; pin_hash: string; created_at: string } | null {
      const r = one.get(no) as Raw | undefined;
      if (!r || r.role !== 'administrator' || r.active !== 1 || !macEquals(r.mac, cashierMac(integrityKey(), r))) return null;
      return { no: r.no, name: r.name, pin_hash: r.pin_hash, created_at: r.created_at };
    },
    /** make the cashiers table equal to the institution's rows (called inside the caller's transaction or alone) */
    mirror: db.transaction((rows: readonly CachedCashier[]): MirrorResult => {
      const key = integrityKey();
      const local = new Map((all.all() as Raw[]).map((r) => [r.no, r]));
      const out: MirrorResult = { changed: [], removed: [], repaired: [], revision: 0 };
      // an institution without cashiers (not administered yet, or this window registered under another
      // code) never empties the window: its own cashiers stay until the institution has its first
      if (rows.length === 0) return out;
      for (const c of rows) {
        const want = { no: c.no, name: c.name, role: c.role, pin_hash: c.pin_hash, active: c.active ? 1 : 0, created_at: c.created_at };
        const mac = cashierMac(key, want);
        const have = local.get(c.no);
        local.delete(c.no);
        out.revision = Math.max(out.revision, c.revision);
        const haveMac = have ? cashierMac(key, have) : null;
        // the same fields and an intact seal: nothing to write
        if (have && haveMac === mac && macEquals(have.mac, mac)) continue;
        if (have && !macEquals(have.mac, haveMac!)) out.repaired.push(c.no);
        upsert.run({ ...want, mac });
        if (!have || have.pin_hash !== c.pin_hash) clearLock.run(c.no);
        out.changed.push(c.no);
      }
      for (const no of local.keys()) {
        remove.run(no);
        out.removed.push(no);
      }
      setKv.run(REVISION_KEY, String(out.revision));
      return out;
    }),
  };
}
export type CashierCache = ReturnType<typeof createCashierCache>;
