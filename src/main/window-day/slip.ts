/**
 * The window's day on paper (窗口日结单): the hand-over slip's blocks (print/layout/), per cashier and
 * for the window, the hand-overs with their differences, the backlog to the institution database and
 * the word that the center is reconciled for the whole institution. Printed on A4 (the PDF goes to
 * the print dialog or is downloaded); the thermal queue knows only its own slips' kinds.
 */
import type { DayFigures, HandedOver, WindowDay } from '../../shared/api-window-day.js';
import { formatYuan } from '../../shared/money.js';
import type { Block, SlipDoc } from '../print/layout/doc.js';

export interface WindowDaySlipFacts {
  day: WindowDay;
  /** the window's name at the counter, when configured */
  window: string | null;
  /** yyyy-MM-dd HH:mm:ss in the business zone */
  printedAt: string;
  /** HH:mm:ss of an ISO instant in the business zone */
  timeOf(iso: string): string;
  auditChainHead: string | null;
}

const signed = (fen: number) => `${fen < 0 ? '-' : fen > 0 ? '+' : ''}${formatYuan(Math.abs(fen))}`;
const differenceWords = (fen: number) => (fen === 0 ? '相符' : fen > 0 ? '长款' : '短款');

function figureBlocks(f: DayFigures & { handedOver: HandedOver }): Block[] {
  const b: Block[] = [
    { kind: 'field', label: '结算笔数', value: `${f.settlements.count} 笔${f.settlementsPending ? `（待中心确认 ${f.settlementsPending} 笔）` : ''}` },
    { kind: 'field', label: '冲销笔数', value: `${f.reversals.count} 笔${f.reversalsPending ? `（待中心确认 ${f.reversalsPending} 笔）` : ''}` },
    { kind: 'amount', label: '医疗费总额', fen: f.settlements.medfee },
    { kind: 'amount', label: '冲销医疗费', fen: f.reversals.medfee, negative: true },
    { kind: 'amount', label: '医保基金支付', fen: f.byKind.fund },
    { kind: 'amount', label: '个人账户支付', fen: f.byKind.acct },
    { kind: 'amount', label: '共济账户支付', fen: f.byKind.mulaid },
    { kind: 'amount', label: '现金收取', fen: f.byKind.cashCollected },
    { kind: 'amount', label: '现金退还', fen: f.byKind.cashRefunded, negative: true },
    { kind: 'amount', label: '应交现金', fen: f.cashExpected, strong: true, negative: f.cashExpected < 0 },
  ];
  if (f.handedOver.count > 0) {
    b.push({ kind: 'field', label: '已交班', value: `${f.handedOver.count} 次 · 实点 ${formatYuan(f.handedOver.counted)} · 差额 ${signed(f.handedOver.difference)}（${differenceWords(f.handedOver.difference)}）` });
  }
  if (f.refused.count > 0) b.push({ kind: 'text', text: `医保中心拒绝的结算 ${f.refused.count} 笔，不计入应交现金。` });
  return b;
}

export function windowDaySlip(f: WindowDaySlipFacts): SlipDoc {
  const d = f.day;
  const b: Block[] = [
    { kind: 'center', text: d.fixmedins_name, bold: true },
    { kind: 'title', text: '窗口日结单' },
    { kind: 'rule' },
    { kind: 'field', label: '终端', value: f.window ? `${f.window} · ${d.terminal_id}` : d.terminal_id },
    { kind: 'field', label: '营业日', value: d.business_date },
  ];
  for (const c of d.cashiers) {
    b.push({ kind: 'heading', text: `收款员 ${c.cashier.name}（${c.cashier.no}）` }, ...figureBlocks(c));
  }
  if (d.cashiers.length === 0) b.push({ kind: 'text', text: '当日无收费。' });
  b.push({ kind: 'rule', heavy: true }, { kind: 'heading', text: '本窗口合计' }, ...figureBlocks(d.total));
  b.push({ kind: 'rule' }, { kind: 'heading', text: `交班记录（${d.handovers.length} 次）` });
  for (const h of d.handovers) {
    b.push({ kind: 'text', text: `#${h.id} ${h.cashier.name}（${h.cashier.no}） ${f.timeOf(h.from)}–${f.timeOf(h.to)} 应交 ${formatYuan(h.cashExpected)} 实点 ${formatYuan(h.cashCounted)} 差额 ${signed(h.difference)}（${differenceWords(h.difference)}）` });
  }
  if (d.handovers.length === 0) b.push({ kind: 'text', text: '当日未交班。' });
  b.push({ kind: 'rule' }, { kind: 'text', text: '与医保中心的对账按全院进行（全院对账，由主管完成），本单不含对账结果。' });
  if (d.replication.backlog > 0) {
    b.push({ kind: 'notice', text: `本窗口尚有 ${d.replication.backlog} 条记录未同步到机构库${d.replication.oldestUnsentDate ? `（最早 ${d.replication.oldestUnsentDate}）` : ''}，全院对账前须同步完成。` });
  }
  b.push({ kind: 'rule' }, { kind: 'text', text: '窗口负责人签字：' }, { kind: 'rule' }, { kind: 'center', text: `打印时间 ${f.printedAt}` });
  if (f.auditChainHead) b.push({ kind: 'center', text: `审计链 ${f.auditChainHead}` });
  return { kind: 'window_day', title: '窗口日结单', blocks: b };
}
