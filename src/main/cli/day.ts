/**
 * `pos day`: the window's day on a terminal with an institution database (the store alone; no center,
 * no PostgreSQL — the backlog is read from the window's own queue):
 *   pos day --date 2026-11-24 [--json] [--pdf FILE] [--config FILE]
 *       per cashier and for the window: settlements, reversals, pending at the center, cash collected,
 *       refunded and expected; the hand-overs of the day (counted, difference); what the institution
 *       database does not have yet. --pdf writes the A4 窗口日结单.
 * The reconciliation with the center is the institution's (`pos reconcile --institution`). Without an
 * institution database the terminal is its own institution: `pos reconcile` is its end of day (exit 2 here).
 * Exit codes: 0 done, 1 failed, 2 usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CashierDay, WindowDay } from '../../shared/api-window-day.js';
import { formatYuan } from '../../shared/money.js';
import { openStore } from '../app.js';
import { createClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { localTimeOf } from '../print/area.js';
import { slipPdf } from '../print/render/pdf.js';
import type { Store } from '../store/index.js';
import { differenceText } from '../till/handover.js';
import { reconciledByInstitution } from '../window-day/rule.js';
import { createWindowDayService } from '../window-day/service.js';
import { windowDaySlip } from '../window-day/slip.js';
import { EXIT, option, validDate, type Io } from './args.js';

function figures(f: Omit<CashierDay, 'cashier'>): string {
  return (
    `结算 ${f.settlements.count} 笔（待中心确认 ${f.settlementsPending}） 医疗费 ${formatYuan(f.settlements.medfee)}` +
    ` · 冲销 ${f.reversals.count} 笔（待中心确认 ${f.reversalsPending}） 医疗费 ${formatYuan(f.reversals.medfee)}` +
    ` · 现金收取 ${formatYuan(f.byKind.cashCollected)} 退还 ${formatYuan(f.byKind.cashRefunded)} 应交 ${formatYuan(f.cashExpected)}` +
    (f.handedOver.count ? ` · 交班 ${f.handedOver.count} 次 实点 ${formatYuan(f.handedOver.counted)} 差额 ${differenceText(f.handedOver.difference)}` : ' · 未交班')
  );
}

export function describeWindowDay(d: WindowDay, local: (iso: string) => string): string {
  const out = [`窗口日结 终端 ${d.terminal_id} 营业日 ${d.business_date}（${d.fixmedins_name} ${d.fixmedins_code}）`];
  for (const c of d.cashiers) out.push(`  收款员 ${c.cashier.name}（${c.cashier.no}）: ${figures(c)}`);
  if (d.cashiers.length === 0) out.push('  当日无收费');
  out.push(`  本窗口合计: ${figures(d.total)}`);
  for (const h of d.handovers) {
    out.push(`  交班 #${h.id} ${h.cashier.name}（${h.cashier.no}） ${local(h.from)} → ${local(h.to)} 应交 ${formatYuan(h.cashExpected)} 实点 ${formatYuan(h.cashCounted)} 差额 ${differenceText(h.difference)}`);
  }
  const r = d.replication;
  out.push(r.backlog > 0 ? `  机构库: 未同步 ${r.backlog} 条${r.oldestUnsentDate ? `（最早 ${r.oldestUnsentDate}）` : ''}` : '  机构库: 已全部同步');
  out.push(`与医保中心的对账按全院进行（主管）: pos reconcile --institution --date ${d.business_date}`);
  return `${out.join('\n')}\n`;
}

export async function dayCommand(argv: string[], io: Io = process): Promise<number> {
  const date = option(argv, '--date');
  if (!validDate(date)) {
    io.stderr.write('pos: --date YYYY-MM-DD is required (a real calendar date)\n');
    return EXIT.usage;
  }
  let store: Store | null = null;
  try {
    const { config } = loadConfig(option(argv, '--config'));
    if (!reconciledByInstitution(config)) {
      io.stderr.write(
        `pos day: 本终端未接入机构库，自成一个机构：日结即与医保中心对账 pos reconcile --date ${date}（收款员交班：pos handover）\n` +
          `pos day: no institution database is configured: this terminal is its own institution; its end of day is pos reconcile --date ${date} (a cashier's day: pos handover)\n`,
      );
      return EXIT.usage;
    }
    const clock = createClock(config.terminal.timeZone);
    store = openStore(config, clock);
    const s = store;
    const day = createWindowDayService({ store: s, terminal: config.terminal, replication: () => null, nowIso: () => clock.now().toISOString() }).get(date);
    const local = localTimeOf(clock);
    const pdfOut = option(argv, '--pdf');
    if (pdfOut) {
      const doc = windowDaySlip({ day, window: config.printer.window, printedAt: local(day.at), timeOf: (iso) => local(iso).slice(11), auditChainHead: s.audit.headLine() });
      const bytes = await slipPdf(doc, { author: config.terminal.fixmedins_name });
      fs.writeFileSync(path.resolve(pdfOut), bytes);
      s.audit.append({ actor: 'cli', action: 'windowDay.pdf', subject: date, detail: { file: path.basename(pdfOut), bytes: bytes.length } });
      io.stderr.write(`${path.resolve(pdfOut)} · ${bytes.length} bytes\n`);
    }
    io.stdout.write(argv.includes('--json') ? `${JSON.stringify(day)}\n` : describeWindowDay(day, local));
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(`pos day: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store?.close();
  }
}
