/**
 * `pos handover`: a cashier's shift hand-overs for scripts (the store alone; no center, no printer).
 *   pos handover --cashier 1001 --date 2026-11-24 [--json] [--pdf FILE]
 *       the cashier's business day: settlements, reversals, totals by payment kind, the cash expected,
 *       and every hand-over recorded that day (cash counted, difference); --pdf writes the day's A4 summary
 *   pos handover --cashier 1001 --date <today> --record --counted 1234.50 [--note TEXT] [--print]
 *       record the cashier's open shift (since their last hand-over) with the cash counted, audited;
 *       --print queues its thermal slip (it prints when the terminal runs)
 * Exit codes: 0 done, 1 failed, 2 usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HandoverRecord, HandoverSummary } from '../../shared/api-till.js';
import { formatYuan, yuanToFen } from '../../shared/money.js';
import { openStore } from '../app.js';
import { createClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { localTimeOf } from '../print/area.js';
import { handoverSlip } from '../print/layout/handover.js';
import { slipPdf } from '../print/render/pdf.js';
import type { Store } from '../store/index.js';
import { auditChainHead } from '../till/audit-chain.js';
import { createHandoverService, differenceText } from '../till/handover.js';
import { EXIT, option, validDate, type Io } from './args.js';

function lines(s: HandoverSummary, recorded: HandoverRecord[]): string {
  const out = [
    `收款员 ${s.cashier.name}（${s.cashier.no}） 终端 ${s.terminal_id} 营业日 ${s.business_date}`,
    `结算 ${s.settlements.count} 笔（待医保中心确认 ${s.settlementsPending}） 医疗费 ${formatYuan(s.settlements.medfee)}`,
    `冲销 ${s.reversals.count} 笔（待医保中心确认 ${s.reversalsPending}） 医疗费 ${formatYuan(s.reversals.medfee)}`,
    `医保基金 ${formatYuan(s.byKind.fund)} 个人账户 ${formatYuan(s.byKind.acct)} 共济账户 ${formatYuan(s.byKind.mulaid)}`,
    `现金收取 ${formatYuan(s.byKind.cashCollected)} 现金退还 ${formatYuan(s.byKind.cashRefunded)} 应交现金 ${formatYuan(s.cashExpected)}`,
  ];
  if (s.refused.count) out.push(`医保中心拒绝 ${s.refused.count} 笔（不计入应交现金，现金 ${formatYuan(s.refused.cash)}）`);
  for (const r of recorded) out.push(`交班 #${r.id} ${r.summary.from} → ${r.summary.to} 应交 ${formatYuan(r.summary.cashExpected)} 实点 ${formatYuan(r.cashCounted)} 差额 ${differenceText(r.difference)}`);
  if (recorded.length === 0) out.push('当日未交班');
  return `${out.join('\n')}\n`;
}

export async function handoverCommand(argv: string[], io: Io = process): Promise<number> {
  const cashierNo = option(argv, '--cashier');
  const date = option(argv, '--date');
  if (!cashierNo || !/^\d{4}$/.test(cashierNo) || !validDate(date)) {
    io.stderr.write('pos: --cashier NNNN and --date YYYY-MM-DD (a real calendar date) are required\n');
    return EXIT.usage;
  }
  const record = argv.includes('--record');
  const countedText = option(argv, '--counted');
  let counted: number | null = null;
  if (record) {
    try {
      counted = countedText === undefined ? null : yuanToFen(countedText);
    } catch {
      counted = null;
    }
    if (counted === null || counted < 0) {
      io.stderr.write('pos: --record needs --counted YUAN (the cash counted, e.g. 1234.50)\n');
      return EXIT.usage;
    }
  }
  let store: Store | null = null;
  try {
    const { config } = loadConfig(option(argv, '--config'));
    const clock = createClock(config.terminal.timeZone);
    store = openStore(config, clock);
    const s = store;
    const cashier = s.cashiers.find(cashierNo);
    if (!cashier) {
      io.stderr.write(`pos: no cashier ${cashierNo} on this terminal\n`);
      return EXIT.usage;
    }
    const service = createHandoverService({ store: s, terminalId: config.terminal.id, clock, auditChainHead: () => auditChainHead(s) });
    if (record) {
      if (date !== clock.today()) {
        io.stderr.write(`pos: a hand-over is recorded for today (${clock.today()}), not ${date}\n`);
        return EXIT.usage;
      }
      const r = service.record({ no: cashier.no, name: cashier.name }, { cashCounted: counted!, note: option(argv, '--note') ?? null, print: argv.includes('--print') }, 'cli');
      io.stdout.write(argv.includes('--json') ? `${JSON.stringify(r)}\n` : `交班 #${r.id} 已记录\n${lines(r.summary, [r])}`);
      return EXIT.ok;
    }
    const day = service.day(cashierNo, date);
    const pdfOut = option(argv, '--pdf');
    if (pdfOut) {
      const countedSum = day.recorded.reduce((n, r) => n + r.cashCounted, 0);
      const summaryRecord: HandoverRecord = {
        id: 0,
        summary: day.summary,
        cashCounted: countedSum,
        difference: countedSum - day.summary.cashExpected,
        note: `营业日汇总（当日交班 ${day.recorded.length} 次）`,
        auditChainHead: auditChainHead(s),
        createdAt: new Date().toISOString(),
        printJobId: null,
      };
      const local = localTimeOf(clock);
      const doc = handoverSlip({
        institution: { fixmedins_code: config.terminal.fixmedins_code, fixmedins_name: config.terminal.fixmedins_name, terminal_id: config.terminal.id, window: config.printer.window },
        cashier: { no: cashier.no, name: cashier.name },
        printedAt: local(new Date().toISOString()),
        reprintNo: null,
        auditChainHead: summaryRecord.auditChainHead,
        record: summaryRecord,
        fromText: `${date} 00:00:00`,
        toText: `${date} 23:59:59`,
      });
      const bytes = await slipPdf(doc, { author: config.terminal.fixmedins_name });
      fs.writeFileSync(path.resolve(pdfOut), bytes);
      s.audit.append({ actor: 'cli', action: 'handover.pdf', subject: `${cashierNo}:${date}`, detail: { file: path.basename(pdfOut), bytes: bytes.length } });
      io.stderr.write(`${path.resolve(pdfOut)} · ${bytes.length} bytes\n`);
    }
    io.stdout.write(argv.includes('--json') ? `${JSON.stringify(day)}\n` : lines(day.summary, day.recorded));
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(`pos handover: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store?.close();
  }
}
