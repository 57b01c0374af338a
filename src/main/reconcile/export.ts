/**
 * One export of a period: CSV (detail), XLSX (summary + detail) or PDF (one page per group).
 * The summary is the last reconciliation of exactly that period, or the local side alone when it
 * was never reconciled ("未对账"). Who exported what, and when, goes into the audit log.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportInfo, ReconcileResult } from '../../shared/api-reconcile.js';
import type { ReconcileRows } from '../store/reconcile-rows.js';
import type { RunRepo } from '../store/reconcile-runs.js';
import type { AuditEntry } from '../store/audit.js';
import { writeCsv } from './csv.js';
import type { Period } from './local.js';
import { chinaTime, createLocalReader } from './local.js';
import { localOnlyResult } from './reconcile.js';
import { writePdf } from './pdf.js';
import { writeXlsx } from './xlsx.js';

export interface ExportDeps {
  rows: ReconcileRows;
  runs: RunRepo;
  audit(e: AuditEntry): void;
  institution: ReconcileResult['institution'];
  operator: { no: string; name: string };
  nowIso(): string;
  /** rows written so far, of about `total` (for a progress bar) */
  onProgress?(done: number, total: number): void;
  /** the audit chain's head, printed on the PDF so a later edit of the log shows against the paper */
  auditHead?(): string;
}

/** reconcile-2026-11-24.csv, reconcile-2026-11-01_2026-11-30.xlsx (+ time so exports do not overwrite each other) */
export function exportFileName(p: Period, format: ExportFormat, at: string): string {
  const stamp = chinaTime(at).replace(/[-: ]/g, '').slice(8, 14);
  const period = p.from === p.to ? p.from : `${p.from}_${p.to}`;
  return `reconcile-${period}-${stamp}.${format}`;
}

export function summaryFor(deps: Pick<ExportDeps, 'rows' | 'runs' | 'institution' | 'operator' | 'nowIso'>, p: Period): ReconcileResult {
  return (
    deps.runs.last(p.from, p.to) ??
    localOnlyResult(deps.rows, p, { institution: deps.institution, operator: deps.operator, runId: crypto.randomUUID(), at: deps.nowIso() })
  );
}

export async function exportPeriod(deps: ExportDeps, p: Period, format: ExportFormat, file: string): Promise<ExportInfo> {
  if (p.to < p.from) throw new Error('the period ends before it starts');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const at = deps.nowIso();
  const exportedAt = chinaTime(at);
  // write to a temporary name first: a half-written file is never left under the real name
  const tmp = `${file}.part-${process.pid}`;
  let rows: number;
  const total = format === 'pdf' ? 0 : createLocalReader(deps.rows).count(p);
  const onRows = (n: number) => deps.onProgress?.(Math.min(n, total), total);
  try {
    if (format === 'csv') rows = (await writeCsv(deps.rows, p, tmp, onRows)).rows;
    else {
      const result = summaryFor(deps, p);
      if (format === 'xlsx') rows = (await writeXlsx(deps.rows, p, tmp, { result, exportedBy: deps.operator, exportedAt }, onRows)).rows;
      else rows = (await writePdf(tmp, { result, exportedBy: deps.operator, exportedAt, auditHead: deps.auditHead?.() })).pages;
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const bytes = fs.statSync(file).size;
  deps.audit({
    actor: deps.operator.no,
    action: 'reconcile.export',
    subject: p.from === p.to ? p.from : `${p.from}..${p.to}`,
    detail: { format, file: path.resolve(file), rows, bytes, operator_name: deps.operator.name },
  });
  return { format, file: path.resolve(file), fileName: path.basename(file), rows, bytes, at };
}
