/**
 * CSV export of the detail rows: UTF-8 with a BOM (Excel and WPS then read Chinese correctly),
 * CRLF line ends, one header row "中文名(national_field)", amounts as yuan with two decimals
 * produced from integer fen by fenToYuan (exact, no float).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { fenToYuan } from '../../shared/money.js';
import type { ReconcileRows } from '../store/reconcile-rows.js';
import { DETAIL_COLUMNS, detailPages, detailValues } from './detail.js';
import type { Period } from './local.js';

export const BOM = '\uFEFF';

/** RFC 4180 quoting, and a leading apostrophe where a spreadsheet would read a formula. */
export function csvText(v: string): string {
  let s = v;
  if (s.length > 0 && '=+@\t\r'.includes(s[0])) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return DETAIL_COLUMNS.map((c) => csvText(`${c.zh}(${c.field})`)).join(',') + '\r\n';
}

const MONEY = DETAIL_COLUMNS.map((c) => c.kind === 'money');

export function csvLine(values: ReadonlyArray<string | number>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += ',';
    line += MONEY[i] ? fenToYuan(v as number) : csvText(v as string);
  }
  return line + '\r\n';
}

/** Write the period's detail CSV to `file`; resolves when the file is flushed. */
export async function writeCsv(source: ReconcileRows, p: Period, file: string, onRows?: (done: number) => void): Promise<{ rows: number; bytes: number }> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let rows = 0;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    await write(BOM + csvHeader());
    for await (const page of detailPages(source, p)) {
      let chunk = '';
      for (const r of page) chunk += csvLine(detailValues(r));
      rows += page.length;
      await write(chunk);
      onRows?.(rows);
    }
  } finally {
    out.end();
  }
  await Promise.race([once(out, 'finish'), failed]);
  await new Promise<void>((resolve) => out.close(() => resolve()));
  return { rows, bytes: fs.statSync(file).size };
}
