/**
 * Migration 3 (reconcile): what end of day needs to total 100,000 settlements fast.
 *
 * - settlements gains VIRTUAL generated columns: the clearing type (clr_type: 41 pharmacy purchase,
 *   11 outpatient, the same rule as the simulator) and the five amounts reconciliation adds up,
 *   taken from the center's split where it answered (authoritative) and the local preview otherwise.
 *   Generated columns need no change to the code that writes settlements.
 * - settlement_amounts, kept by triggers: the same numbers as plain integers with a covering index, so the
 *   per-group totals of a big day are read from the index alone.
 * - an index to find reversal messages (2208/2103) and their answers.
 * - reconcile_runs: every reconciliation result, so an export can show the last one for the period.
 */
const amount = (name: string, field: string) =>
  `ALTER TABLE settlements ADD COLUMN ${name} INTEGER GENERATED ALWAYS AS (CAST(json_extract(COALESCE(center_split, local_split), '$.${field}') AS INTEGER)) VIRTUAL;`;

export const migration3Reconcile = {
  version: 3,
  sql: `
ALTER TABLE settlements ADD COLUMN clr_type TEXT GENERATED ALWAYS AS (CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END) VIRTUAL;
${amount('amt_medfee', 'medfee_sumamt')}
${amount('amt_fund', 'fund_pay_sumamt')}
${amount('amt_acct', 'acct_pay')}
${amount('amt_mulaid', 'acct_mulaid_pay')}
${amount('amt_cash', 'psn_cash_pay')}
-- the numbers end of day adds up, kept beside each settlement by triggers, so the per-group totals of a
-- 100,000-settlement day are one scan of a covering index (virtual columns would be re-parsed from JSON)
CREATE TABLE settlement_amounts (
  settlement_id TEXT PRIMARY KEY,
  business_date TEXT NOT NULL,
  insutype TEXT NOT NULL,
  clr_type TEXT NOT NULL,
  status TEXT NOT NULL,
  has_setl INTEGER NOT NULL,
  medfee INTEGER NOT NULL,
  fund INTEGER NOT NULL,
  acct INTEGER NOT NULL,
  mulaid INTEGER NOT NULL,
  cash INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX settlement_amounts_reconcile ON settlement_amounts (business_date, insutype, clr_type, status, has_setl, medfee, fund, acct, mulaid, cash);
CREATE TRIGGER settlement_amounts_insert AFTER INSERT ON settlements BEGIN
  INSERT OR REPLACE INTO settlement_amounts VALUES (NEW.id, NEW.business_date, NEW.insutype, NEW.clr_type, NEW.status, NEW.setl_id IS NOT NULL,
    COALESCE(NEW.amt_medfee, 0), COALESCE(NEW.amt_fund, 0), COALESCE(NEW.amt_acct, 0), COALESCE(NEW.amt_mulaid, 0), COALESCE(NEW.amt_cash, 0));
END;
CREATE TRIGGER settlement_amounts_update AFTER UPDATE ON settlements BEGIN
  INSERT OR REPLACE INTO settlement_amounts VALUES (NEW.id, NEW.business_date, NEW.insutype, NEW.clr_type, NEW.status, NEW.setl_id IS NOT NULL,
    COALESCE(NEW.amt_medfee, 0), COALESCE(NEW.amt_fund, 0), COALESCE(NEW.amt_acct, 0), COALESCE(NEW.amt_mulaid, 0), COALESCE(NEW.amt_cash, 0));
END;
CREATE TRIGGER settlement_amounts_delete AFTER DELETE ON settlements BEGIN
  DELETE FROM settlement_amounts WHERE settlement_id = OLD.id;
END;
INSERT INTO settlement_amounts SELECT id, business_date, insutype, clr_type, status, setl_id IS NOT NULL,
  COALESCE(amt_medfee, 0), COALESCE(amt_fund, 0), COALESCE(amt_acct, 0), COALESCE(amt_mulaid, 0), COALESCE(amt_cash, 0) FROM settlements;
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
