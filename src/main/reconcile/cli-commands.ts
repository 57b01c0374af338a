/**
 * `pos reconcile` and `pos export`, for people and for cron.
 *
 *   pos reconcile --date 2026-11-24 [--to DATE] [--config FILE] [--operator NO] [--no-sync] [--json]
 *   pos export    --date 2026-11-24 [--to DATE] --format csv|xlsx|pdf --out FILE [--config FILE] [--operator NO]
 *
 * Exit codes: 0 balanced (export: written), 3 not balanced (a group differs, or settlements are still
 * pending at the center), 1 failed (center unreachable, database or file error), 2 usage.
 */
import os from 'node:os';
import path from 'node:path';
import type { ExportFormat, ReconcileResult } from '../../shared/api-reconcile.js';
import { formatYuan } from '../../shared/money.js';
import { loadConfig } from '../config.js';
import { createStore } from '../store/index.js';
import { CLR_TYPE_NAMES, DIFFERENCE_NAMES_ZH, INSUTYPE_NAMES, STATUS_NAMES_ZH } from './codes.js';

export const EXIT = { balanced: 0, failed: 1, usage: 2, notBalanced: 3 } as const;

export const RECONCILE_USAGE = `  reconcile --date YYYY-MM-DD [--to YYYY-MM-DD] [--operator NO] [--no-sync] [--json]
                                    end of day with the center: exit 0 balanced, 3 not balanced, 1 failed
  export --date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|xlsx|pdf --out FILE [--operator NO]`;

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string | undefined): s is string {
  if (!s || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function periodOf(argv: string[], io: Io): { from: string; to: string } | null {
  const from = option(argv, '--date');
  const to = option(argv, '--to') ?? from;
  if (!validDate(from)) {
    io.stderr.write('pos: --date YYYY-MM-DD is required (a real calendar date)\n');
    return null;
  }
  if (!validDate(to) || to < from) {
    io.stderr.write('pos: --to must be a date on or after --date\n');
    return null;
  }
  return { from, to };
}

/** The operator the audit log names: --operator NO (a cashier of this terminal) or the OS user. */
function operatorOf(store: ReturnType<typeof createStore>, argv: string[]): { no: string; name: string } {
  const no = option(argv, '--operator');
  if (no) {
    const row = store.db.prepare('SELECT no, name FROM cashiers WHERE no = ?').get(no) as { no: string; name: string } | undefined;
    if (!row) throw new Error(`--operator ${no}: no such cashier`);
    return row;
  }
  let user = 'cli';
  try {
    user = os.userInfo().username;
  } catch {
    // no user database (containers): keep "cli"
  }
  return { no: 'cli', name: `命令行(${user})` };
}

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
  const p = periodOf(argv, io);
  if (!p) return EXIT.usage;
  const { buildApp } = await import('../app.js');
  const { reconcileServiceFor } = await import('./handlers.js');
  let app;
  try {
    app = await buildApp({ shell: 'browser', configPath: option(argv, '--config'), log: () => undefined, overrides: { devices: { virtual: false } } });
  } catch (e) {
    io.stderr.write(`pos reconcile: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
  try {
    if (argv.includes('--no-sync')) await app.worker.stop();
    else {
      // what is still queued is sent first, so the day is reconciled on what the center really has
      const before = app.store.outbox.stats().depth;
      if (before > 0) io.stderr.write(`sending ${before} pending settlement(s) first…\n`);
      await app.worker.drainNow();
    }
    const operator = operatorOf(app.store, argv);
    const service = reconcileServiceFor(
      {
        config: app.config,
        store: app.store,
        bus: app.bus,
        clock: { now: () => new Date() } as never,
        session: { current: () => operator } as never,
        centerCall: app.centerCall,
      },
      operator,
    );
    if (!argv.includes('--json')) {
      app.bus.subscribe((name, payload) => {
        if (name !== 'reconcile.progress') return;
        const pr = payload as { phase: string; done: number; total: number; group: string | null };
        if (pr.phase === 'totals' || pr.phase === 'details') io.stderr.write(`  ${pr.phase} ${pr.done}/${pr.total}${pr.group ? ` ${pr.group}` : ''}\n`);
      });
    }
    const result = await service.run(p);
    io.stdout.write(argv.includes('--json') ? `${JSON.stringify(result)}\n` : describeResult(result));
    return result.status === 'balanced' ? EXIT.balanced : EXIT.notBalanced;
  } catch (e) {
    io.stderr.write(`pos reconcile: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await app.close();
  }
}

export async function exportCommand(argv: string[], io: Io = process): Promise<number> {
  const p = periodOf(argv, io);
  if (!p) return EXIT.usage;
  const format = option(argv, '--format');
  if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf') {
    io.stderr.write('pos: --format csv|xlsx|pdf is required\n');
    return EXIT.usage;
  }
  const out = option(argv, '--out');
  if (!out) {
    io.stderr.write('pos: --out FILE is required\n');
    return EXIT.usage;
  }
  let store: ReturnType<typeof createStore> | null = null;
  try {
    const { config } = loadConfig(option(argv, '--config'));
    store = createStore(path.join(config.dataDir, 'terminal.db'), { fixmedinsCode: config.terminal.fixmedins_code, stamp14: () => '00000000000000' });
    const operator = operatorOf(store, argv);
    const s = store;
    const { createReconcileService } = await import('./service.js');
    const service = createReconcileService({
      db: s.db,
      audit: (e) => s.audit.append(e),
      centerCall: () => Promise.reject(new Error('export does not call the center')),
      institution: { fixmedins_code: config.terminal.fixmedins_code, fixmedins_name: config.terminal.fixmedins_name, terminal_id: config.terminal.id },
      setl_optins: config.terminal.mdtrtarea_admvs,
      operator: () => operator,
      nowIso: () => new Date().toISOString(),
      exportsDir: path.join(config.dataDir, 'exports'),
    });
    const info = await service.export(p, format as ExportFormat, path.resolve(out));
    io.stdout.write(`${info.file} · ${info.format} · ${info.rows} ${info.format === 'pdf' ? 'page(s)' : 'row(s)'} · ${info.bytes} bytes\n`);
    return EXIT.balanced;
  } catch (e) {
    io.stderr.write(`pos export: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store?.close();
  }
}
