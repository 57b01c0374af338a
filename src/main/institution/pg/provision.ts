/**
 * What the institution's administrator does once per window and per finance user (the owner role,
 * `pos institution add-window` / `add-finance`): a login role in the right group, and for a window its
 * row in pos.windows, which is what row-level security finds it by. Idempotent: running it again
 * changes the password and the label, nothing else.
 */
import type pg from 'pg';

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

function checkRole(role: string): string {
  if (!ROLE.test(role)) throw new Error(`role name "${role}": lower-case letters, digits and _ (at most 63), starting with a letter`);
  return role;
}

async function ensureLoginRole(admin: pg.ClientBase, role: string, password: string, group: 'pos_window' | 'pos_finance'): Promise<void> {
  const r = checkRole(role);
  const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r])).rowCount! > 0;
  // identifiers cannot be parameters: the name was checked above; the password is quoted by the server
  const pw = (await admin.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!.q;
  await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${r} LOGIN PASSWORD ${pw}`);
  await admin.query(`GRANT ${group} TO ${r}`);
}

export async function provisionWindow(admin: pg.ClientBase, w: { terminalId: string; fixmedinsCode: string; role: string; password: string; label?: string }): Promise<void> {
  await ensureLoginRole(admin, w.role, w.password, 'pos_window');
  await admin.query(
    `INSERT INTO pos.windows (terminal_id, fixmedins_code, db_role, label) VALUES ($1, $2, $3, $4)
     ON CONFLICT (terminal_id) DO UPDATE SET label = EXCLUDED.label
     WHERE pos.windows.db_role = EXCLUDED.db_role AND pos.windows.fixmedins_code = EXCLUDED.fixmedins_code`,
    [w.terminalId, w.fixmedinsCode, w.role, w.label ?? ''],
  );
  const row = (await admin.query<{ db_role: string; fixmedins_code: string }>('SELECT db_role, fixmedins_code FROM pos.windows WHERE terminal_id = $1', [w.terminalId])).rows[0]!;
  if (row.db_role !== w.role || row.fixmedins_code !== w.fixmedinsCode) {
    throw new Error(`window ${w.terminalId} is already registered for role ${row.db_role} of ${row.fixmedins_code}`);
  }
}

export async function provisionFinance(admin: pg.ClientBase, f: { role: string; password: string }): Promise<void> {
  await ensureLoginRole(admin, f.role, f.password, 'pos_finance');
}
