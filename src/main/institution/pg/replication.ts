/**
 * The replication's SQL in the institution database (a window's role): who this role writes as, and
 * one batch in ONE transaction — the settlements upserted (a row changes only for a newer repl_seq, so
 * a replayed batch changes nothing), the changes inserted once, the window's status. The rows travel as
 * one jsonb array each and are expanded by jsonb_to_recordset: one statement per table per batch.
 */
import type pg from 'pg';
import type { PgChangeRow, PgSettlementRow } from '../replication/row.js';

const SETTLEMENT_COLUMNS: Array<[string, string]> = [
  ['id', 'text'], ['terminal_id', 'text'], ['fixmedins_code', 'text'], ['repl_seq', 'bigint'], ['kind', 'text'], ['med_type', 'text'],
  ['status', 'text'], ['business_date', 'date'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['cashier_no', 'text'],
  ['psn_no', 'text'], ['psn_name_masked', 'text'], ['certno_masked', 'text'], ['insutype', 'text'], ['insuplc_admdvs', 'text'],
  ['clr_type', 'text'], ['mdtrt_id', 'text'], ['setl_id', 'text'], ['use_acct', 'boolean'], ['mulaid_name_masked', 'text'],
  ['mulaid_relation', 'text'], ['medfee_sumamt', 'bigint'], ['fund_pay_sumamt', 'bigint'], ['acct_pay', 'bigint'],
  ['acct_mulaid_pay', 'bigint'], ['psn_cash_pay', 'bigint'], ['counted_from', 'text'], ['cash_received', 'bigint'],
  ['cash_change', 'bigint'], ['rv_setl_id', 'text'], ['rv_time', 'timestamptz'], ['rv_business_date', 'date'], ['rv_reason', 'text'],
  ['last_error', 'text'], ['detail', 'jsonb'],
];
const names = SETTLEMENT_COLUMNS.map(([n]) => n);

export const UPSERT_SETTLEMENTS = `INSERT INTO pos.settlements (${names.join(', ')})
  SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${SETTLEMENT_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
  WHERE pos.settlements.repl_seq < EXCLUDED.repl_seq`;

export const INSERT_CHANGES = `INSERT INTO pos.settlement_changes (terminal_id, seq, settlement_id, kind, at, detail)
  SELECT terminal_id, seq, settlement_id, kind, at, detail
  FROM jsonb_to_recordset($1::jsonb) AS r(terminal_id text, seq bigint, settlement_id text, kind text, at timestamptz, detail jsonb)
  ON CONFLICT (terminal_id, seq) DO NOTHING`;

// acked_seq never goes back: a batch replayed after a crash between PostgreSQL's commit and the window's ack
const UPSERT_STATUS = `INSERT INTO pos.window_status AS w (terminal_id, heard_at, acked_seq, local_seq, backlog, oldest_unsent_date, center_queue, open_conflicts, cashier_no, app_version)
  VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (terminal_id) DO UPDATE SET heard_at = now(), acked_seq = GREATEST(w.acked_seq, EXCLUDED.acked_seq), local_seq = EXCLUDED.local_seq,
    backlog = EXCLUDED.backlog, oldest_unsent_date = EXCLUDED.oldest_unsent_date, center_queue = EXCLUDED.center_queue,
    open_conflicts = EXCLUDED.open_conflicts, cashier_no = EXCLUDED.cashier_no, app_version = EXCLUDED.app_version`;

export interface WindowStatusRow {
  terminal_id: string;
  acked_seq: number;
  local_seq: number;
  backlog: number;
  oldest_unsent_date: string | null;
  center_queue: number;
  open_conflicts: number;
  cashier_no: string | null;
  app_version: string | null;
}

/** who the signed-in role writes as: its window and institution (null: not a registered window) */
export async function whoAmI(client: pg.ClientBase): Promise<{ role: string; terminal_id: string | null; fixmedins_code: string | null }> {
  const r = await client.query<{ role: string; terminal_id: string | null; fixmedins_code: string | null }>(
    `SELECT current_user AS role, w.terminal_id, w.fixmedins_code FROM (SELECT 1) one LEFT JOIN pos.windows w ON w.db_role = current_user`,
  );
  return r.rows[0]!;
}

async function writeStatus(client: pg.ClientBase, s: WindowStatusRow): Promise<void> {
  await client.query(UPSERT_STATUS, [s.terminal_id, s.acked_seq, s.local_seq, s.backlog, s.oldest_unsent_date, s.center_queue, s.open_conflicts, s.cashier_no, s.app_version]);
}

/** one batch in one transaction; returns how many settlement rows and change rows it changed */
export async function writeBatch(client: pg.ClientBase, b: { settlements: PgSettlementRow[]; changes: PgChangeRow[]; status: WindowStatusRow }): Promise<{ settlements: number; changes: number }> {
  await client.query('BEGIN');
  try {
    const s = b.settlements.length ? await client.query(UPSERT_SETTLEMENTS, [JSON.stringify(b.settlements)]) : { rowCount: 0 };
    const c = b.changes.length ? await client.query(INSERT_CHANGES, [JSON.stringify(b.changes)]) : { rowCount: 0 };
    await writeStatus(client, b.status);
    await client.query('COMMIT');
    return { settlements: s.rowCount ?? 0, changes: c.rowCount ?? 0 };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** the idle heartbeat: the window is alive, its counts as they are */
export async function heartbeat(client: pg.ClientBase, s: WindowStatusRow): Promise<void> {
  await writeStatus(client, s);
}

/** SQLSTATEs that retrying will not cure: the administrator must act (role, password, grants, schema) */
const REFUSALS: Record<string, string> = {
  '28P01': 'wrong password',
  '28000': 'this role may not sign in',
  '42501': 'this role may not write these rows',
  '3D000': 'the database does not exist',
  '3F000': 'the institution schema is missing (pos institution init)',
  '42P01': 'the institution schema is too old (pos institution init)',
  '42703': 'the institution schema is too old (pos institution init)',
  '42883': 'the institution schema is too old (pos institution init)',
  '23514': 'a row breaks the institution schema\'s checks',
  '23503': 'a row names a window the institution database does not know',
};

/** refused (the reason, for the status bar and the log) or down (anything that may pass: network, restart, timeout) */
export function classifyPgError(e: unknown): { kind: 'refused' | 'down'; reason: string } {
  const err = e as { code?: string; message?: string };
  const message = err?.message ?? String(e);
  const code = typeof err?.code === 'string' ? err.code : '';
  const why = REFUSALS[code] ?? (code.startsWith('28') ? 'not allowed to sign in' : code.startsWith('22') ? 'a value the institution database refuses' : undefined);
  if (why) return { kind: 'refused', reason: `${why}: ${message}` };
  return { kind: 'down', reason: message || code || 'unreachable' };
}

/** what the institution database last heard from a window (`pos institution status`); null: never */
export async function heardFrom(client: pg.ClientBase, terminalId: string): Promise<{ heard_at: string; acked_seq: number; backlog: number } | null> {
  const r = await client.query<{ heard_at: Date; acked_seq: number; backlog: number }>('SELECT heard_at, acked_seq, backlog FROM pos.window_status WHERE terminal_id = $1', [terminalId]);
  const row = r.rows[0];
  return row ? { heard_at: row.heard_at.toISOString(), acked_seq: row.acked_seq, backlog: row.backlog } : null;
}
