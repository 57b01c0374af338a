/**
 * `pos reconcile --institution` and `pos export --institution`: the whole institution's end of day
 * from its PostgreSQL (institution.finance), every window of this fixmedins_code.
 *   pos reconcile --institution --date D [--to D2] [--config FILE] [--operator NO] [--json]
 *   pos export --institution --date D [--to D2] [--format csv|xlsx|pdf] [--out FILE] [--config FILE] [--operator NO]
 * Exit codes: 0 balanced / written, 3 not balanced or pending, 1 failed, 2 usage.
 */
import path from 'node:path';
import type { InstitutionEodResult } from '../../shared/api-institution-eod.js';
import { formatYuan } from '../../shared/money.js';
import { buildCore, type TerminalCore } from '../app.js';
import { createInstitutionEodService } from '../institution/eod/service.js';
import { INCOMPLETE_ZH } from '../institution/eod/detail.js';
import { DIFFERENCE_NAMES_ZH, STATUS_NAMES_ZH } from '../reconcile/codes.js';
import { EXIT, operatorOf, option, periodOf, type Io } from './args.js';

export function describeInstitution(r: InstitutionEodResult): string {
  const lines = [`全院对账 ${r.institution.fixmedins_code} ${r.date_from}${r.date_to !== r.date_from ? ` 至 ${r.date_to}` : ''}: ${STATUS_NAMES_ZH[r.status]} (${r.status})`];
  for (const w of r.incomplete) {
    lines.push(`  未完成的窗口 ${w.terminal_id} ${w.label}: ${INCOMPLETE_ZH[w.reason]}${w.reason === 'backlog' ? ` 积压 ${w.backlog} 最早 ${w.oldest_unsent_date}` : ` 最后联系 ${w.heard_at ?? '从未'}`}`);
  }
  for (const g of r.groups) {
    lines.push(`  ${g.insutype}/${g.clr_type}: ${STATUS_NAMES_ZH[g.status]} · ${g.local.count} 笔 医疗费 ${formatYuan(g.local.medfee_sumamt)}${g.center ? ` 中心 ${g.center.count} 笔 ${formatYuan(g.center.medfee_sumamt)}` : ''}`);
    for (const w of r.windows.filter((x) => x.insutype === g.insutype && x.clr_type === g.clr_type)) {
      lines.push(`    窗口 ${w.terminal_id} ${w.label}: ${w.local.count} 笔 ${formatYuan(w.local.medfee_sumamt)}${w.pending.count ? ` 待确认 ${w.pending.count}` : ''}`);
    }
    for (const d of g.differences) {
      lines.push(`    ${DIFFERENCE_NAMES_ZH[d.kind]} setl_id ${d.setl_id} 窗口 ${d.terminal_id ?? '?'} 收费员 ${d.cashier_no ?? '?'}: ${d.fields.map((f) => `${f.field} 差 ${formatYuan(f.delta)}`).join('; ')}`);
    }
    if (g.differencesOmitted) lines.push(`    … ${g.differencesOmitted} more`);
  }
  for (const p of r.pending) lines.push(`  待中心确认: ${p.terminal_id} ${p.cashier_no} ${p.settlement_id} ${formatYuan(p.medfee_sumamt)}`);
  return lines.join('\n') + '\n';
}

async function withService<T>(argv: string[], io: Io, name: string, body: (s: ReturnType<typeof createInstitutionEodService>, core: TerminalCore) => Promise<T>): Promise<T | number> {
  let core: TerminalCore;
  try {
    core = await buildCore({ shell: 'browser', configPath: option(argv, '--config'), log: () => undefined });
  } catch (e) {
    io.stderr.write(`pos ${name}: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
  const finance = core.config.institution.finance;
  if (!finance) {
    io.stderr.write(`pos ${name} --institution: institution.finance is not configured (the finance role's connection)\n`);
    await core.close();
    return EXIT.failed;
  }
  const operator = operatorOf(core.store, argv);
  const service = createInstitutionEodService({
    finance,
    center: core.center,
    institution: { fixmedins_code: core.config.terminal.fixmedins_code, fixmedins_name: core.config.terminal.fixmedins_name },
    setl_optins: core.config.terminal.mdtrtarea_admvs,
    staleAfterMs: core.config.institution.replication.staleAfterMs,
    operator: () => operator,
    nowIso: () => new Date().toISOString(),
    exportsDir: path.join(core.config.dataDir, 'exports'),
    audit: (e) => core.store.audit.append(e),
  });
  try {
    return await body(service, core);
  } catch (e) {
    io.stderr.write(`pos ${name} --institution: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await service.close();
    await core.close();
  }
}

export async function reconcileInstitutionCommand(argv: string[], io: Io = process): Promise<number> {
  const p = periodOf(argv, io);
  if (!p) return EXIT.usage;
  return withService(argv, io, 'reconcile', async (s) => {
    const r = await s.run(p);
    io.stdout.write(argv.includes('--json') ? `${JSON.stringify(r)}\n` : describeInstitution(r));
    return r.status === 'balanced' ? EXIT.ok : EXIT.notBalanced;
  });
}

export async function exportInstitutionCommand(argv: string[], io: Io = process): Promise<number> {
  const p = periodOf(argv, io);
  if (!p) return EXIT.usage;
  const format = option(argv, '--format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf') {
    io.stderr.write('pos: --format csv|xlsx|pdf\n');
    return EXIT.usage;
  }
  const out = option(argv, '--out');
  return withService(argv, io, 'export', async (s) => {
    const info = await s.export(p, format, out ? path.resolve(out) : undefined);
    io.stdout.write(`${info.file} · ${info.format} · ${info.rows} ${info.format === 'pdf' ? 'page(s)' : 'row(s)'} · ${info.bytes} bytes\n`);
    return EXIT.ok;
  });
}
