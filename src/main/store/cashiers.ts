/**
 * Cashiers: number, name, role (cashier < supervisor < administrator), scrypt PIN hash, active flag,
 * and the stored login lockout (failed_logins, locked_until) so a restart does not lift it. Every row
 * carries a MAC (integrity key) over who it is and what it may do, including the PIN hash: a row edited
 * in the file, or a PIN hash copied from one cashier to another, fails its check and does not log in.
 * The lockout counters are outside the MAC: they change on every wrong PIN.
 */
import type { Role } from '../../shared/domain.js';
import type { Db } from './db.js';
import { hashPin, verifyPin } from './pin-hash.js';
import { macEquals, macHex } from './seal.js';

export interface Cashier {
  no: string;
  name: string;
  role: Role;
}

export interface CashierRow extends Cashier {
  active: boolean;
  created_at: string;
  failed_logins: number;
  /** ms since the epoch; 0 = not locked */
  locked_until: number;
  /** the row's integrity check holds */
  intact: boolean;
}

/** Demo cashiers: only in the embedded default (app.ts), never against a real center. */
export const DEMO_CASHIERS: ReadonlyArray<Cashier & { pin: string }> = [
  { no: '1001', name: '李收费', role: 'cashier', pin: '1234' },
  { no: '1002', name: '王药师', role: 'cashier', pin: '2345' },
  { no: '9001', name: '赵主管', role: 'supervisor', pin: '9999' },
  { no: '9901', name: '钱管理', role: 'administrator', pin: '2468' },
];

export type PinCheck =
  | { kind: 'ok'; cashier: Cashier }
  /** unknown number, disabled, or wrong PIN: one answer for all */
  | { kind: 'wrong'; lockedUntil: number | null }
  | { kind: 'locked'; until: number }
  /** the row fails its integrity check (edited outside the terminal) */
  | { kind: 'tampered'; no: string };

interface Raw {
  no: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  created_at: string;
  failed_logins: number;
  locked_until: number;
  mac: string | null;
}

export interface LockoutPolicy {
  maxFailed: number;
  lockMs: number;
}

export function cashierMac(key: Buffer, r: Pick<Raw, 'no' | 'name' | 'role' | 'pin_hash' | 'active' | 'created_at'>): string {
  return macHex(key, ['cashier/1', r.no, r.name, r.role, r.pin_hash, r.active, r.created_at]);
}

export function createCashierRepo(db: Db, nowIso: () => string, integrityKey: () => Buffer) {
  const byNo = db.prepare('SELECT * FROM cashiers WHERE no = ?');
  const all = db.prepare('SELECT * FROM cashiers ORDER BY no');
  const count = db.prepare('SELECT COUNT(*) FROM cashiers').pluck();
  const insert = db.prepare(`INSERT INTO cashiers (no, name, role, pin_hash, active, created_at, failed_logins, locked_until, mac)
    VALUES (@no, @name, @role, @pin_hash, @active, @created_at, 0, 0, @mac)`);
  const rewrite = db.prepare('UPDATE cashiers SET name = @name, role = @role, pin_hash = @pin_hash, active = @active, mac = @mac WHERE no = @no');
  const setLockout = db.prepare('UPDATE cashiers SET failed_logins = ?, locked_until = ? WHERE no = ?');
  const intact = (r: Raw) => macEquals(r.mac, cashierMac(integrityKey(), r));
  const toRow = (r: Raw): CashierRow => ({
    no: r.no,
    name: r.name,
    role: r.role,
    active: r.active === 1,
    created_at: r.created_at,
    failed_logins: r.failed_logins,
    locked_until: r.locked_until,
    intact: intact(r),
  });
  const get = (no: string) => byNo.get(no) as Raw | undefined;

  /** change what the MAC covers, and re-seal the row, in one transaction; false when there is no such cashier */
  const change = db.transaction((no: string, patch: Partial<Pick<Raw, 'name' | 'role' | 'pin_hash' | 'active'>>): boolean => {
    const r = get(no);
    if (!r) return false;
    const next = { ...r, ...patch };
    rewrite.run({ ...next, mac: cashierMac(integrityKey(), next) });
    return true;
  });

  const repo = {
    count: (): number => count.get() as number,
    seedDemoIfEmpty(): number {
      if (repo.count() > 0) return 0;
      db.transaction(() => {
        for (const c of DEMO_CASHIERS) repo.add(c, c.pin);
      })();
      return DEMO_CASHIERS.length;
    },
    /** false when the number is taken */
    add(c: Cashier, pin: string): boolean {
      if (get(c.no)) return false;
      const r = { no: c.no, name: c.name, role: c.role, pin_hash: hashPin(pin), active: 1, created_at: nowIso() };
      insert.run({ ...r, mac: cashierMac(integrityKey(), r) });
      return true;
    },
    /** a cashier by number, active or not (the CLI's --operator), or null */
    find(no: string): Cashier | null {
      const r = get(no);
      return r ? { no: r.no, name: r.name, role: r.role } : null;
    },
    row(no: string): CashierRow | null {
      const r = get(no);
      return r ? toRow(r) : null;
    },
    list(): CashierRow[] {
      return (all.all() as Raw[]).map(toRow);
    },
    /** numbers of the rows whose integrity check fails */
    tampered(): string[] {
      return (all.all() as Raw[]).filter((r) => !intact(r)).map((r) => r.no);
    },
    /** the PIN checked against the row, its lock and its integrity (same work for an unknown number) */
    check(no: string, pin: string, nowMs: number): PinCheck {
      const r = get(no);
      if (!r) {
        verifyPin(pin, dummyHash()); // no timing hint that the number exists
        return { kind: 'wrong', lockedUntil: null };
      }
      if (r.locked_until > nowMs) return { kind: 'locked', until: r.locked_until };
      const pinOk = verifyPin(pin, r.pin_hash);
      if (!intact(r)) return { kind: 'tampered', no: r.no };
      if (!pinOk || r.active !== 1) return { kind: 'wrong', lockedUntil: null };
      return { kind: 'ok', cashier: { no: r.no, name: r.name, role: r.role } };
    },
    /** a wrong PIN for an existing cashier: counted; the cashier is locked at the limit. Returns the lock's end or null */
    noteFailure(no: string, nowMs: number, policy: LockoutPolicy): number | null {
      const r = get(no);
      if (!r) return null;
      const failed = r.failed_logins + 1;
      const until = failed >= policy.maxFailed ? nowMs + policy.lockMs : 0;
      setLockout.run(until ? 0 : failed, until, no);
      return until || null;
    },
    clearFailures(no: string): void {
      setLockout.run(0, 0, no);
    },
    setPin: (no: string, pin: string): boolean => change(no, { pin_hash: hashPin(pin) }),
    setRole: (no: string, role: Role): boolean => change(no, { role }),
    setActive: (no: string, active: boolean): boolean => change(no, { active: active ? 1 : 0 }),
    /** the demo cashiers that still have their published demo PINs (never acceptable against a real center) */
    demoWithDefaultPins(): string[] {
      return DEMO_CASHIERS.filter((d) => {
        const r = get(d.no);
        return !!r && r.active === 1 && verifyPin(d.pin, r.pin_hash);
      }).map((d) => d.no);
    },
  };
  return repo;
}

// made on first use: a scrypt at module load would delay every start-up
let dummy: string | null = null;
const dummyHash = () => (dummy ??= hashPin('000000'));

export type CashierRepo = ReturnType<typeof createCashierRepo>;
