/**
 * The institution cashiers' SQL (migration-2-cashiers.ts): what a window reads into its cache and the
 * one function through which it changes a cashier. Errors of that function carry SQLSTATE PSN01..05.
 */
import type pg from 'pg';
import type { CachedCashier } from '../../store/cashier-cache.js';
import type { Role } from '../../../shared/domain.js';

/** a cashier as PostgreSQL gives it: exactly what the window's cache holds (store/cashier-cache.ts) */
export type InstitutionCashierRow = CachedCashier;

export type CashierAction = 'first_admin' | 'add' | 'set_active' | 'set_role' | 'reset_pin' | 'change_own_pin';

export interface CashierChange {
  actor: string;
  action: CashierAction;
  no: string;
  name?: string;
  role?: Role;
  pinHash?: string;
  active?: boolean;
  createdAt?: string;
}

/** the cashiers of the calling window's institution (row-level security picks them) */
export async function fetchInstitutionCashiers(db: pg.Pool | pg.ClientBase): Promise<InstitutionCashierRow[]> {
  const r = await db.query<InstitutionCashierRow>('SELECT no, name, role, pin_hash, active, created_at, revision FROM pos.cashiers ORDER BY no');
  return r.rows;
}

/** one change through pos.cashier_change (checks, revision, audit in one transaction); the new revision */
export async function changeInstitutionCashier(db: pg.Pool | pg.ClientBase, c: CashierChange): Promise<number> {
  const r = await db.query<{ rev: number }>('SELECT pos.cashier_change($1, $2, $3, $4, $5, $6, $7, $8) AS rev', [
    c.actor,
    c.action,
    c.no,
    c.name ?? null,
    c.role ?? null,
    c.pinHash ?? null,
    c.active ?? null,
    c.createdAt ?? null,
  ]);
  return r.rows[0]!.rev;
}

/** the institution's audit of cashier changes, newest first (owner and finance) */
export async function cashierAuditRows(db: pg.Pool | pg.ClientBase, fixmedinsCode: string, limit = 200) {
  const r = await db.query<{ id: number; at: Date; terminal_id: string; actor: string; action: string; cashier_no: string; revision: number; detail: unknown }>(
    'SELECT id, at, terminal_id, actor, action, cashier_no, revision, detail FROM pos.cashier_audit WHERE fixmedins_code = $1 ORDER BY id DESC LIMIT $2',
    [fixmedinsCode, limit],
  );
  return r.rows;
}

/** demo and first provisioning (the owner): a cashier written directly, as `pos institution` would */
export async function ownerAddCashier(db: pg.ClientBase, fixmedinsCode: string, c: { no: string; name: string; role: Role; pinHash: string; createdAt: string }, actor = 'owner'): Promise<void> {
  await db.query(
    `WITH rev AS (SELECT nextval('pos.cashier_revision') AS v),
     ins AS (INSERT INTO pos.cashiers (fixmedins_code, no, name, role, pin_hash, active, created_at, revision, changed_by, changed_at_terminal)
       SELECT $1, $2, $3, $4, $5, true, $6, rev.v, $7, 'owner' FROM rev ON CONFLICT DO NOTHING RETURNING revision)
     INSERT INTO pos.cashier_audit (fixmedins_code, terminal_id, actor, action, cashier_no, revision, detail)
       SELECT $1, 'owner', $7, 'add', $2, ins.revision, jsonb_build_object('name', $3::text, 'role', $4::text) FROM ins`,
    [fixmedinsCode, c.no, c.name, c.role, c.pinHash, c.createdAt, actor],
  );
}
