/**
 * `pos catalog` — the institution's catalog from the command line:
 *   pos catalog import FILE [--dry-run] [--effective ISO] [--operator NO] [--json]
 *        read, validate and preview a CSV / XLSX; without --dry-run (and without errors) the file
 *        becomes a version, in force now or at --effective
 *   pos catalog status | versions [--json]
 *   pos catalog rollback [--operator NO]        back to the version before the one in force
 *   pos catalog download [--operator NO]        the national catalog's changes from the center
 *   pos catalog upload-mappings [--operator NO] the mappings the center needs (3301 / 3302)
 * Exit codes: 0 done, 1 failed (file unreadable, center unreachable), 2 usage, 3 the file has errors
 * (nothing was imported: every error is printed with its row, column and reason).
 * Import, status, versions and rollback open the store alone; download and upload-mappings reach the center.
 */
import type { CatalogImportResult } from '../../shared/api-catalog.js';
import { formatYuan } from '../../shared/money.js';
import { buildCore, openStore } from '../app.js';
import { createCatalogArea } from '../catalog/area.js';
import { describeRowError } from '../catalog/validate-rows.js';
import { createClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { EXIT, operatorOf, option, type Io } from './args.js';

const USAGE = 'usage: pos catalog <import FILE [--dry-run] [--effective ISO] | status | versions | rollback | download | upload-mappings> [--config FILE] [--operator NO] [--json]';

function describeImport(r: CatalogImportResult): string {
  const c = r.preview.counts;
  const lines = [`${r.source} (${r.format}, ${r.rows} 行, sha256 ${r.sha256.slice(0, 12)}…, ${Math.round(r.ms)} ms)`];
  lines.push(`  新增 ${c.added} · 价格变化 ${c.priceChanged} · 删除 ${c.removed} · 新增未对照(全自费) ${c.newlyUnmapped} · 其他变化 ${c.otherChanged} · 不变 ${c.unchanged}`);
  for (const p of r.preview.priceChanged.slice(0, 20)) lines.push(`    价格 ${p.code} ${p.name}: ${formatYuan(p.oldPrice)} → ${formatYuan(p.newPrice)}`);
  for (const u of r.preview.newlyUnmapped.slice(0, 20)) lines.push(`    未对照 ${u.code} ${u.name}${u.med_list_codg ? ` (医保编码 ${u.med_list_codg} 不在医保目录中)` : ''}`);
  for (const x of r.preview.removed.slice(0, 20)) lines.push(`    删除 ${x.code} ${x.name}`);
  if (r.errorCount > 0) {
    lines.push(`  ${r.errorCount} 处错误，未导入：`);
    for (const e of r.errors) lines.push(`    ${describeRowError(e)}`);
    if (r.errorCount > r.errors.length) lines.push(`    … 另有 ${r.errorCount - r.errors.length} 处`);
  }
  return `${lines.join('\n')}\n`;
}

export async function catalogCommand(argv: string[], io: Io = process): Promise<number> {
  const [sub, ...rest] = argv;
  const json = rest.includes('--json');
  const progress = (p: { phase: string; done: number; total: number | null }) => io.stderr.write(`  ${p.phase} ${p.done}${p.total ? `/${p.total}` : ''}\n`);
  const out = (v: unknown, text: string) => io.stdout.write(json ? `${JSON.stringify(v)}\n` : text);

  if (sub === 'download' || sub === 'upload-mappings') {
    const core = await buildCore({ shell: 'browser', configPath: option(rest, '--config'), log: () => undefined });
    try {
      const by = operatorOf(core.store, rest).no;
      core.bus.subscribe((name, payload) => {
        if (name === 'catalog.progress') progress(payload as never);
      });
      if (sub === 'download') {
        const r = await core.catalogArea.service.downloadNational(by);
        out(r, `医保目录已更新到 ${r.version ?? '-'}（自 ${r.since} 起：项目 ${r.items}，限价 ${r.caps}，自付比例 ${r.ratios}，${r.pages} 页）\n`);
      } else {
        const r = await core.catalogArea.service.uploadMappings(by);
        out(r, `对照上传 ${r.uploaded}，撤销 ${r.revoked}，被拒 ${r.refused.length}，未发送 ${r.unsent}\n${r.refused.map((x) => `  ${x.code} → ${x.med_list_codg}: ${x.err_msg}\n`).join('')}`);
        return r.refused.length === 0 && r.unsent === 0 ? EXIT.ok : EXIT.failed;
      }
      return EXIT.ok;
    } catch (e) {
      io.stderr.write(`pos catalog ${sub}: ${(e as Error).message}\n`);
      return EXIT.failed;
    } finally {
      await core.close();
    }
  }

  if (!['import', 'status', 'versions', 'rollback'].includes(sub ?? '')) {
    io.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  const { config } = loadConfig(option(rest, '--config'));
  const clock = createClock(config.terminal.timeZone);
  const store = openStore(config, clock);
  const area = createCatalogArea({
    config: config.catalog,
    dataDir: config.dataDir,
    store,
    center: { call: () => Promise.reject(new Error('this command does not reach the center')) },
    clock,
    terminal: config.terminal,
    actor: () => 'cli',
    progress: json ? undefined : progress,
  });
  try {
    const by = operatorOf(store, rest).no;
    if (sub === 'status') {
      const s = area.service.status();
      out(s, `目录版本 ${s.version ? `${s.version.id}（${s.version.source}，${s.version.item_count} 项，${s.version.effective_at} 起）` : '无'} · 未对照(全自费) ${s.unmapped} · 医保目录 ${s.national.items} 项，版本 ${s.national.version ?? '未下载'}\n`);
      return EXIT.ok;
    }
    if (sub === 'versions') {
      const v = area.service.versions();
      out(v, v.map((x) => `${x.inForce ? '*' : ' '} ${x.id} ${x.state} ${x.source} ${x.item_count} 项 ${x.effective_at ?? '-'} ${x.created_by}\n`).join('') || '没有目录版本\n');
      return EXIT.ok;
    }
    if (sub === 'rollback') {
      const s = area.service.rollback(by);
      out(s, `已恢复到目录版本 ${s.version?.id}（${s.version?.source}）\n`);
      return EXIT.ok;
    }
    const file = rest.find((a, i) => !a.startsWith('--') && !['--effective', '--operator', '--config'].includes(rest[i - 1] ?? ''));
    if (!file) {
      io.stderr.write(`${USAGE}\n`);
      return EXIT.usage;
    }
    const effective = option(rest, '--effective');
    if (effective !== undefined && Number.isNaN(Date.parse(effective))) {
      io.stderr.write('pos catalog import: --effective must be an ISO date and time, e.g. 2026-12-05T00:00:00+08:00\n');
      return EXIT.usage;
    }
    const dryRun = rest.includes('--dry-run');
    const r = await area.service.importFile(file, { dryRun, by });
    out(r, describeImport(r));
    if (r.errorCount > 0) return 3;
    if (dryRun || r.versionId === null) return EXIT.ok;
    const s = area.service.activate(r.versionId, effective ?? null, by);
    if (!json) io.stdout.write(`目录版本 ${r.versionId} 已启用，${effective ? `${new Date(effective).toISOString()} 起生效` : '立即生效'}${s.version?.id === r.versionId ? '' : '（到时生效）'}\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(`pos catalog ${sub}: ${e instanceof AppError ? e.message : (e as Error).message}\n`);
    return e instanceof AppError && e.code === 'VALIDATION' ? EXIT.usage : EXIT.failed;
  } finally {
    store.close();
  }
}
