/**
 * The replication queue (migration 7): what this window owes the institution's PostgreSQL, and what
 * PostgreSQL needs of each settlement as it is now. institution/replication/ writes a row with every
 * change (in the change's transaction), reads batches in seq order, and acks after PostgreSQL committed.
 */
import type { Db } from './db.js';

export type ReplChangeKind = 'confirmed' | 'answered' | 'refused' | 'reversal_requested' | 'conflict_resolved';

/** one queued change and its settlement as it is now (the amounts: the center's split else the local one) */
export interface ReplSnapshot {
  seq: number;
  change_kind: ReplChangeKind;
  change_at: string;
  change_detail: string;
  id: string;
  kind: 'pharmacy' | 'outpatient';
  med_type: string;
  status: 'queued' | 'settled' | 'refused' | 'reversing' | 'reversed';
  business_date: string;
  created_at: string;
  updated_at: string;
  terminal_id: string;
  cashier_no: string;
  psn_no: string;
  psn_name_masked: string;
  certno_masked: string;
  insutype: string;
  insuplc_admdvs: string;
  clr_type: string;
  mdtrt_id: string | null;
  setl_id: string | null;
  use_acct: number;
  mulaid_name_masked: string | null;
  /** from the till's receipt: the co-pay authorizer's relation (spouse, child, parent) */
  mulaid_relation: string | null;
  /** 1 when center_split is the counted one */
  counted_center: number;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
  /** the till's figures: cash received and change given (null: no cash was due or not recorded) */
  cash_received: number | null;
  cash_change: number | null;
  last_error: string | null;
  policy_version: string;
  items: string;
  local_split: string;
  center_split: string | null;
  explanation: string;
  /** the reversal the center confirmed (its answer in the send log), the reason from the refund */
  rv_setl_id: string | null;
  rv_time: string | null;
  rv_done: string | null;
  rv_reason: string | null;
}

export interface ReplCounts {
  /** changes not yet acked */
  backlog: number;
  /** the newest change written here (0: none) */
  local_seq: number;
  acked_seq: number;
  /** business date of the oldest unacked change's settlement (null: none) */
  oldest_unsent_date: string | null;
}

export function createReplicationRepo(db: Db, nowIso: () => string): ReplicationRepo {
  return replicationStatements(db, nowIso);
}

function replicationStatements(db: Db, nowIso: () => string) {
  // the business date from the settlement row itself (the change's transaction already wrote it)
  const insert = db.prepare('INSERT INTO repl_queue (settlement_id, kind, at, business_date, detail) SELECT id, ?, ?, business_date, ? FROM settlements WHERE id = ?');
  const acked = db.prepare('SELECT acked_seq FROM repl_state WHERE id = 1').pluck();
  // a settlement's newest outbox message is its reversal once it is reversed (messages chain per settlement)
  const batch = db.prepare(`SELECT q.seq, q.kind AS change_kind, q.at AS change_at, q.detail AS change_detail,
      s.id, s.kind, s.med_type, s.status, s.business_date, s.created_at, s.updated_at, s.terminal_id, s.cashier_no, s.psn_no,
      s.psn_name_masked, s.certno_masked, s.insutype, s.insuplc_admdvs, CASE s.kind WHEN 'pharmacy' THEN '41' ELSE '11' END AS clr_type,
      s.mdtrt_id, s.setl_id, s.use_acct, s.mulaid_name_masked, r.mulaid_relation, s.center_split IS NOT NULL AS counted_center,
      s.amt_medfee AS medfee_sumamt, s.amt_fund AS fund_pay_sumamt, s.amt_acct AS acct_pay, s.amt_mulaid AS acct_mulaid_pay, s.amt_cash AS psn_cash_pay,
      r.received AS cash_received, r.change_given AS cash_change, s.last_error, s.policy_version, s.items, s.local_split, s.center_split, s.explanation,
      CASE WHEN s.status = 'reversed' THEN json_extract(l.reply, '$.setlinfo.setl_id') END AS rv_setl_id,
      CASE WHEN s.status = 'reversed' THEN json_extract(l.reply, '$.setlinfo.setl_time') END AS rv_time,
      CASE WHEN s.status = 'reversed' THEN l.ended_at END AS rv_done,
      f.reason AS rv_reason
    FROM repl_queue q JOIN settlements s ON s.id = q.settlement_id
    LEFT JOIN receipts r ON r.settlement_id = s.id
    LEFT JOIN refunds f ON f.settlement_id = s.id
    LEFT JOIN outbox o ON o.id = s.last_outbox_id AND o.infno IN ('2208', '2103') AND o.status = 'done'
    LEFT JOIN send_log l ON l.msgid = o.msgid AND l.state = 'success'
    WHERE q.seq > ? ORDER BY q.seq LIMIT ?`);
  const ack = db.prepare('UPDATE repl_state SET acked_seq = ? WHERE id = 1 AND acked_seq < ?');
  // relative to a seq (the acked one, or a batch's last before it is acked)
  const counts = db.prepare(`SELECT (SELECT COUNT(*) FROM repl_queue WHERE seq > @after) AS backlog,
      COALESCE((SELECT MAX(seq) FROM repl_queue), 0) AS local_seq, @after AS acked_seq,
      (SELECT MIN(business_date) FROM repl_queue WHERE seq > @after) AS oldest_unsent_date`);
  return {
    /** in the change's transaction (the follower): the next seq for this change */
    enqueue(c: { settlement_id: string; kind: ReplChangeKind; detail: unknown }): number {
      const r = insert.run(c.kind, nowIso(), JSON.stringify(c.detail ?? {}), c.settlement_id);
      if (r.changes !== 1) throw new Error(`replication: no settlement ${c.settlement_id}`);
      return Number(r.lastInsertRowid);
    },
    ackedSeq: (): number => acked.get() as number,
    /** the next `limit` changes after `after` (default: the acked seq; a replay names an earlier one) in seq order, each with its settlement as it is now */
    batch: (limit: number, after?: number): ReplSnapshot[] => batch.all(after ?? (acked.get() as number), limit) as ReplSnapshot[],
    /** PostgreSQL committed everything up to seq (never goes back) */
    ack(seq: number): void {
      ack.run(seq, seq);
    },
    /** the backlog after `after` (default: the acked seq) */
    counts: (after?: number): ReplCounts => counts.get({ after: after ?? (acked.get() as number) }) as ReplCounts,
  };
}
export type ReplicationRepo = ReturnType<typeof replicationStatements>;
