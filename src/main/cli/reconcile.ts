/**
 * `pos reconcile`, for people and for cron:
 *   pos reconcile --date 2026-11-24 [--to DATE] [--config FILE] [--operator NO] [--no-sync] [--json]
 * Exit codes: 0 balanced, 3 not balanced (a group differs, or settlements are still pending at the
 * center), 1 failed (center unreachable, database or file error), 2 usage — also on a window of an
 * institution database, where the center reconciles the institution (`--institution`; `pos day`).
 */
import type { ReconcileResult } from '../../shared/api-reconcile.js';
import { formatYuan } from '../../shared/money.js';
import { buildCore, type TerminalCore } from '../app.js';
import { loadConfig } from '../config.js';
import { reconciledByInstitution } from '../window-day/rule.js';
import { CLR_TYPE_NAMES, DIFFERENCE_NAMES_ZH, INSUTYPE_NAMES, STATUS_NAMES_ZH } from '../reconcile/codes.js';
import { reconcileServiceFor } from '../reconcile/handlers.js';
import { EXIT, operatorOf, option, periodOf, type Io } from './args.js';

export function describeResult(r: ReconcileResult): string {
  const lines = [`对账 ${r.date_from}${r.date_to !== r.date_from ? ` 至 ${r.date_to}` : ''}: ${STATUS_NAMES_ZH[r.status]} (${r.status})`];
  for (const g of r.groups) {
    lines.push(
      `  ${g.insutype} ${INSUTYPE_NAMES[g.insutype] ?? ''} / ${g.clr_type} ${CLR_TYPE_NAMES[g.clr_type] ?? ''}: ${STATUS_NAMES_ZH[g.status]}` +
        ` · ${g.local.count} 笔 医疗费 ${formatYuan(g.local.medfee_sumamt)} 基金 ${formatYuan(g.local.fund_pay_sumamt)}` +
        ` 个账 ${formatYuan(g.local.acct_pay)} 共济 ${formatYuan(g.local.acct_mulaid_pay)} 现金 ${formatYuan(g.local.psn_cash_pay)}` +
        (g.reversals.count ? ` (含冲销 ${g.reversals.count} 笔 ${formatYuan(g.reversals.medfee_sumamt)})` : '') +
        (g.pending.count ? ` · 待中心确认 ${g.pending.count} 笔` : ''),
    );
    for (const d of g.differences) {
      const f = d.fields.map((x) => `${x.field} 本地 ${x.local === null ? '-' : formatYuan(x.local)} 中心 ${x.center === null ? '-' : formatYuan(x.center)} 差 ${formatYuan(x.delta)}`).join('; ');
      lines.push(`    ${DIFFERENCE_NAMES_ZH[d.kind]} (${d.kind}) setl_id ${d.setl_id}${d.refd_setl_flag === '1' ? ' 冲销' : ''} psn_no ${d.psn_no}: ${f}`);
    }
    if (g.differencesOmitted) lines.push(`    … ${g.differencesOmitted} more`);
  }
  for (const p of r.pending) lines.push(`  待中心确认: ${p.what === 'reversal' ? '冲销' : '结算'} ${p.settlement_id} ${p.psn_name_masked} ${formatYuan(p.medfee_sumamt)}${p.last_error ? ` (${p.last_error})` : ''}`);
  return lines.join('\n') + '\n';
}

export async function reconcileCommand(argv: string[], io: Io = process): Promise<number> {
  if (argv.includes('--institution')) return (await import('./institution-eod.js')).reconcileInstitutionCommand(argv, io);
  const p = periodOf(argv, io);
  if (!p) return EXIT.usage;
  let core: TerminalCore;
  try {
    // a window of an institution database: the center reconciles the institution, a per-terminal 3201 is not sent
    if (reconciledByInstitution(loadConfig(option(argv, '--config')).config)) {
      io.stderr.write(
        `pos reconcile: 本终端接入机构库，医保中心按全院对账，不发送本窗口的 3201。全院对账（主管）：pos reconcile --institution --date ${p.from}；本窗口日结：pos day --date ${p.from}
` +
          `pos reconcile: this terminal writes to an institution database and the center reconciles the whole institution, so no per-terminal 3201 is sent. ` +
          `Reconcile the institution: pos reconcile --institution --date ${p.from}; this window's day: pos day --date ${p.from}
`,
      );
      return EXIT.usage;
    }
    core = await buildCore({ shell: 'browser', configPath: option(argv, '--config'), log: () => undefined });
  } catch (e) {
    io.stderr.write(`pos reconcile: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
  try {
    if (!argv.includes('--no-sync')) {
      // what is still queued is sent first, so the day is reconciled on what the center really has
      const before = core.store.outbox.stats().depth;
      if (before > 0) io.stderr.write(`sending ${before} pending settlement(s) first…\n`);
      await core.worker.drainNow();
    }
    const operator = operatorOf(core.store, argv);
    const service = reconcileServiceFor({
      store: core.store,
      center: core.center,
      terminal: core.config.terminal,
      dataDir: core.config.dataDir,
      nowIso: () => new Date().toISOString(),
      operator: () => operator,
      bus: core.bus,
    });
    if (!argv.includes('--json')) {
      core.bus.subscribe((name, payload) => {
        if (name !== 'reconcile.progress') return;
        const pr = payload as { phase: string; done: number; total: number; group: string | null };
        if (pr.phase === 'totals' || pr.phase === 'details') io.stderr.write(`  ${pr.phase} ${pr.done}/${pr.total}${pr.group ? ` ${pr.group}` : ''}\n`);
      });
    }
    const result = await service.run(p);
    // the audit chain's head beside the result, as on the PDF: a later edit of the log shows against it
    const head = core.store.audit.headLine();
    io.stdout.write(argv.includes('--json') ? `${JSON.stringify({ ...result, auditHead: head })}\n` : `${describeResult(result)}审计链头 ${head}\n`);
    return result.status === 'balanced' ? EXIT.ok : EXIT.notBalanced;
  } catch (e) {
    io.stderr.write(`pos reconcile: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await core.close();
  }
}
