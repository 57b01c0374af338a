/**
 * An institution catalog file read whole: the header found (the first row that is not empty), its
 * columns mapped by name, every row validated, the file's SHA-256 (a version records exactly what
 * was imported), and the search keys (pinyin) made for the rows that are good.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InstitutionItem } from '../settle/index.js';
import type { StoredCatalogItem } from '../store/catalog-versions.js';
import { mapColumns } from './columns.js';
import { loadPinyin, searchKeysWith } from './pinyin.js';
import { formatOf, readTable, type TableFormat } from './read-table.js';
import { createRowValidator, type RowError } from './validate-rows.js';

export const MAX_ROWS = 200_000;
/** errors kept in full (the count is always exact) */
export const MAX_ERRORS_KEPT = 1000;

export interface ParsedCatalogFile {
  source: string;
  format: TableFormat;
  sha256: string;
  /** data rows read (empty rows not counted) */
  rows: number;
  items: InstitutionItem[];
  errors: RowError[];
  errorCount: number;
}

async function sha256Of(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function parseCatalogFile(file: string, onProgress?: (rows: number) => void): Promise<ParsedCatalogFile> {
  const format = formatOf(file);
  const sha256 = await sha256Of(file);
  const errors: RowError[] = [];
  let errorCount = 0;
  const note = (e: RowError) => {
    errorCount++;
    if (errors.length < MAX_ERRORS_KEPT) errors.push(e);
  };
  const items: InstitutionItem[] = [];
  let validate: ReturnType<typeof createRowValidator> | null = null;
  let rows = 0;
  for await (const r of readTable(file)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (!validate) {
      const { columns, problems } = mapColumns(r.cells);
      for (const p of problems) note({ row: r.row, column: p.column, reason: p.reason });
      if (problems.some((p) => p.reason.startsWith('缺少'))) break;
      validate = createRowValidator(columns);
      continue;
    }
    rows++;
    if (rows > MAX_ROWS) {
      note({ row: r.row, column: '(文件)', reason: `行数超过 ${MAX_ROWS} 行的上限` });
      break;
    }
    const v = validate(r.row, r.cells);
    if (v.item) items.push(v.item);
    for (const e of v.errors) note(e);
    if (onProgress && rows % 2000 === 0) onProgress(rows);
  }
  if (!validate && errorCount === 0) note({ row: 1, column: '(文件)', reason: '文件是空的：第一行应为列名（机构编码、名称、单位、单价…）' });
  else if (validate && rows === 0) note({ row: 2, column: '(文件)', reason: '只有列名，没有数据行' });
  return { source: path.basename(file), format, sha256, rows, items, errors, errorCount };
}

/** The rows as stored: with their pinyin initials and full pinyin. */
export async function withSearchKeys(items: readonly InstitutionItem[]): Promise<StoredCatalogItem[]> {
  const pinyin = await loadPinyin();
  const out: StoredCatalogItem[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push({ ...items[i], ...searchKeysWith(pinyin, items[i].name) });
    // a 20,000-row import must not stall the event loop for its whole length
    if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
  }
  return out;
}
