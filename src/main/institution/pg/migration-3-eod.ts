/**
 * Institution end of day (migration 3): the saved runs, and the indexes its queries need beyond
 * migration 1's (windows of an institution; a center-only record's window found by mdtrt_id).
 * The finance role reads settlements and writes runs; the compare's temporary table needs the
 * database's default TEMP privilege.
 */
import type { PgMigration } from './schema.js';

export const pgMigration3Eod: PgMigration = {
  version: 3,
  sql: `
CREATE TABLE pos.reconcile_runs (
  id text PRIMARY KEY,
  fixmedins_code text NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  operator_no text NOT NULL,
  operator_name text NOT NULL,
  -- balanced | not_balanced | pending | not_reconciled
  status text NOT NULL,
  -- the whole result as the screen and the exports read it (groups, differences, pending windows)
  result jsonb NOT NULL,
  CHECK (date_from <= date_to)
);
CREATE INDEX reconcile_runs_by_period ON pos.reconcile_runs (fixmedins_code, date_from, date_to, at DESC);
CREATE INDEX windows_by_institution ON pos.windows (fixmedins_code);
CREATE INDEX settlements_by_visit ON pos.settlements (fixmedins_code, mdtrt_id) WHERE mdtrt_id IS NOT NULL;
GRANT SELECT, INSERT ON pos.reconcile_runs TO pos_finance;
`,
};
