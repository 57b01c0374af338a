/**
 * The institution's exports, streamed from PostgreSQL: CSV (every record with its window, then the
 * per-window breakdown), XLSX (summary, windows, differences, detail) and PDF (the summary per group
 * with the windows and the differences naming window and cashier). Written under a temporary name
 * and renamed, audited. The summary is the last run of exactly that period, or the sums alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type pg from 'pg';
import type { ExportFormat, ExportInfo } from '../../../shared/api-reconcile.js';
import type { InstitutionEodResult } from '../../../shared/api-institution-eod.js';
import { fenToYuan } from '../../../shared/money.js';
import { BOM, csvText } from '../../reconcile/csv.js';
import { STATUS_NAMES_ZH } from '../../reconcile/codes.js';
import { chinaTime } from '../../reconcile/local.js';
import { exportRows, inEodTransaction } from '../pg/eod-detail.js';
import type { EodPeriod } from '../pg/eod-totals.js';
import { INST_COLUMNS, WINDOW_HEAD, WINDOW_MONEY, incompleteText, instCsvLine, instDetailValues, windowValues } from './detail.js';
import { writeInstPdf } from './pdf.js';
import { writeInstXlsx } from './xlsx.js';

export interface InstExportDeps {
  pool: pg.Pool;
  operator: { no: string; name: string };
  nowIso(): string;
  audit?(e: { actor: string; action: string; subject: string; detail: Record<string, unknown> }): void;
  onRows?(done: number): void;
}

export function instExportFileName(p: { from: string; to: string }, format: ExportFormat, at: string): string {
  const stamp = chinaTime(at).replace(/[-: ]/g, '').slice(8, 14);
  return `institution-${p.from === p.to ? p.from : `${p.from}_${p.to}`}-${stamp}.${format}`;
}

async function writeCsv(deps: InstExportDeps, p: EodPeriod, result: InstitutionEodResult, file: string): Promise<number> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  let rows = 0;
  try {
    await write(BOM + INST_COLUMNS.map((c) => csvText(`${c.zh}(${c.field})`)).join(',') + '\r\n');
    await inEodTransaction(deps.pool, async (c) => {
      for await (const page of exportRows(c, p)) {
        let chunk = '';
        for (const r of page) chunk += instCsvLine(instDetailValues(r));
        rows += page.length;
        await write(chunk);
        deps.onRows?.(rows);
      }
    });
    // the per-window breakdown after a blank line
    let tail = '\r\n' + csvText(`窗口汇总 ${result.date_from}${result.date_to !== result.date_from ? ` 至 ${result.date_to}` : ''} 全院对账结果 ${STATUS_NAMES_ZH[result.status]}`) + '\r\n';
    tail += WINDOW_HEAD.map(csvText).join(',') + '\r\n';
    for (const w of result.windows) tail += windowValues(w).map((v, i) => (WINDOW_MONEY[i] ? fenToYuan(v as number) : csvText(String(v)))).join(',') + '\r\n';
    for (const line of incompleteText(result)) tail += csvText(`未完成的窗口: ${line}`) + '\r\n';
    await write(tail);
  } finally {
    out.end();
  }
  await Promise.race([once(out, 'finish'), failed]);
  return rows;
}

export async function exportInstitution(deps: InstExportDeps, p: EodPeriod, result: InstitutionEodResult, format: ExportFormat, file: string): Promise<ExportInfo> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const at = deps.nowIso();
  const tmp = `${file}.part-${process.pid}`;
  let rows: number;
  try {
    if (format === 'csv') rows = await writeCsv(deps, p, result, tmp);
    else if (format === 'xlsx') rows = await writeInstXlsx(deps.pool, p, result, tmp, { exportedBy: deps.operator, exportedAt: chinaTime(at) }, deps.onRows);
    else rows = (await writeInstPdf(tmp, { result, exportedBy: deps.operator, exportedAt: chinaTime(at) })).pages;
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const bytes = fs.statSync(file).size;
  deps.audit?.({ actor: deps.operator.no, action: 'institution.export', subject: p.from === p.to ? p.from : `${p.from}..${p.to}`, detail: { format, file: path.resolve(file), rows, bytes } });
  return { format, file: path.resolve(file), fileName: path.basename(file), rows, bytes, at };
}
