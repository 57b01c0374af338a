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

// the whole batch as ONE statement, so ONE transaction and one round trip: data-modifying CTEs run
// together and commit or fail together (statement atomicity); no BEGIN/COMMIT of its own
const BATCH_SQL = `WITH s AS (${UPSERT_SETTLEMENTS} RETURNING 1),
  c AS (${INSERT_CHANGES.replace('$1::jsonb', '$2::jsonb')} RETURNING 1),
  w AS (${UPSERT_STATUS.replace(/\$(\d)/g, (_m, n: string) => `$${Number(n) + 2}`)} RETURNING 1)
  SELECT (SELECT count(*) FROM s)::int AS settlements, (SELECT count(*) FROM c)::int AS changes, (SELECT count(*) FROM w)::int AS status`;

/**
 * One batch in one transaction; returns how many settlement rows and change rows it changed (a replay: 0, 0).
 * `meanwhile` runs once the statement is on its way (the sender reads its next batch from SQLite while
 * PostgreSQL works on this one).
 */
export async function writeBatch(
  client: pg.ClientBase,
  b: { settlements: PgSettlementRow[]; changes: PgChangeRow[]; status: WindowStatusRow },
  meanwhile?: () => void,
): Promise<{ settlements: number; changes: number }> {
  const st = b.status;
  const pending = client.query<{ settlements: number; changes: number }>(BATCH_SQL, [
    JSON.stringify(b.settlements), JSON.stringify(b.changes),
    st.terminal_id, st.acked_seq, st.local_seq, st.backlog, st.oldest_unsent_date, st.center_queue, st.open_conflicts, st.cashier_no, st.app_version,
  ]);
  let failed: { e: unknown } | null = null;
  try {
    meanwhile?.();
  } catch (e) {
    failed = { e };
  }
  const r = await pending;
  if (failed) throw failed.e;
  return { settlements: r.rows[0]!.settlements, changes: r.rows[0]!.changes };
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
