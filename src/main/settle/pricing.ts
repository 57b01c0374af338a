/** Bill lines as the cashier entered them → engine lines (prices, classes, caps from the catalog or HIS). */
import { MoneyError, QTY_SCALE, parseQty } from '../../shared/money.js';
import { fen, type BillKind, type BillLineInput, type SplitLine } from '../../shared/domain.js';
import { CatalogError } from './errors.js';
import type { Catalog } from './types.js';

/**
 * Pharmacy: the price is the catalog's (a `pric` on the line is ignored: the catalog is the price list).
 * Outpatient: the price is the HIS line's `pric` (required), class/ratio/cap from the catalog.
 * A line's code may be the national code or the barcode; the engine line carries the national code.
 * Errors name the field as `lines.N.code` / `lines.N.qty` / `lines.N.pric`, N counted from 0 (zod style);
 * line_no counts from 1.
 */
export function priceLines(lines: readonly BillLineInput[], catalog: Catalog, kind: BillKind): SplitLine[] {
  return lines.map((line, i) => {
    const item = catalog.lookup(line.code);
    if (!item) throw new CatalogError(`目录中没有编码 ${line.code} (lines.${i}.code: unknown catalog code)`, line.code, `lines.${i}.code`);
    let qty: number;
    try {
      qty = parseQty(line.qty);
    } catch (e) {
      throw new CatalogError(`lines.${i}.qty: ${(e as MoneyError).message}`, item.code, `lines.${i}.qty`);
    }
    if (qty <= 0) throw new CatalogError(`lines.${i}.qty: quantity must be greater than 0`, item.code, `lines.${i}.qty`);
    if (qty % QTY_SCALE !== 0 && !item.fractional) {
      throw new CatalogError(`${item.name} 只能按整${item.unit}销售 (lines.${i}.qty: ${line.qty} is fractional)`, item.code, `lines.${i}.qty`);
    }
    let pric = item.price;
    if (kind === 'outpatient') {
      if (line.pric === undefined) throw new CatalogError(`lines.${i}.pric: an outpatient line needs the HIS price`, item.code, `lines.${i}.pric`);
      if (!fen.safeParse(line.pric).success) throw new CatalogError(`lines.${i}.pric: must be an integer number of fen`, item.code, `lines.${i}.pric`);
      pric = line.pric;
    }
    return {
      line_no: i + 1,
      code: item.code,
      name: line.name ?? item.name,
      chrgitm_lv: item.chrgitm_lv,
      pric,
      cnt: line.qty,
      selfpay_prop: item.chrgitm_lv === '02' ? item.selfpay_prop : 0,
      pric_uplmt_amt: item.pric_uplmt_amt,
    };
  });
}
