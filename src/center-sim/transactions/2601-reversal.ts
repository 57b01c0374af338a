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
import type { TxInput, TxOutput } from '../../main/center/registry.js';
import { formatInfTime } from '../../main/center/time.js';
import { refuse } from '../refusal.js';
import type { Family, HandlerContext } from './context.js';
import { redoSettlement, undoSettlement } from './ledger.js';

/** Undoes each thing the original message made, once it is shown to be the named person's; true when there was any. */
function undoEach<T extends { psn_no: string }>(made: readonly T[], psn_no: string, undo: (t: T) => void): boolean {
  for (const t of made) {
    if (t.psn_no !== psn_no) refuse(`原交易属于人员 ${t.psn_no}，与 ${psn_no} 不符 (psn_no)`);
    undo(t);
  }
  return made.length > 0;
}

/** a registration goes with its fee lines, unless the visit was settled */
function unregister(ctx: HandlerContext, mdtrt_id: string): void {
  const settled = ctx.store.settlements.activeOfVisit(mdtrt_id);
  if (settled) refuse(`就诊ID ${mdtrt_id} 已结算 (结算ID ${settled.setl_id})，请先撤销结算再冲正挂号`);
  ctx.store.visits.remove(mdtrt_id);
}

function h2601(input: TxInput<'2601'>, ctx: HandlerContext): TxOutput<'2601'> {
  const { omsgid, oinfno, psn_no } = input.data;
  if (omsgid === ctx.env.msgid) refuse('原报文ID不能与冲正报文ID相同 (omsgid)');
  if (!omsgid.startsWith(ctx.env.fixmedins_code)) refuse('只能冲正本机构发送的报文 (omsgid)');
  if (ctx.store.reversals.byOmsgid(omsgid)) return { data: { omsgid, rvs_flag: '0' } };
  const seen = ctx.store.messages.get(omsgid);
  if (seen && seen.infno !== oinfno) refuse(`原报文 ${omsgid} 是交易 ${seen.infno}，不是 ${oinfno} (oinfno)`);

  let reversed = false;
  switch (oinfno) {
    case '2207':
    case '2102':
      reversed = undoEach(ctx.store.settlements.settledByMsgid(omsgid), psn_no, (s) => undoSettlement(ctx, s, 'CZ'));
      break;
    case '2208':
    case '2103':
      reversed = undoEach(ctx.store.settlements.reversedByMsgid(omsgid), psn_no, (s) => redoSettlement(ctx, s));
      break;
    case '2201':
      reversed = undoEach(ctx.store.visits.byMsgid(omsgid), psn_no, (v) => unregister(ctx, v.mdtrt_id));
      break;
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

export const reversal = { '2601': h2601 } satisfies Family;
