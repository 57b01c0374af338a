/**
 * The shift hand-over slip (收费员交班单): what the cashier collected and gave back in the shift, by
 * payment kind, the cash expected in the drawer, the cash counted and the difference, and lines to
 * sign. The same blocks print on the thermal printer and on A4.
 */
import type { HandoverRecord } from '../../../shared/api-till.js';
import { formatYuan } from '../../../shared/money.js';
import type { Block, SlipDoc } from './doc.js';
import type { CommonFacts } from './facts.js';

export interface HandoverSlipFacts extends CommonFacts {
  record: HandoverRecord;
  /** the shift's bounds, written in the business zone */
  fromText: string;
  toText: string;
}

const differenceWords = (fen: number) => (fen === 0 ? '相符' : fen > 0 ? '长款' : '短款');

export function handoverSlip(f: HandoverSlipFacts): SlipDoc {
  const s = f.record.summary;
  const b: Block[] = [
    { kind: 'center', text: f.institution.fixmedins_name, bold: true },
    { kind: 'title', text: '收费员交班单' },
  ];
  if (f.reprintNo !== null) b.push({ kind: 'notice', text: `补打 第${f.reprintNo}次` });
  b.push(
    { kind: 'rule' },
    { kind: 'field', label: '交班单号', value: f.record.id > 0 ? String(f.record.id) : '营业日汇总' },
    { kind: 'field', label: '收款员', value: `${s.cashier.name}（${s.cashier.no}）` },
    { kind: 'field', label: '终端', value: f.institution.window ? `${f.institution.window} · ${s.terminal_id}` : s.terminal_id },
    { kind: 'field', label: '营业日', value: s.business_date },
    { kind: 'field', label: '班次起', value: f.fromText },
    { kind: 'field', label: '班次止', value: f.toText },
    { kind: 'rule' },
    { kind: 'field', label: '结算笔数', value: `${s.settlements.count} 笔${s.settlementsPending ? `（待中心确认 ${s.settlementsPending} 笔）` : ''}` },
    { kind: 'field', label: '冲销笔数', value: `${s.reversals.count} 笔${s.reversalsPending ? `（待中心确认 ${s.reversalsPending} 笔）` : ''}` },
    { kind: 'amount', label: '医疗费总额', fen: s.settlements.medfee },
    { kind: 'amount', label: '冲销医疗费', fen: s.reversals.medfee, negative: true },
    { kind: 'heading', text: '按支付方式（已扣除冲销）' },
    { kind: 'amount', label: '医保基金支付', fen: s.byKind.fund },
    { kind: 'amount', label: '个人账户支付', fen: s.byKind.acct },
    { kind: 'amount', label: '共济账户支付', fen: s.byKind.mulaid },
    { kind: 'amount', label: '现金收取', fen: s.byKind.cashCollected },
    { kind: 'amount', label: '现金退还', fen: s.byKind.cashRefunded, negative: true },
    { kind: 'rule', heavy: true },
    { kind: 'amount', label: '应交现金 ￥', fen: s.cashExpected, strong: true, negative: s.cashExpected < 0 },
    { kind: 'amount', label: '实点现金 ￥', fen: f.record.cashCounted, strong: true },
    { kind: 'field', label: '差额', value: `${f.record.difference < 0 ? '-' : f.record.difference > 0 ? '+' : ''}${formatYuan(Math.abs(f.record.difference))}（${differenceWords(f.record.difference)}）` },
  );
  if (s.refused.count > 0) b.push({ kind: 'text', text: `医保中心拒绝的结算 ${s.refused.count} 笔，不计入应交现金；如已收现金 ${formatYuan(s.refused.cash)} 元，请退还患者。` });
  if (s.reversalsRefused > 0) b.push({ kind: 'text', text: `医保中心拒绝的冲销 ${s.reversalsRefused} 笔，原结算仍有效。` });
  if (f.record.note) b.push({ kind: 'field', label: '备注', value: f.record.note });
  b.push({ kind: 'rule' }, { kind: 'text', text: '交班人签字：' }, { kind: 'text', text: '接班人签字：' }, { kind: 'rule' });
  b.push({ kind: 'center', text: `打印时间 ${f.printedAt}` });
  // issue 13's tamper-evident audit chain: its head when the hand-over was recorded
  const head = f.record.auditChainHead ?? f.auditChainHead;
  if (head) b.push({ kind: 'center', text: `审计链 ${head}` });
  return { kind: 'handover', title: '收费员交班单', blocks: b };
}
