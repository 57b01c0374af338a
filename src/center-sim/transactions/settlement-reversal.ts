/** 2208 / 2103 settlement reversal (结算撤销), shared by outpatient and pharmacy: checks, undo, the negative record. */
import type { TxOutput } from '../../main/center/registry.js';
import { formatInfTime } from '../../main/center/time.js';
import { refuse } from '../refusal.js';
import type { PersonRow } from '../store/index.js';
import { negated } from './common.js';
import type { HandlerContext } from './context.js';
import { undoSettlement } from './ledger.js';

export function reverseSettlement(
  ctx: HandlerContext,
  kind: 'outpatient' | 'pharmacy',
  setl_id: string,
  psn_no: string,
  mdtrt_id: string,
): TxOutput<'2208'> {
  const s = ctx.store.settlements.get(setl_id);
  if (!s) refuse(`结算ID ${setl_id} 不存在 (setl_id)`);
  if (s.psn_no !== psn_no) refuse(`结算ID ${setl_id} 不属于人员 ${psn_no} (psn_no)`);
  if (mdtrt_id && s.mdtrt_id !== mdtrt_id) refuse(`结算ID ${setl_id} 与就诊ID ${mdtrt_id} 不符 (mdtrt_id)`);
  if (s.kind !== kind) {
    refuse(kind === 'outpatient' ? `结算ID ${setl_id} 是药店结算，请使用2103撤销` : `结算ID ${setl_id} 是门诊结算，请使用2208撤销`);
  }
  if (s.status === 'reversed') refuse(`结算ID ${setl_id} 已于 ${s.reversed_at} 撤销，不能重复撤销`);
  const revId = undoSettlement(ctx, s, 'RV');
  const p = ctx.store.people.get(s.psn_no) as PersonRow;
  return {
    setlinfo: {
      setl_id: revId,
      init_setl_id: s.setl_id,
      mdtrt_id: s.mdtrt_id,
      psn_no: s.psn_no,
      psn_name: p.psn_name,
      insutype: s.insutype,
      setl_time: formatInfTime(ctx.now),
      medfee_sumamt: negated(s.medfee_sumamt),
      fund_pay_sumamt: negated(s.fund_pay_sumamt),
      psn_part_amt: negated(s.medfee_sumamt - s.fund_pay_sumamt),
      acct_pay: negated(s.acct_pay),
      acct_mulaid_pay: negated(s.acct_mulaid_pay),
      psn_cash_pay: negated(s.psn_cash_pay),
      balc: p.balc,
      clr_optins: p.insuplc_admdvs,
      clr_way: '1',
      clr_type: kind === 'pharmacy' ? '41' : '11',
    },
    setldetail: [],
  };
}
