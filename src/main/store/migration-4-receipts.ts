/**
 * Migration 4 (receipts, cash and the shift hand-over).
 *
 * receipts    — per settlement, the cashier's figures at the counter (the cash to collect as confirmed,
 *               the amount received and the change: the cashier's, not the center's) and what a slip
 *               prints about the accounts (balances before, the center's balance after). Written in the
 *               confirm's own transaction by the till's follower.
 * refunds     — per reversal request, who asked for it, when, and what goes back (cash from this
 *               cashier's drawer). Written in the reversal's transaction.
 * print_jobs  — the durable print queue. A settlement's first slip and drawer pulse are written in the
 *               confirm's transaction; a job goes held → ready → sending → printed. 'sending' is
 *               committed before the bytes leave: one found at start-up died between the bytes and the
 *               mark, and becomes 'uncertain' (a thermal printer cannot say whether it printed) —
 *               never printed again by itself; the cashier reprints (补打) or confirms it.
 * handovers   — the shift hand-over (收费员交班): its summary, the cash counted and the difference.
 */
export const migration4Receipts = {
  version: 4,
  sql: `
CREATE TABLE receipts (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  cashier_no TEXT NOT NULL,
  business_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- the cash to collect when it was confirmed (the terminal's preview; the center may settle another)
  cash_due INTEGER NOT NULL CHECK (cash_due >= 0),
  -- the amount received and the change given; NULL when no cash was due
  received INTEGER CHECK (received IS NULL OR received >= cash_due),
  change_given INTEGER CHECK ((received IS NULL AND change_given IS NULL) OR change_given = received - cash_due),
  -- how the amount was entered: typed, a note key (100, 50), exact
  tender TEXT CHECK (tender IS NULL OR tender IN ('typed', 'note', 'exact')),
  -- balances as the terminal priced the settlement (before it), and the center's own balance after
  acct_before INTEGER,
  mulaid_before INTEGER,
  mulaid_relation TEXT,
  acct_after INTEGER
);
CREATE INDEX receipts_by_cashier ON receipts (cashier_no, created_at);
CREATE INDEX receipts_by_cashier_date ON receipts (cashier_no, business_date);

CREATE TABLE refunds (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  cashier_no TEXT NOT NULL,
  business_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- what goes back: the settlement's amounts when the reversal was asked for (the center's where it answered)
  medfee INTEGER NOT NULL, fund INTEGER NOT NULL, acct INTEGER NOT NULL, mulaid INTEGER NOT NULL, cash INTEGER NOT NULL
);
CREATE INDEX refunds_by_cashier ON refunds (cashier_no, created_at);
CREATE INDEX refunds_by_cashier_date ON refunds (cashier_no, business_date);

CREATE TABLE handovers (
  id INTEGER PRIMARY KEY,
  cashier_no TEXT NOT NULL,
  cashier_name TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  -- the shift: (from_at, to_at], ISO instants
  from_at TEXT NOT NULL,
  to_at TEXT NOT NULL,
  summary TEXT NOT NULL CHECK (json_valid(summary)),
  cash_expected INTEGER NOT NULL,
  cash_counted INTEGER NOT NULL CHECK (cash_counted >= 0),
  difference INTEGER NOT NULL CHECK (difference = cash_counted - cash_expected),
  note TEXT,
  -- the tamper-evident audit chain's head when it was recorded (issue 13 fills it)
  audit_chain_head TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX handovers_by_cashier ON handovers (cashier_no, to_at);

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'reversal', 'drawer', 'handover')),
  settlement_id TEXT REFERENCES settlements(id),
  handover_id INTEGER REFERENCES handovers(id),
  -- NULL: the first print; n: the n-th reprint (补打)
  reprint_no INTEGER CHECK (reprint_no IS NULL OR reprint_no > 0),
  state TEXT NOT NULL CHECK (state IN ('held', 'ready', 'sending', 'printed', 'uncertain', 'cancelled')),
  -- a held slip waits for the center's answer until then (ms since the epoch), and prints at the latest then
  hold_until INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  done_at TEXT,
  -- the bytes as they went to the printer (the virtual printer's paper; what a reprint is compared with)
  bytes BLOB
);
-- one first slip, one reversal slip and one drawer pulse per settlement, whoever asks twice
CREATE UNIQUE INDEX print_jobs_first ON print_jobs (settlement_id, kind) WHERE reprint_no IS NULL AND settlement_id IS NOT NULL;
CREATE INDEX print_jobs_by_settlement ON print_jobs (settlement_id, kind, reprint_no);
-- the queue: only open jobs, so it stays small however long the history grows
CREATE INDEX print_jobs_open ON print_jobs (id) WHERE state IN ('held', 'ready', 'sending');
CREATE INDEX print_jobs_uncertain ON print_jobs (id) WHERE state = 'uncertain';
`,
};
