/**
 * Institution catalog files as a pharmacy's own system exports them, generated for tests and
 * benchmarks: N rows with Chinese headers, realistic names, prices, barcodes and mappings to the
 * sample national catalog (every seventh row unmapped), and deliberate errors where asked.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sampleNationalCatalog } from '../../src/main/settle/sample-data.js';

export const HEADERS = ['机构编码', '名称', '规格', '单位', '单价(元)', '条码', '整售', '医保编码', '类别'];

const STEMS = ['阿莫西林', '布洛芬', '头孢克洛', '板蓝根', '二甲双胍', '奥美拉唑', '氯雷他定', '左氧氟沙星', '硝苯地平', '阿托伐他汀', '维生素C', '复方甘草', '感冒灵', '六味地黄', '云南白药', '蒲地蓝', '枇杷止咳', '碳酸钙', '黄芪', '当归'];
const FORMS = ['胶囊', '片', '颗粒', '缓释片', '口服液', '注射液', '丸', '软膏'];
const NATIONAL = sampleNationalCatalog().versions[0].items.map((i) => i.hilist_code);

/** the n-th row (1-based), as text cells */
export function catalogRow(n: number): string[] {
  const name = `${STEMS[n % STEMS.length]}${FORMS[(n >> 3) % FORMS.length]}${n}`;
  return [
    `YP${String(n).padStart(6, '0')}`,
    name,
    `${(n % 9) + 1}0mg*${(n % 4) + 1}0粒`,
    n % 11 === 0 ? '瓶' : '盒',
    ((100 + ((n * 37) % 9900)) / 100).toFixed(2),
    `69${String(n).padStart(11, '0')}`,
    n % 13 === 0 ? '否' : '是',
    n % 7 === 0 ? '' : NATIONAL[n % NATIONAL.length],
    n % 17 === 0 ? '医用耗材' : '西药',
  ];
}

/** rows 1..n, with some rows changed (row number → cells); `skip` drops rows */
export function catalogRows(n: number, change: Map<number, (cells: string[]) => string[]> = new Map(), skip: Set<number> = new Set()): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i <= n; i++) {
    if (skip.has(i)) continue;
    const cells = catalogRow(i);
    const f = change.get(i);
    rows.push(f ? f(cells) : cells);
  }
  return rows;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeCatalogCsv(file: string, rows: string[][], opts: { gbk?: boolean; bom?: boolean } = {}): void {
  const text = [HEADERS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  fs.writeFileSync(file, opts.gbk ? iconv.encode(text, 'gb18030') : (opts.bom ? '\uFEFF' : '') + text);
}

/** an XLSX as Excel writes one (exceljs streaming writer, shared strings); prices as numbers like a spreadsheet holds them */
export async function writeCatalogXlsx(file: string, rows: string[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('机构目录');
  ws.addRow(HEADERS).commit();
  for (const r of rows) {
    const price = /^\d+(\.\d{1,2})?$/.test(r[4]) ? Number(r[4]) : r[4];
    ws.addRow([r[0], r[1], r[2], r[3], price, r[5], r[6], r[7], r[8]]).commit();
  }
  ws.commit();
  await wb.commit();
}
