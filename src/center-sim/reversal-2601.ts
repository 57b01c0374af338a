/**
 * 2601 冲正交易 in the simulator: undo whatever the original message (`omsgid`) did, if it was
 * applied, inside the same SQLite transaction as every other handler.
 *
 *   2207 / 2102 (settlement)      → the settlement(s) that msgid made are reversed: balances and
 *                                    year-to-date counters restored, status 'reversed'
 *   2208 / 2103 (reversal)        → the settlement that msgid reversed is put back ('settled')
 *   2201 (registration)           → the visit is removed with its fee lines (refused if it was settled)
 *   2204 / 2206 / 2101 / 1101 / 9001 → nothing to undo
 *
 * Decisions: an original that never arrived, or was already reversed, is answered with success and
 * `rvs_flag` '0' (the terminal's aim — "that message has no effect" — holds), so 2601 is idempotent
 * and may be retried under its own msgid. Every 2601 is recorded in `sim_reversals`.
 */
import type { TxInput, TxOutput } from '../main/center/registry.js';
import { formatCompactTime, formatInfTime } from '../main/center/time.js';
import { nextCounter, q, type SettlementRow, type SimDb } from './db.js';
import type { HandlerContext } from './handlers.js';
import { refuse } from './refusal.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS sim_reversals (
  omsgid TEXT PRIMARY KEY,
  oinfno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  rvs_flag TEXT NOT NULL,
  at TEXT NOT NULL
)`;

export function ensureReversalSchema(db: SimDb): void {
  db.exec(SCHEMA);
}

export interface SimReversal {
  omsgid: string;
  oinfno: string;
  msgid: string;
  psn_no: string;
  rvs_flag: '0' | '1';
  at: string;
}

export function listReversals(db: SimDb): SimReversal[] {
  ensureReversalSchema(db);
  return db.prepare('SELECT * FROM sim_reversals ORDER BY rowid').all() as SimReversal[];
}

function undoSettlement(ctx: HandlerContext, s: SettlementRow): void {
  if (s.acct_pay > 0) q.addBalance(ctx.db, s.psn_no, s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) q.addBalance(ctx.db, s.mulaid_psn_no, s.acct_mulaid_pay);
  q.addYtd(ctx.db, s.psn_no, s.year, JSON.parse(s.ytd_delta_json), -1);
  const id = `CZ${formatCompactTime(ctx.now).slice(0, 8)}${String(nextCounter(ctx.db, 'setl_id')).padStart(10, '0')}`;
  ctx.db
    .prepare("UPDATE settlements SET status = 'reversed', reversal_setl_id = ?, reversal_msgid = ?, reversed_at = ? WHERE setl_id = ?")
    .run(id, ctx.env.msgid, formatInfTime(ctx.now), s.setl_id);
}

function redoSettlement(ctx: HandlerContext, s: SettlementRow): void {
  const own = q.person(ctx.db, s.psn_no);
  if (s.acct_pay > 0 && (!own || own.balc < s.acct_pay)) refuse(`冲正失败: 人员 ${s.psn_no} 个人账户余额不足以恢复结算 ${s.setl_id}`);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) {
    const a = q.person(ctx.db, s.mulaid_psn_no);
    if (!a || a.balc < s.acct_mulaid_pay) refuse(`冲正失败: 共济授权人个人账户余额不足以恢复结算 ${s.setl_id}`);
  }
  if (s.acct_pay > 0) q.addBalance(ctx.db, s.psn_no, -s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) q.addBalance(ctx.db, s.mulaid_psn_no, -s.acct_mulaid_pay);
  q.addYtd(ctx.db, s.psn_no, s.year, JSON.parse(s.ytd_delta_json), 1);
  ctx.db
    .prepare("UPDATE settlements SET status = 'settled', reversal_setl_id = NULL, reversal_msgid = NULL, reversed_at = NULL WHERE setl_id = ?")
    .run(s.setl_id);
}

export function h2601(input: TxInput<'2601'>, ctx: HandlerContext): TxOutput<'2601'> {
  const { omsgid, oinfno, psn_no } = input.data;
  ensureReversalSchema(ctx.db);
  if (omsgid === ctx.env.msgid) refuse('原报文ID不能与冲正报文ID相同 (omsgid)');
  if (!omsgid.startsWith(ctx.env.fixmedins_code)) refuse('只能冲正本机构发送的报文 (omsgid)');
  const done = ctx.db.prepare('SELECT rvs_flag FROM sim_reversals WHERE omsgid = ?').get(omsgid) as { rvs_flag: '0' | '1' } | undefined;
  if (done) return { data: { omsgid, rvs_flag: '0' } };
  const seen = q.message(ctx.db, omsgid);
  if (seen && seen.infno !== oinfno) refuse(`原报文 ${omsgid} 是交易 ${seen.infno}，不是 ${oinfno} (oinfno)`);

  let reversed = false;
  switch (oinfno) {
    case '2207':
    case '2102': {
      const rows = ctx.db.prepare("SELECT * FROM settlements WHERE msgid = ? AND status = 'settled'").all(omsgid) as SettlementRow[];
      for (const s of rows) {
        if (s.psn_no !== psn_no) refuse(`原交易属于人员 ${s.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        undoSettlement(ctx, s);
        reversed = true;
      }
      break;
    }
    case '2208':
    case '2103': {
      const rows = ctx.db.prepare("SELECT * FROM settlements WHERE reversal_msgid = ? AND status = 'reversed'").all(omsgid) as SettlementRow[];
      for (const s of rows) {
        if (s.psn_no !== psn_no) refuse(`原交易属于人员 ${s.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        redoSettlement(ctx, s);
        reversed = true;
      }
      break;
    }
    case '2201': {
      const visits = ctx.db.prepare('SELECT mdtrt_id, psn_no FROM visits WHERE msgid = ?').all(omsgid) as Array<{ mdtrt_id: string; psn_no: string }>;
      for (const v of visits) {
        if (v.psn_no !== psn_no) refuse(`原交易属于人员 ${v.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        const settled = q.activeSettlementOfVisit(ctx.db, v.mdtrt_id);
        if (settled) refuse(`就诊ID ${v.mdtrt_id} 已结算 (结算ID ${settled.setl_id})，请先撤销结算再冲正挂号`);
        ctx.db.prepare('DELETE FROM fee_lines WHERE mdtrt_id = ?').run(v.mdtrt_id);
        ctx.db.prepare('DELETE FROM visits WHERE mdtrt_id = ?').run(v.mdtrt_id);
        reversed = true;
      }
      break;
    }
    case '2204':
    case '2206':
    case '2101':
    case '1101':
    case '9001':
      break;
    default:
      refuse(`交易 ${oinfno} 不支持冲正 (oinfno)`);
  }
  const rvs_flag = reversed ? '1' : '0';
  ctx.db
    .prepare('INSERT INTO sim_reversals (omsgid, oinfno, msgid, psn_no, rvs_flag, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(omsgid, oinfno, ctx.env.msgid, psn_no, rvs_flag, formatInfTime(ctx.now));
  return { data: { omsgid, rvs_flag } };
}
