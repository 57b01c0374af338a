/**
 * The steps of a split in words a cashier can read to the patient, in Chinese and English.
 * Every step carries its amount in fen; the text shows it in yuan (formatYuan), formatted once for both languages.
 */
import { formatBp, formatYuan } from '../../shared/money.js';
import type { ExplanationStep, PersonPayState, PolicyNumbers, Split, SplitLineResult } from '../../shared/domain.js';
import type { SplitTrace } from './engine.js';

/** What the explanation needs from the request, copied when the bill is split (the request may change later). */
export interface ExplainContext
  extends Pick<PolicyNumbers, 'dedc_left' | 'pool_ratio' | 'hifmi_ratio' | 'hifmi_cap_left' | 'cvlserv_ratio' | 'acct_may_pay_class_c'>,
    Pick<PersonPayState, 'fund_allowed' | 'fund_refused_reason' | 'acct_used'> {
  /** the lines' names, in order ('' when a line has none: its code is shown) */
  names: readonly string[];
  /** a co-pay authorizer was chosen */
  mulaid: boolean;
}

function step(key: string, zh: string, en: string, amount: number | null): ExplanationStep {
  return { key, zh, en, amount };
}

export function explainSplit(c: ExplainContext, lines: readonly SplitLineResult[], s: Split, t: SplitTrace): ExplanationStep[] {
  let y = formatYuan(s.medfee_sumamt);
  const out: ExplanationStep[] = [step('medfee_sumamt', `医疗费用总额: ${y} 元`, `Total fees: ${y} yuan`, s.medfee_sumamt)];

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const label = c.names[i] || l.code;
    const k = `line.${l.line_no}`;
    if (l.fulamt_ownpay_amt > 0) {
      y = formatYuan(l.fulamt_ownpay_amt);
      out.push(step(`${k}.fulamt_ownpay_amt`, `${label} 丙类, 全额自费: ${y} 元`, `${label}: class C, paid in full by the patient: ${y} yuan`, l.fulamt_ownpay_amt));
    }
    if (l.overlmt_amt > 0) {
      const cap = formatYuan(l.pric_uplmt_amt ?? 0);
      y = formatYuan(l.overlmt_amt);
      out.push(step(`${k}.overlmt_amt`, `${label} 超出限价 ${cap} 元/单位 部分自付: ${y} 元`, `${label}: above the price cap of ${cap} yuan per unit, paid by the patient: ${y} yuan`, l.overlmt_amt));
    }
    if (l.preselfpay_amt > 0) {
      const p = formatBp(l.selfpay_prop);
      y = formatYuan(l.preselfpay_amt);
      out.push(step(`${k}.preselfpay_amt`, `${label} 乙类先行自付 ${p}: ${y} 元`, `${label}: class B, first ${p} paid by the patient: ${y} yuan`, l.preselfpay_amt));
    }
  }

  y = formatYuan(s.inscp_scp_amt);
  out.push(step('inscp_scp_amt', `医保范围内费用: ${y} 元`, `Covered by the insurance scope: ${y} yuan`, s.inscp_scp_amt));

  if (!c.fund_allowed) {
    const why = c.fund_refused_reason ?? '';
    out.push(step('fund_refused', `本次医保基金不予支付${why ? ` (${why})` : ''}, 全部由个人负担`, `The insurance fund does not pay this bill${why ? ` (${why})` : ''}; the patient bears all of it`, 0));
  } else {
    if (c.dedc_left > 0) {
      const left = formatYuan(c.dedc_left);
      y = formatYuan(s.act_pay_dedc);
      out.push(step('act_pay_dedc', `起付线 (本年尚余 ${left} 元) 个人自付: ${y} 元`, `Deductible (${left} yuan still unmet this year) paid by the patient: ${y} yuan`, s.act_pay_dedc));
    }
    const r = formatBp(c.pool_ratio);
    y = formatYuan(s.hifp_pay);
    if (t.pool_capped) {
      out.push(step('hifp_pay', `统筹基金按 ${r} 支付, 达到年度封顶, 支付剩余额度: ${y} 元`, `Pooling fund pays ${r}, reaching the annual cap; it pays what is left of the cap: ${y} yuan`, s.hifp_pay));
      y = formatYuan(t.above_cap);
      out.push(step('above_cap', `封顶线以上费用: ${y} 元`, `Spending above the annual cap: ${y} yuan`, t.above_cap));
      if (c.hifmi_ratio > 0) {
        const m = formatBp(c.hifmi_ratio);
        const left = formatYuan(c.hifmi_cap_left);
        y = formatYuan(s.hifmi_pay);
        out.push(step('hifmi_pay', `大病保险支付 ${m} (本年剩余额度 ${left} 元): ${y} 元`, `Critical-illness insurance pays ${m} (${left} yuan left this year): ${y} yuan`, s.hifmi_pay));
      }
    } else {
      const e = formatYuan(t.above_dedc);
      out.push(step('hifp_pay', `统筹基金支付 ${r} (${e} 元 × ${r}): ${y} 元`, `Pooling fund pays ${r} (${e} yuan × ${r}): ${y} yuan`, s.hifp_pay));
    }
    y = formatYuan(s.pool_prop_selfpay);
    out.push(step('pool_prop_selfpay', `统筹比例内个人自付: ${y} 元`, `Co-insurance share kept by the patient: ${y} yuan`, s.pool_prop_selfpay));
    if (c.cvlserv_ratio > 0) {
      const r2 = formatBp(c.cvlserv_ratio);
      y = formatYuan(s.cvlserv_pay);
      out.push(step('cvlserv_pay', `公务员医疗补助 (比例内自付 × ${r2}): ${y} 元`, `Civil-servant subsidy (${r2} of the co-insurance share): ${y} yuan`, s.cvlserv_pay));
    }
  }
  y = formatYuan(s.fund_pay_sumamt);
  out.push(step('fund_pay_sumamt', `基金支付合计: ${y} 元`, `Paid by the funds in total: ${y} yuan`, s.fund_pay_sumamt));
  y = formatYuan(s.psn_part_amt);
  out.push(step('psn_part_amt', `个人负担合计: ${y} 元`, `The patient's share: ${y} yuan`, s.psn_part_amt));
  if (s.acct_pay > 0 || c.acct_used) {
    y = formatYuan(s.acct_pay);
    out.push(step('acct_pay', `个人账户支付: ${y} 元`, `Paid from the patient's personal account: ${y} yuan`, s.acct_pay));
  }
  if (c.mulaid) {
    y = formatYuan(s.acct_mulaid_pay);
    out.push(step('acct_mulaid_pay', `家庭共济账户支付: ${y} 元`, `Paid from the family co-pay account: ${y} yuan`, s.acct_mulaid_pay));
  }
  if ((c.acct_used || c.mulaid) && !c.acct_may_pay_class_c && s.fulamt_ownpay_amt > 0) {
    y = formatYuan(s.fulamt_ownpay_amt);
    out.push(step('acct_excludes_class_c', `丙类全额自费部分不能由账户支付: ${y} 元`, `The account may not pay class-C items: ${y} yuan`, s.fulamt_ownpay_amt));
  }
  y = formatYuan(s.psn_cash_pay);
  out.push(step('psn_cash_pay', `现金支付: ${y} 元`, `To pay in cash: ${y} yuan`, s.psn_cash_pay));
  return out;
}
