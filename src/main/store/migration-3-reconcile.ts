/**
 * Migration 3 (reconcile). What end of day reads comes with migration 1's settlements: the clearing type
 * (clr_type), the amounts (amt_*) and settlements_by_date, which covers the per-group totals,
 * the pending list and the time-ordered pages. Here:
 * - an index to find reversal messages (2208/2103) and their answers;
 * - reconcile_runs: every reconciliation result, so an export can show the last one for the period.
 */
export const migration3Reconcile = {
  version: 3,
  sql: `
-- partial: only reversal messages are indexed, so a settlement's own messages cost nothing here
CREATE INDEX outbox_by_infno ON outbox (infno, status, settlement_id) WHERE infno IN ('2208', '2103');

CREATE TABLE reconcile_runs (
  id TEXT PRIMARY KEY,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  status TEXT NOT NULL,
  result TEXT NOT NULL
);
CREATE INDEX reconcile_runs_by_period ON reconcile_runs (date_from, date_to, at);
`,
};
