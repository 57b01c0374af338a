/**
 * Every row of an institution catalog file checked cell by cell; an error names the row (as the
 * spreadsheet numbers it: the header is row 1), the column (its header as in the file) and the reason
 * in Chinese. A row with any error is not taken; the file as a whole is only activated without errors.
 */
import { yuanToFen } from '../../shared/money.js';
import type { InstitutionItem } from '../settle/index.js';
import { FIELD_LABEL, type CatalogField } from './columns.js';

export interface RowError {
  /** 1-based row number as the spreadsheet shows it (the header row is 1) */
  row: number;
  /** the column's header as in the file (or the field's Chinese name where the column is missing) */
  column: string;
  reason: string;
}

export const describeRowError = (e: RowError): string => `第 ${e.row} 行「${e.column}」：${e.reason}`;

const CODE = /^[\x21-\x7E]{1,30}$/;
const NATIONAL = /^[A-Za-z0-9.\-]{1,50}$/;
const BARCODE = /^[0-9A-Za-z-]{4,50}$/;
const YES = new Set(['是', 'y', 'yes', '1', 'true', '整', '整售', '√']);
const NO = new Set(['否', 'n', 'no', '0', 'false', '拆', '拆零', '']);
const KIND: Record<string, InstitutionItem['kind']> = {
  drug: 'drug', 药品: 'drug', 西药: 'drug', 中成药: 'drug', 中药: 'drug', 中药饮片: 'drug', 西药中成药: 'drug', '101': 'drug', '102': 'drug', '103': 'drug', 保健品: 'drug',
  service: 'service', 医疗服务: 'service', 医疗服务项目: 'service', 诊疗: 'service', 诊疗项目: 'service', 服务: 'service', '201': 'service',
  material: 'material', 耗材: 'material', 医用耗材: 'material', 材料: 'material', 卫生材料: 'material', '301': 'material',
};

export function createRowValidator(columns: Map<CatalogField, { index: number; header: string }>) {
  const seenCode = new Map<string, number>();
  const seenBarcode = new Map<string, number>();
  const header = (f: CatalogField) => columns.get(f)?.header ?? FIELD_LABEL[f];

  /** one data row → the item, or its errors */
  return function validate(row: number, cells: readonly string[]): { item: InstitutionItem | null; errors: RowError[] } {
    const errors: RowError[] = [];
    const cell = (f: CatalogField) => {
      const c = columns.get(f);
      return c ? (cells[c.index] ?? '').trim() : '';
    };
    const fail = (f: CatalogField, reason: string) => void errors.push({ row, column: header(f), reason });

    const code = cell('medins_list_codg');
    if (!code) fail('medins_list_codg', '不能为空');
    else if (!CODE.test(code)) fail('medins_list_codg', code.length > 30 ? `长度 ${code.length} 超过 30 个字符` : `只能由字母、数字和符号组成，不能有空格或汉字: ${code}`);
    else if (seenCode.has(code.toUpperCase())) fail('medins_list_codg', `编码 ${code} 与第 ${seenCode.get(code.toUpperCase())} 行重复`);
    else seenCode.set(code.toUpperCase(), row);

    const name = cell('name');
    if (!name) fail('name', '不能为空');
    else if (name.length > 200) fail('name', `长度 ${name.length} 超过 200 个字符`);

    const spec = cell('spec');
    if (spec.length > 200) fail('spec', `长度 ${spec.length} 超过 200 个字符`);

    const unit = cell('unit');
    if (!unit) fail('unit', '不能为空');
    else if (unit.length > 20) fail('unit', `长度 ${unit.length} 超过 20 个字符`);

    let price = 0;
    const priceText = cell('price').replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,/g, '');
    if (!priceText) fail('price', '不能为空');
    else {
      try {
        price = yuanToFen(priceText);
      } catch {
        fail('price', `不是金额（元，最多两位小数，不能为负）: ${cell('price')}`);
      }
    }

    const barcode = cell('barcode');
    if (barcode && !BARCODE.test(barcode)) fail('barcode', `条码只能由 4 至 50 位字母或数字组成: ${barcode}`);
    else if (barcode && seenBarcode.has(barcode)) fail('barcode', `条码 ${barcode} 与第 ${seenBarcode.get(barcode)} 行重复`);
    else if (barcode) seenBarcode.set(barcode, row);

    let whole = true;
    if (columns.has('whole_units')) {
      const v = cell('whole_units').toLowerCase();
      if (YES.has(v) || v === '') whole = true;
      else if (NO.has(v)) whole = false;
      else fail('whole_units', `应填 是/否（或 1/0、Y/N）: ${cell('whole_units')}`);
    } else if (columns.has('fractional')) {
      const v = cell('fractional').toLowerCase();
      if (YES.has(v)) whole = false;
      else if (NO.has(v)) whole = true;
      else fail('fractional', `应填 是/否（或 1/0、Y/N）: ${cell('fractional')}`);
    }

    const national = cell('med_list_codg');
    if (national && !NATIONAL.test(national)) fail('med_list_codg', `医保编码只能由字母、数字、点和横线组成，最长 50 位: ${national}`);

    let kind: InstitutionItem['kind'] = 'drug';
    if (columns.has('kind') && cell('kind')) {
      const k = KIND[cell('kind').toLowerCase()];
      if (k) kind = k;
      else fail('kind', `不认识的类别: ${cell('kind')}（药品 / 医疗服务 / 医用耗材，或 101 / 201 / 301）`);
    }

    if (errors.length > 0) return { item: null, errors };
    return {
      item: { medins_list_codg: code, name, spec, unit, kind, price, barcode: barcode || null, whole_units: whole, med_list_codg: national ? national.toUpperCase() : null },
      errors,
    };
  };
}
