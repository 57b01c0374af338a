/**
 * The pure mapping from the store's snapshot of a settlement (store/replication.ts) to its row in
 * pos.settlements and a change's row in pos.settlement_changes. The institution's end of day reads
 * these columns, so each one's meaning is fixed here:
 *
 *   id                the settlement's id on this window (a UUIDv7, unique across windows)
 *   terminal_id       the window (this terminal's terminal.id) that confirmed it; fixmedins_code its institution
 *   repl_seq          the window's seq of the newest change this row reflects (only grows: an older or
 *                     replayed change never overwrites a newer row)
 *   kind, med_type, clr_type   pharmacy (41) or outpatient (11), as the center clears it
 *   status            queued (not yet answered) | settled | refused | reversing | reversed
 *   business_date     the window's business day of the settlement
 *   created_at / updated_at   when confirmed / last changed on the window (its clock)
 *   cashier_no        who confirmed it; psn_no, psn_name_masked, certno_masked the insured person (masked)
 *   insutype, insuplc_admdvs  the insurance type and the insured's region
 *   mdtrt_id, setl_id the center's visit and settlement ids (null until it answered)
 *   use_acct          whether the personal account paid
 *   mulaid_name_masked, mulaid_relation   the co-pay authorizer (家庭共济): masked name, spouse|child|parent
 *   medfee_sumamt … psn_cash_pay   the five amounts in fen that are COUNTED: the center's split where
 *                     it answered (counted_from 'center'), the window's own preview otherwise ('local');
 *                     they always add up (fund + acct + mulaid + cash = medfee)
 *   cash_received, cash_change   the cashier's figures at the till (null: no cash was due)
 *   rv_setl_id, rv_time, rv_business_date, rv_reason   the reversal: the center's own setl_id and time
 *                     for it (rv_business_date = the day it counts on, negated, as local end of day
 *                     counts it), and the reason the cashier gave; null while not reversed
 *   last_error        the center's last refusal or the send's last error
 *   detail            items, both splits, the explanation and the policy version: what an auditor opens
 */
import { chinaTime } from '../../reconcile/local.js';
import type { ReplSnapshot } from '../../store/replication.js';

export interface PgSettlementRow {
  id: string;
  terminal_id: string;
  fixmedins_code: string;
  repl_seq: number;
  kind: string;
  med_type: string;
  status: string;
  business_date: string;
  created_at: string;
  updated_at: string;
  cashier_no: string;
  psn_no: string;
  psn_name_masked: string;
  certno_masked: string;
  insutype: string;
  insuplc_admdvs: string;
  clr_type: string;
  mdtrt_id: string | null;
  setl_id: string | null;
  use_acct: boolean;
  mulaid_name_masked: string | null;
  mulaid_relation: string | null;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
  counted_from: 'center' | 'local';
  cash_received: number | null;
  cash_change: number | null;
  rv_setl_id: string | null;
  rv_time: string | null;
  rv_business_date: string | null;
  rv_reason: string | null;
  last_error: string | null;
  detail: unknown;
}

export interface PgChangeRow {
  terminal_id: string;
  seq: number;
  settlement_id: string;
  kind: string;
  at: string;
  detail: unknown;
}

/** 'yyyy-MM-dd HH:mm:ss' in China time (the center's setl_time) as an instant PostgreSQL reads exactly */
function chinaInstant(t: string): string {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) ? `${t.replace(' ', 'T')}+08:00` : t;
}

/** the reversal's time and day as local end of day finds them (reconcile/local.ts) */
function reversal(s: ReplSnapshot): Pick<PgSettlementRow, 'rv_setl_id' | 'rv_time' | 'rv_business_date'> {
  if (s.status !== 'reversed' || !s.setl_id) return { rv_setl_id: null, rv_time: null, rv_business_date: null };
  const local = s.rv_time && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s.rv_time) ? s.rv_time : chinaTime(s.rv_done ?? s.updated_at);
  return { rv_setl_id: s.rv_setl_id ?? `${s.setl_id}-R`, rv_time: chinaInstant(local), rv_business_date: local.slice(0, 10) };
}

/** this window as the institution database knows it (terminal.id and fixmedins_code of the configuration) */
export interface WindowId {
  terminalId: string;
  fixmedinsCode: string;
}

export function settlementRow(s: ReplSnapshot, w: WindowId): PgSettlementRow {
  return {
    id: s.id,
    terminal_id: w.terminalId,
    fixmedins_code: w.fixmedinsCode,
    repl_seq: s.seq,
    kind: s.kind,
    med_type: s.med_type,
    status: s.status,
    business_date: s.business_date,
    created_at: s.created_at,
    updated_at: s.updated_at,
    cashier_no: s.cashier_no,
    psn_no: s.psn_no,
    psn_name_masked: s.psn_name_masked,
    certno_masked: s.certno_masked,
    insutype: s.insutype,
    insuplc_admdvs: s.insuplc_admdvs,
    clr_type: s.clr_type,
    mdtrt_id: s.mdtrt_id,
    setl_id: s.setl_id,
    use_acct: s.use_acct === 1,
    mulaid_name_masked: s.mulaid_name_masked,
    mulaid_relation: s.mulaid_name_masked ? s.mulaid_relation : null,
    medfee_sumamt: s.medfee_sumamt,
    fund_pay_sumamt: s.fund_pay_sumamt,
    acct_pay: s.acct_pay,
    acct_mulaid_pay: s.acct_mulaid_pay,
    psn_cash_pay: s.psn_cash_pay,
    counted_from: s.counted_center ? 'center' : 'local',
    cash_received: s.cash_received,
    cash_change: s.cash_change,
    ...reversal(s),
    rv_reason: s.status === 'reversed' || s.status === 'reversing' ? s.rv_reason : null,
    last_error: s.last_error,
    detail: {
      items: JSON.parse(s.items),
      local_split: JSON.parse(s.local_split),
      center_split: s.center_split ? JSON.parse(s.center_split) : null,
      explanation: JSON.parse(s.explanation),
      policy_version: s.policy_version,
    },
  };
}

export function changeRow(s: ReplSnapshot, w: WindowId): PgChangeRow {
  return { terminal_id: w.terminalId, seq: s.seq, settlement_id: s.id, kind: s.change_kind, at: s.change_at, detail: JSON.parse(s.change_detail) };
}

/**
 * A batch's rows: every change, and each settlement once (its newest seq in the batch: one INSERT may
 * not touch a row twice; every snapshot of it in the batch reads the same state, as it is now).
 */
export function batchRows(batch: readonly ReplSnapshot[], w: WindowId): { settlements: PgSettlementRow[]; changes: PgChangeRow[] } {
  const newest = new Map<string, ReplSnapshot>();
  for (const s of batch) newest.set(s.id, s);
  return { settlements: [...newest.values()].map((s) => settlementRow(s, w)), changes: batch.map((s) => changeRow(s, w)) };
}
