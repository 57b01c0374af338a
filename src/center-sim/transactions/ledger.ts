/**
 * The money side of a settlement, in one place: applying it (2207, 2102), undoing it (2208, 2103,
 * 2601 of a settlement) and redoing it (2601 of a reversal). Each moves the personal-account
 * balances (own and co-pay authorizer's), the year-to-date counters and the settlement's status
 * together, inside the handler's SQLite transaction.
 */
import type { SplitResult } from '../../shared/domain.js';
import { formatInfTime } from '../../main/center/time.js';
import { refuse } from '../refusal.js';
import type { PersonRow, SettlementRow } from '../store/index.js';
import { newId } from './common.js';
import type { HandlerContext } from './context.js';

/** Moves the money and the year-to-date counters and records the settlement; returns the person's balance after. */
export function applySettlement(
  ctx: HandlerContext,
  p: PersonRow,
  bill: { result: SplitResult; authorizer: PersonRow | null; year: number },
  rec: { setl_id: string; kind: 'outpatient' | 'pharmacy'; infno: string; mdtrt_id: string; med_type: string },
): number {
  const { split, ytd_delta } = bill.result;
  if (split.acct_pay > 0) ctx.store.people.addBalance(p.psn_no, -split.acct_pay);
  if (split.acct_mulaid_pay > 0) {
    if (!bill.authorizer) throw new Error('engine paid from a co-pay account that was not chosen');
    ctx.store.people.addBalance(bill.authorizer.psn_no, -split.acct_mulaid_pay);
  }
  ctx.store.ytd.add(p.psn_no, bill.year, ytd_delta, 1);
  ctx.store.settlements.add({
    setl_id: rec.setl_id,
    fixmedins_code: ctx.env.fixmedins_code,
    kind: rec.kind,
    infno: rec.infno,
    msgid: ctx.env.msgid,
    mdtrt_id: rec.mdtrt_id,
    psn_no: p.psn_no,
    insutype: p.insutype,
    med_type: rec.med_type,
    mulaid_psn_no: bill.authorizer?.psn_no ?? null,
    setl_time: formatInfTime(ctx.now),
    year: bill.year,
    medfee_sumamt: split.medfee_sumamt,
    fund_pay_sumamt: split.fund_pay_sumamt,
    acct_pay: split.acct_pay,
    acct_mulaid_pay: split.acct_mulaid_pay,
    psn_cash_pay: split.psn_cash_pay,
    split_json: JSON.stringify({ split, lines: bill.result.lines, policy_version: bill.result.policy_version }),
    ytd_delta_json: JSON.stringify(ytd_delta),
  });
  return (ctx.store.people.get(p.psn_no) as PersonRow).balc;
}

/**
 * Gives back what a settlement took and marks it reversed under a new record id: RV… for a
 * cashier's reversal (2208, 2103), CZ… for a 冲正 (2601). Returns that id.
 */
export function undoSettlement(ctx: HandlerContext, s: SettlementRow, idPrefix: 'RV' | 'CZ'): string {
  if (s.acct_pay > 0) ctx.store.people.addBalance(s.psn_no, s.acct_pay);
  if (s.acct_mulaid_pay > 0 && s.mulaid_psn_no) ctx.store.people.addBalance(s.mulaid_psn_no, s.acct_mulaid_pay);
  ctx.store.ytd.add(s.psn_no, s.year, JSON.parse(s.ytd_delta_json), -1);
  const id = newId(ctx, idPrefix, 'setl_id', 10);
  ctx.store.settlements.markReversed(s.setl_id, { reversal_setl_id: id, reversal_msgid: ctx.env.msgid, reversed_at: formatInfTime(ctx.now) });
  return id;
}

/** Puts a reversed settlement back (its reversal is 冲正'd); refuses when an account no longer holds the money. */
export function redoSettlement(ctx: HandlerContext, s: SettlementRow): void {
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
