/**
 * The settlement slip (结算单) and the reversal slip (冲销单): pure functions from the facts to the
 * blocks on the paper. The fields are those Chinese settlement slips carry (DOMAIN.md "What a
 * settlement slip shows"). The center's split once it answered; before that the terminal's preview,
 * said so at the top ("离线结算 · 待医保中心确认"). A reprint says 补打 and its number.
 */
import type { Split } from '../../../shared/domain.js';
import type { Block, SlipDoc } from './doc.js';
import type { CommonFacts, PatientFacts, ReversalSlipFacts, SettlementSlipFacts } from './facts.js';
import { CLASS_NAMES, MED_TYPE_NAMES, insutypeName } from './names.js';

export const NOT_CONFIRMED = '离线结算 · 待医保中心确认';
export const REVERSAL_NOT_CONFIRMED = '冲销待医保中心确认';

/** the fund parts a slip names when they are not zero, in the order of setlinfo */
const FUND_PARTS: Array<[keyof Split, string]> = [
  ['hifp_pay', '统筹基金支付'],
  ['cvlserv_pay', '公务员医疗补助'],
  ['hifmi_pay', '大病保险支付'],
  ['hifob_pay', '大额医疗补助'],
];

function head(f: CommonFacts, title: string, pending: string | null): Block[] {
  const b: Block[] = [
    { kind: 'center', text: f.institution.fixmedins_name, bold: true },
    { kind: 'center', text: `机构编码 ${f.institution.fixmedins_code}` },
    { kind: 'title', text: title },
  ];
  if (f.reprintNo !== null) b.push({ kind: 'notice', text: `补打 第${f.reprintNo}次` });
  if (pending) b.push({ kind: 'notice', text: pending });
  return b;
}

function patient(p: PatientFacts): Block[] {
  return [
    { kind: 'field', label: '姓名', value: p.name_masked },
    { kind: 'field', label: '证件号', value: p.certno_masked },
    { kind: 'field', label: '险种', value: insutypeName(p.insutype) },
    { kind: 'field', label: '医疗类别', value: MED_TYPE_NAMES[p.med_type] ?? p.med_type },
  ];
}

function counter(f: CommonFacts, at: string, atLabel: string): Block[] {
  const window = f.institution.window ? `${f.institution.window} · ` : '';
  return [
    { kind: 'field', label: '窗口', value: `${window}终端 ${f.institution.terminal_id}` },
    { kind: 'field', label: '收款员', value: `${f.cashier.name}（${f.cashier.no}）` },
    { kind: 'field', label: atLabel, value: at },
  ];
}

function footer(f: CommonFacts, qr: string): Block[] {
  const b: Block[] = [{ kind: 'rule' }, { kind: 'qr', data: qr, caption: '扫码查询本次结算' }, { kind: 'center', text: `打印时间 ${f.printedAt}` }];
  // issue 13's tamper-evident audit chain: its head at the time of printing
  if (f.auditChainHead) b.push({ kind: 'center', text: `审计链 ${f.auditChainHead}` });
  b.push({ kind: 'center', text: '请妥善保管，如有疑问请咨询收费窗口' });
  return b;
}

export function settlementSlip(f: SettlementSlipFacts): SlipDoc {
  const s = f.split;
  const b: Block[] = head(f, '医保结算单', f.confirmedByCenter ? null : NOT_CONFIRMED);
  if (f.reversal) b.push({ kind: 'notice', text: f.reversal === 'reversed' ? '本结算已冲销' : '本结算冲销中' });
  b.push({ kind: 'rule' }, ...counter(f, f.settledAt, '结算时间'));
  b.push({ kind: 'field', label: '结算ID', value: f.setl_id ?? '（待医保中心确认）' });
  b.push({ kind: 'field', label: '就诊ID', value: f.mdtrt_id ?? '（待医保中心确认）' });
  b.push({ kind: 'field', label: '流水号', value: f.settlementId });
  b.push({ kind: 'rule' }, ...patient(f.patient), { kind: 'rule' });

  b.push({ kind: 'heading', text: `项目明细（${f.items.length}项）` });
  for (const it of f.items) b.push({ kind: 'item', cls: CLASS_NAMES[it.chrgitm_lv], name: it.name, spec: it.spec, qty: it.qty, price: it.price, amount: it.amount });
  b.push({ kind: 'rule' }, { kind: 'amount', label: '医疗费总额', fen: s.medfee_sumamt, strong: true });
  if (s.fulamt_ownpay_amt > 0) b.push({ kind: 'amount', label: '全自费', fen: s.fulamt_ownpay_amt });
  if (s.overlmt_selfpay > 0) b.push({ kind: 'amount', label: '超限价自费', fen: s.overlmt_selfpay });
  if (s.preselfpay_amt > 0) b.push({ kind: 'amount', label: '乙类先行自付', fen: s.preselfpay_amt });
  b.push({ kind: 'amount', label: '符合范围金额', fen: s.inscp_scp_amt });
  b.push({ kind: 'amount', label: '本次起付线', fen: s.act_pay_dedc });
  for (const [k, label] of FUND_PARTS) if (s[k] > 0) b.push({ kind: 'amount', label, fen: s[k] });
  b.push({ kind: 'amount', label: '基金支付合计', fen: s.fund_pay_sumamt, strong: true });
  b.push({ kind: 'amount', label: '个人负担', fen: s.psn_part_amt });

  b.push({ kind: 'rule' });
  if (s.acct_pay > 0 || f.acctBalanceAfter !== null) {
    b.push({ kind: 'amount', label: '个人账户支付', fen: s.acct_pay });
    if (f.acctBalanceAfter !== null) b.push({ kind: 'amount', label: '个人账户余额', fen: f.acctBalanceAfter });
  }
  if (f.mulaid) {
    b.push({ kind: 'heading', text: '家庭共济' });
    b.push({ kind: 'field', label: '授权人', value: `${f.mulaid.relation} ${f.mulaid.name_masked}` });
    b.push({ kind: 'amount', label: '共济账户支付', fen: s.acct_mulaid_pay });
    if (f.mulaid.balanceAfter !== null) b.push({ kind: 'amount', label: '授权人账户余额', fen: f.mulaid.balanceAfter });
  }
  b.push({ kind: 'rule', heavy: true }, { kind: 'amount', label: '现金支付 ￥', fen: s.psn_cash_pay, strong: true });
  if (f.cash.received !== null) {
    b.push({ kind: 'amount', label: '实收', fen: f.cash.received }, { kind: 'amount', label: '找零', fen: f.cash.change ?? 0 });
  }
  // the cashier collected against the preview; the center settled another amount: say by how much
  if (f.cash.dueAtTender !== s.psn_cash_pay) {
    const d = s.psn_cash_pay - f.cash.dueAtTender;
    b.push({ kind: 'amount', label: d > 0 ? '中心核定后应补收' : '中心核定后应退还', fen: Math.abs(d), strong: true });
  }
  b.push(...footer(f, f.setl_id ?? f.settlementId));
  return { kind: 'settlement', title: '医保结算单', blocks: b };
}

export function reversalSlip(f: ReversalSlipFacts): SlipDoc {
  const s = f.split;
  const b: Block[] = head(f, '医保结算冲销单', f.confirmedByCenter ? null : REVERSAL_NOT_CONFIRMED);
  b.push({ kind: 'rule' }, ...counter(f, f.reversedAt, '冲销时间'));
  b.push({ kind: 'field', label: '原结算ID', value: f.originalSetlId ?? '（未上传医保中心）' });
  b.push({ kind: 'field', label: '原结算时间', value: f.settledAt });
  b.push({ kind: 'field', label: '冲销结算ID', value: f.reversalSetlId ?? '（待医保中心确认）' });
  b.push({ kind: 'field', label: '就诊ID', value: f.mdtrt_id ?? '—' });
  b.push({ kind: 'field', label: '流水号', value: f.settlementId });
  b.push({ kind: 'field', label: '冲销原因', value: f.reason });
  b.push({ kind: 'rule' }, ...patient(f.patient), { kind: 'rule' });
  b.push({ kind: 'amount', label: '冲销医疗费总额', fen: s.medfee_sumamt, strong: true, negative: true });
  b.push({ kind: 'heading', text: '退回明细' });
  b.push({ kind: 'amount', label: '退回医保基金', fen: s.fund_pay_sumamt });
  b.push({ kind: 'amount', label: '退回个人账户', fen: s.acct_pay });
  if (f.mulaid) {
    b.push({ kind: 'amount', label: `退回共济账户（${f.mulaid.relation} ${f.mulaid.name_masked}）`, fen: s.acct_mulaid_pay });
  }
  b.push({ kind: 'rule', heavy: true }, { kind: 'amount', label: '退还现金 ￥', fen: s.psn_cash_pay, strong: true });
  b.push({ kind: 'text', text: '患者签字：' }, { kind: 'text', text: '' });
  b.push(...footer(f, f.reversalSetlId ?? f.originalSetlId ?? f.settlementId));
  return { kind: 'reversal', title: '医保结算冲销单', blocks: b };
}
