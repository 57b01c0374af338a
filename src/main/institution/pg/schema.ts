/**
 * The institution database's schema (PostgreSQL), in its own schema `pos` so it sits beside whatever
 * else the hospital keeps there. Migrations of its own, applied by the owner role (`pos institution
 * init`); append, never edit a shipped one. Numbers by area:
 *   1 windows, settlements and their changes, roles and row-level security (replication)
 *   2 institution cashiers   3 end-of-day indexes and runs   4 the index of open settlements
 *
 * Who may do what (roles are cluster-wide, so they are created if absent):
 *   pos_window  (group, NOLOGIN): each window's login role is a member; it reads and writes only the rows
 *               of the window whose db_role it is (row-level security), and reads the list of windows.
 *   pos_finance (group, NOLOGIN): reads everything (institution end of day, windows overview, exports).
 * The owner (the role that ran the migrations) bypasses row-level security, as owners do.
 */
import { pgMigration2Cashiers } from './migration-2-cashiers.js';
import { pgMigration3Eod } from './migration-3-eod.js';
import { pgMigration4OpenIndex } from './migration-4-open-index.js';

export interface PgMigration {
  version: number;
  sql: string;
}

const roles = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_window') THEN CREATE ROLE pos_window NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_finance') THEN CREATE ROLE pos_finance NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA pos TO pos_window, pos_finance;
`;

export const pgMigration1Replication: PgMigration = {
  version: 1,
  sql: `
${roles}
CREATE TABLE pos.windows (
  terminal_id text PRIMARY KEY,
  fixmedins_code text NOT NULL,
  -- the login role this window signs in as; row-level security finds the window by it
  db_role name NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  registered_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON pos.windows TO pos_window, pos_finance;

-- the window the signed-in role writes as (null for any other role)
CREATE FUNCTION pos.current_terminal() RETURNS text LANGUAGE sql STABLE
  AS $f$ SELECT terminal_id FROM pos.windows WHERE db_role = current_user $f$;

-- what each window last said about itself: written with every batch and by a heartbeat when idle.
-- heard_at is the server's clock, so windows with wrong clocks are compared fairly.
CREATE TABLE pos.window_status (
  terminal_id text PRIMARY KEY REFERENCES pos.windows,
  heard_at timestamptz NOT NULL DEFAULT now(),
  acked_seq bigint NOT NULL,           -- the window's newest change now stored here
  local_seq bigint NOT NULL,           -- the window's newest change at that moment
  backlog integer NOT NULL,            -- changes the window held that were not here yet
  oldest_unsent_date date,             -- business date of the oldest of them (null: none)
  center_queue integer NOT NULL DEFAULT 0,
  open_conflicts integer NOT NULL DEFAULT 0,
  cashier_no text,
  app_version text
);

-- one row per settlement, its latest state: a replayed or older change never overwrites a newer one
-- (repl_seq only grows per window). Amounts in integer fen, the ones end of day adds up: the
-- center's split where it answered, the local preview otherwise (counted_from says which).
CREATE TABLE pos.settlements (
  id text PRIMARY KEY,
  terminal_id text NOT NULL REFERENCES pos.windows,
  fixmedins_code text NOT NULL,
  repl_seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pharmacy', 'outpatient')),
  med_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'settled', 'refused', 'reversing', 'reversed')),
  business_date date NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  cashier_no text NOT NULL,
  psn_no text NOT NULL,
  psn_name_masked text NOT NULL,
  certno_masked text NOT NULL,
  insutype text NOT NULL,
  insuplc_admdvs text NOT NULL,
  clr_type text NOT NULL,
  mdtrt_id text,
  setl_id text,
  use_acct boolean NOT NULL,
  mulaid_name_masked text,
  mulaid_relation text,
  medfee_sumamt bigint NOT NULL,
  fund_pay_sumamt bigint NOT NULL,
  acct_pay bigint NOT NULL,
  acct_mulaid_pay bigint NOT NULL,
  psn_cash_pay bigint NOT NULL,
  counted_from text NOT NULL CHECK (counted_from IN ('center', 'local')),
  cash_received bigint,
  cash_change bigint,
  -- the reversal the center confirmed: its own setl_id and time; it counts on its own day, negated
  rv_setl_id text,
  rv_time timestamptz,
  rv_business_date date,
  rv_reason text,
  last_error text,
  -- items, both splits, the explanation: what an auditor opens
  detail jsonb NOT NULL,
  CHECK (fund_pay_sumamt + acct_pay + acct_mulaid_pay + psn_cash_pay = medfee_sumamt),
  CHECK (LEAST(medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay) >= 0)
);
CREATE INDEX settlements_by_day ON pos.settlements (fixmedins_code, business_date, insutype, clr_type)
  INCLUDE (terminal_id, status, setl_id, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay);
CREATE INDEX settlements_by_reversal_day ON pos.settlements (fixmedins_code, rv_business_date) WHERE rv_setl_id IS NOT NULL;
CREATE INDEX settlements_by_setl_id ON pos.settlements (setl_id) WHERE setl_id IS NOT NULL;

-- every change a window replicated, in its order: the audit trail of how a row got its state
CREATE TABLE pos.settlement_changes (
  terminal_id text NOT NULL REFERENCES pos.windows,
  seq bigint NOT NULL,
  settlement_id text NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  detail jsonb NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);

-- row-level security: a window's role sees and writes its own rows only; finance reads all
ALTER TABLE pos.settlements ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos.settlement_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos.window_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY window_own ON pos.settlements TO pos_window
  USING (terminal_id = pos.current_terminal())
  WITH CHECK (terminal_id = pos.current_terminal() AND fixmedins_code = (SELECT w.fixmedins_code FROM pos.windows w WHERE w.terminal_id = pos.current_terminal()));
CREATE POLICY window_own ON pos.settlement_changes TO pos_window
  USING (terminal_id = pos.current_terminal()) WITH CHECK (terminal_id = pos.current_terminal());
CREATE POLICY window_own ON pos.window_status TO pos_window
  USING (terminal_id = pos.current_terminal()) WITH CHECK (terminal_id = pos.current_terminal());
CREATE POLICY finance_reads ON pos.settlements FOR SELECT TO pos_finance USING (true);
CREATE POLICY finance_reads ON pos.settlement_changes FOR SELECT TO pos_finance USING (true);
CREATE POLICY finance_reads ON pos.window_status FOR SELECT TO pos_finance USING (true);
GRANT SELECT, INSERT, UPDATE ON pos.settlements, pos.settlement_changes, pos.window_status TO pos_window;
GRANT SELECT ON pos.settlements, pos.settlement_changes, pos.window_status TO pos_finance;
`,
};

/** Every migration in order; areas append theirs here, one line each. */
export const pgMigrations: readonly PgMigration[] = [pgMigration1Replication, pgMigration2Cashiers, pgMigration3Eod, pgMigration4OpenIndex];
