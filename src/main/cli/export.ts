/**
 * `pos export`: a period's settlements as CSV / XLSX / PDF, from the store alone (it never calls the
 * center; its summary is the last reconciliation of exactly that period, "未对账" when there is none).
 *   pos export --date 2026-11-24 [--to DATE] --format csv|xlsx|pdf --out FILE [--config FILE] [--operator NO]
 * Exit codes: 0 written, 1 failed, 2 usage.
 */
import path from 'node:path';
import type { ExportFormat } from '../../shared/api-reconcile.js';
import { openStore } from '../app.js';
import { CenterError } from '../center/index.js';
import { loadConfig } from '../config.js';
import { reconcileServiceFor } from '../reconcile/handlers.js';
import type { Store } from '../store/index.js';
import { EXIT, operatorOf, option, periodOf, type Io } from './args.js';

/** an export never calls the center: a call would be a bug, refused as such */
const noCenter = {
  call: (infno: string) => Promise.reject(new CenterError('unreachable', `export does not call the center (${infno})`, { infno, msgid: '' })),
};

export async function exportCommand(argv: string[], io: Io = process): Promise<number> {
  if (argv.includes('--institution')) return (await import('./institution-eod.js')).exportInstitutionCommand(argv, io);
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
  let store: Store | null = null;
  try {
    const { config } = loadConfig(option(argv, '--config'));
    store = openStore(config);
    const operator = operatorOf(store, argv);
    const service = reconcileServiceFor({
      store,
      center: noCenter,
      terminal: config.terminal,
      dataDir: config.dataDir,
      nowIso: () => new Date().toISOString(),
      operator: () => operator,
    });
    const info = await service.export(p, format as ExportFormat, path.resolve(out));
    io.stdout.write(`${info.file} · ${info.format} · ${info.rows} ${info.format === 'pdf' ? 'page(s)' : 'row(s)'} · ${info.bytes} bytes\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(`pos export: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store?.close();
  }
}
