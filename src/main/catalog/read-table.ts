/**
 * The rows of a catalog file as text cells, whatever the file: XLSX read as a stream (exceljs's
 * WorkbookReader: the first worksheet, row by row, shared strings cached), CSV through exceljs's CSV
 * reader (fast-csv underneath) with every cell kept as the text it is (a code "001101000010000"
 * must not become a number). Chinese Windows exports CSV in GBK: a file that is not valid UTF-8 is
 * read as GB18030 (iconv-lite). Row numbers are the spreadsheet's (the header is row 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';

export interface TableRow {
  row: number;
  cells: string[];
}

export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableError';
  }
}

export type TableFormat = 'xlsx' | 'csv';

export function formatOf(file: string): TableFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  throw new TableError(`不支持的文件类型 ${ext || '(无扩展名)'}：请导出为 .xlsx 或 .csv`);
}

/** A cell's value as text: numbers without exponent noise, dates as yyyy-MM-dd, rich text and formula results as their text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if (o.error) return o.error;
  }
  return String(v);
}

async function* xlsxRows(file: string): AsyncGenerator<TableRow> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r as unknown as { values: unknown[] }).values;
        const cells: string[] = [];
        // exceljs row values are 1-based (index 0 is empty)
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: (r as unknown as { number: number }).number, cells };
      }
      return; // the first worksheet is the catalog
    }
  } catch (e) {
    throw new TableError(`无法读取 Excel 文件（${(e as Error).message}）：请确认是 .xlsx 格式`);
  }
}

/** The file's text: UTF-8 (a BOM is dropped) or, when it is not valid UTF-8, GB18030. */
export function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

async function* csvRows(file: string): AsyncGenerator<TableRow> {
  const { default: ExcelJS } = await import('exceljs');
  const text = decodeText(await fs.promises.readFile(file));
  const wb = new ExcelJS.Workbook();
  let sheet;
  try {
    // map: keep the text (exceljs would turn "001101000010000" into a number and "2026-01-01" into a date)
    sheet = await wb.csv.read(Readable.from([text]), { map: (v: unknown) => (v === null || v === undefined ? '' : String(v)), parserOptions: { delimiter: text.includes('\t') && !text.split('\n')[0].includes(',') ? '\t' : ',' } } as never);
  } catch (e) {
    throw new TableError(`无法读取 CSV 文件（${(e as Error).message}）`);
  }
  let n = 0;
  for (const r of sheet.getRows(1, sheet.rowCount) ?? []) {
    n++;
    const values = r.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    yield { row: r.number, cells };
    // yield to the event loop now and then: a 20,000-row file must not freeze the screen
    if (n % 2000 === 0) await new Promise((res) => setImmediate(res));
  }
}

/** The rows of a catalog file, the header first. */
export function readTable(file: string): AsyncGenerator<TableRow> {
  return formatOf(file) === 'xlsx' ? xlsxRows(file) : csvRows(file);
}
