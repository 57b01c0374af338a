/**
 * PostgreSQL migration 4 (replication and end of day): an index of the settlements that are still
 * open (no setl_id yet, queued, or being reversed). They are a handful in a day of a million, and end
 * of day asks for exactly them (pending items, pending reversals): a partial index makes that a look-up
 * instead of a scan of the day. Its predicate is `OPEN` in eod-totals.ts, written alike so the planner
 * can use it.
 */
import type { PgMigration } from './schema.js';

export const pgMigration4OpenIndex: PgMigration = {
  version: 4,
  sql: `
CREATE INDEX settlements_open ON pos.settlements (fixmedins_code, business_date)
  WHERE setl_id IS NULL OR status IN ('queued', 'reversing');
`,
};
