/**
 * The steps of a split in words a cashier can read to the patient, in Chinese and English.
 * Every step carries its amount in fen; the text shows it in yuan (formatYuan).
 */
import { formatBp, formatYuan } from '../../shared/money.js';
import type { ExplanationStep, Split, SplitLineResult, SplitRequest } from '../../shared/domain.js';
import type { SplitTrace } from './engine.js';

function step(key: string, zh: string, en: string, amount: number | null): ExplanationStep {
  return { key, zh, en, amount };
}

const y = (fen: number) => `${formatYuan(fen)} 元`;
const yEn = (fen: number) => `${formatYuan(fen)} yuan`;

export function explainSplit(
  req: SplitRequest,
  lines: readonly SplitLineResult[],
  s: Split,
  t: SplitTrace,
): ExplanationStep[] {
  const { policy, person } = req;
  const out: ExplanationStep[] = [step('medfee_sumamt', `医疗费用总额: ${y(s.medfee_sumamt)}`, `Total fees: ${yEn(s.medfee_sumamt)}`, s.medfee_sumamt)];

  lines.forEach((l, i) => {
    const label = req.lines[i].name || l.code;
    const k = `line.${l.line_no}`;
    if (l.fulamt_ownpay_amt > 0) {
      out.push(step(`${k}.fulamt_ownpay_amt`, `${label} 丙类, 全额自费: ${y(l.fulamt_ownpay_amt)}`, `${label}: class C, paid in full by the patient: ${yEn(l.fulamt_ownpay_amt)}`, l.fulamt_ownpay_amt));
    }
    if (l.overlmt_amt > 0) {
      const cap = l.pric_uplmt_amt ?? 0;
      out.push(step(`${k}.overlmt_amt`, `${label} 超出限价 ${y(cap)}/单位 部分自付: ${y(l.overlmt_amt)}`, `${label}: above the price cap of ${yEn(cap)} per unit, paid by the patient: ${yEn(l.overlmt_amt)}`, l.overlmt_amt));
    }
    if (l.preselfpay_amt > 0) {
      const p = formatBp(l.selfpay_prop);
      out.push(step(`${k}.preselfpay_amt`, `${label} 乙类先行自付 ${p}: ${y(l.preselfpay_amt)}`, `${label}: class B, first ${p} paid by the patient: ${yEn(l.preselfpay_amt)}`, l.preselfpay_amt));
    }
  });

  out.push(step('inscp_scp_amt', `医保范围内费用: ${y(s.inscp_scp_amt)}`, `Covered by the insurance scope: ${yEn(s.inscp_scp_amt)}`, s.inscp_scp_amt));

  if (!person.fund_allowed) {
    const why = person.fund_refused_reason ?? '';
    out.push(step('fund_refused', `本次医保基金不予支付${why ? ` (${why})` : ''}, 全部由个人负担`, `The insurance fund does not pay this bill${why ? ` (${why})` : ''}; the patient bears all of it`, 0));
  } else {
    if (policy.dedc_left > 0) {
      out.push(step('act_pay_dedc', `起付线 (本年尚余 ${y(policy.dedc_left)}) 个人自付: ${y(s.act_pay_dedc)}`, `Deductible (${yEn(policy.dedc_left)} still unmet this year) paid by the patient: ${yEn(s.act_pay_dedc)}`, s.act_pay_dedc));
    }
    const r = formatBp(policy.pool_ratio);
    if (t.pool_capped) {
      out.push(step('hifp_pay', `统筹基金按 ${r} 支付, 达到年度封顶, 支付剩余额度: ${y(s.hifp_pay)}`, `Pooling fund pays ${r}, reaching the annual cap; it pays what is left of the cap: ${yEn(s.hifp_pay)}`, s.hifp_pay));
      out.push(step('above_cap', `封顶线以上费用: ${y(t.above_cap)}`, `Spending above the annual cap: ${yEn(t.above_cap)}`, t.above_cap));
      if (policy.hifmi_ratio > 0) {
        const m = formatBp(policy.hifmi_ratio);
        out.push(step('hifmi_pay', `大病保险支付 ${m} (本年剩余额度 ${y(policy.hifmi_cap_left)}): ${y(s.hifmi_pay)}`, `Critical-illness insurance pays ${m} (${yEn(policy.hifmi_cap_left)} left this year): ${yEn(s.hifmi_pay)}`, s.hifmi_pay));
      }
    } else {
      out.push(step('hifp_pay', `统筹基金支付 ${r} (${y(t.above_dedc)} × ${r}): ${y(s.hifp_pay)}`, `Pooling fund pays ${r} (${yEn(t.above_dedc)} × ${r}): ${yEn(s.hifp_pay)}`, s.hifp_pay));
    }
    out.push(step('pool_prop_selfpay', `统筹比例内个人自付: ${y(s.pool_prop_selfpay)}`, `Co-insurance share kept by the patient: ${yEn(s.pool_prop_selfpay)}`, s.pool_prop_selfpay));
    if (policy.cvlserv_ratio > 0) {
      const c = formatBp(policy.cvlserv_ratio);
      out.push(step('cvlserv_pay', `公务员医疗补助 (比例内自付 × ${c}): ${y(s.cvlserv_pay)}`, `Civil-servant subsidy (${c} of the co-insurance share): ${yEn(s.cvlserv_pay)}`, s.cvlserv_pay));
    }
  }
  out.push(step('fund_pay_sumamt', `基金支付合计: ${y(s.fund_pay_sumamt)}`, `Paid by the funds in total: ${yEn(s.fund_pay_sumamt)}`, s.fund_pay_sumamt));
  out.push(step('psn_part_amt', `个人负担合计: ${y(s.psn_part_amt)}`, `The patient's share: ${yEn(s.psn_part_amt)}`, s.psn_part_amt));
  if (s.acct_pay > 0 || person.acct_used) {
    out.push(step('acct_pay', `个人账户支付: ${y(s.acct_pay)}`, `Paid from the patient's personal account: ${yEn(s.acct_pay)}`, s.acct_pay));
  }
  if (person.mulaid_balc !== null) {
    out.push(step('acct_mulaid_pay', `家庭共济账户支付: ${y(s.acct_mulaid_pay)}`, `Paid from the family co-pay account: ${yEn(s.acct_mulaid_pay)}`, s.acct_mulaid_pay));
  }
  if ((person.acct_used || person.mulaid_balc !== null) && !policy.acct_may_pay_class_c && s.fulamt_ownpay_amt > 0) {
    out.push(step('acct_excludes_class_c', `丙类全额自费部分不能由账户支付: ${y(s.fulamt_ownpay_amt)}`, `The account may not pay class-C items: ${yEn(s.fulamt_ownpay_amt)}`, s.fulamt_ownpay_amt));
  }
  out.push(step('psn_cash_pay', `现金支付: ${y(s.psn_cash_pay)}`, `To pay in cash: ${yEn(s.psn_cash_pay)}`, s.psn_cash_pay));
  return out;
}
