import type { Role } from '../../shared/domain.js';
import type { Db } from './db.js';
import { hashPin, verifyPin } from './pin-hash.js';

export interface Cashier {
  no: string;
  name: string;
  role: Role;
}

/** Demo cashiers for the embedded default and fresh installs; an admin replaces them. */
export const DEMO_CASHIERS: ReadonlyArray<Cashier & { pin: string }> = [
  { no: '1001', name: '李收费', role: 'cashier', pin: '1234' },
  { no: '1002', name: '王药师', role: 'cashier', pin: '2345' },
  { no: '9001', name: '赵主管', role: 'supervisor', pin: '9999' },
];

export function createCashierRepo(db: Db, nowIso: () => string) {
  return {
    seedDemoIfEmpty(): number {
      const { n } = db.prepare('SELECT COUNT(*) AS n FROM cashiers').get() as { n: number };
      if (n > 0) return 0;
      const ins = db.prepare('INSERT INTO cashiers (no, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const c of DEMO_CASHIERS) ins.run(c.no, c.name, c.role, hashPin(c.pin), nowIso());
      })();
      return DEMO_CASHIERS.length;
    },
    add(c: Cashier, pin: string): void {
      db.prepare('INSERT INTO cashiers (no, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        c.no,
        c.name,
        c.role,
        hashPin(pin),
        nowIso(),
      );
    },
    /** a cashier by number, active or not (the CLI's --operator), or null */
    find(no: string): Cashier | null {
      return (db.prepare('SELECT no, name, role FROM cashiers WHERE no = ?').get(no) as Cashier | undefined) ?? null;
    },
    /** the cashier when the PIN matches, else null (same answer for unknown number and wrong PIN) */
    verify(no: string, pin: string): Cashier | null {
      const row = db.prepare('SELECT no, name, role, pin_hash FROM cashiers WHERE no = ? AND active = 1').get(no) as
        | { no: string; name: string; role: Role; pin_hash: string }
        | undefined;
      if (!row) {
        verifyPin(pin, dummyHash()); // same work either way: no timing hint that the number exists
        return null;
      }
      return verifyPin(pin, row.pin_hash) ? { no: row.no, name: row.name, role: row.role } : null;
    },
  };
}

// made on first use: a scrypt at module load would delay every start-up
let dummy: string | null = null;
const dummyHash = () => (dummy ??= hashPin('000000'));

export type CashierRepo = ReturnType<typeof createCashierRepo>;
