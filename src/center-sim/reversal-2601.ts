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
import type { SettlementRow } from './store/index.js';
import type { HandlerContext } from './handlers.js';
import { refuse } from './refusal.js';

function undoSettlement(ctx: HandlerContext, s: SettlementRow): void {
  if (s.acct_pay > 0) ctx.store.people.addBalance(s.psn_no, s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) ctx.store.people.addBalance(s.mulaid_psn_no, s.acct_mulaid_pay);
  ctx.store.ytd.add(s.psn_no, s.year, JSON.parse(s.ytd_delta_json), -1);
  const id = `CZ${formatCompactTime(ctx.now).slice(0, 8)}${String(ctx.store.counters.next('setl_id')).padStart(10, '0')}`;
  ctx.store.settlements.markReversed(s.setl_id, { reversal_setl_id: id, reversal_msgid: ctx.env.msgid, reversed_at: formatInfTime(ctx.now) });
}

function redoSettlement(ctx: HandlerContext, s: SettlementRow): void {
  const own = ctx.store.people.get(s.psn_no);
  if (s.acct_pay > 0 && (!own || own.balc < s.acct_pay)) refuse(`冲正失败: 人员 ${s.psn_no} 个人账户余额不足以恢复结算 ${s.setl_id}`);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) {
    const a = ctx.store.people.get(s.mulaid_psn_no);
    if (!a || a.balc < s.acct_mulaid_pay) refuse(`冲正失败: 共济授权人个人账户余额不足以恢复结算 ${s.setl_id}`);
  }
  if (s.acct_pay > 0) ctx.store.people.addBalance(s.psn_no, -s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) ctx.store.people.addBalance(s.mulaid_psn_no, -s.acct_mulaid_pay);
  ctx.store.ytd.add(s.psn_no, s.year, JSON.parse(s.ytd_delta_json), 1);
  ctx.store.settlements.markSettled(s.setl_id);
}

export function h2601(input: TxInput<'2601'>, ctx: HandlerContext): TxOutput<'2601'> {
  const { omsgid, oinfno, psn_no } = input.data;
  if (omsgid === ctx.env.msgid) refuse('原报文ID不能与冲正报文ID相同 (omsgid)');
  if (!omsgid.startsWith(ctx.env.fixmedins_code)) refuse('只能冲正本机构发送的报文 (omsgid)');
  const done = ctx.store.reversals.byOmsgid(omsgid);
  if (done) return { data: { omsgid, rvs_flag: '0' } };
  const seen = ctx.store.messages.get(omsgid);
  if (seen && seen.infno !== oinfno) refuse(`原报文 ${omsgid} 是交易 ${seen.infno}，不是 ${oinfno} (oinfno)`);

  let reversed = false;
  switch (oinfno) {
    case '2207':
    case '2102': {
      const rows = ctx.store.settlements.settledByMsgid(omsgid);
      for (const s of rows) {
        if (s.psn_no !== psn_no) refuse(`原交易属于人员 ${s.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        undoSettlement(ctx, s);
        reversed = true;
      }
      break;
    }
    case '2208':
    case '2103': {
      const rows = ctx.store.settlements.reversedByMsgid(omsgid);
      for (const s of rows) {
        if (s.psn_no !== psn_no) refuse(`原交易属于人员 ${s.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        redoSettlement(ctx, s);
        reversed = true;
      }
      break;
    }
    case '2201': {
      const visits = ctx.store.visits.byMsgid(omsgid);
      for (const v of visits) {
        if (v.psn_no !== psn_no) refuse(`原交易属于人员 ${v.psn_no}，与 ${psn_no} 不符 (psn_no)`);
        const settled = ctx.store.settlements.activeOfVisit(v.mdtrt_id);
        if (settled) refuse(`就诊ID ${v.mdtrt_id} 已结算 (结算ID ${settled.setl_id})，请先撤销结算再冲正挂号`);
        ctx.store.visits.remove(v.mdtrt_id);
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
  ctx.store.reversals.add({ omsgid, oinfno, msgid: ctx.env.msgid, psn_no, rvs_flag, at: formatInfTime(ctx.now) });
  return { data: { omsgid, rvs_flag } };
}
