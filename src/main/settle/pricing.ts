/** Bill lines as the cashier entered them → engine lines (prices from the institution's catalog or the HIS, classes from the national catalog). */
import { MoneyError, QTY_SCALE, parseQty } from '../../shared/money.js';
import { fen, type BillKind, type BillLineInput, type SplitLine, type UnmappedReason } from '../../shared/domain.js';
import { CatalogError } from './errors.js';
import type { Catalog } from './types.js';

/** An engine line and what the center must be told about where it came from. */
export interface PricedLine extends SplitLine {
  /** the code the bill line named (institution code, barcode or national code) */
  input_code: string;
  /** the institution's code for the fee detail (medins_list_codg) */
  medins_list_codg: string;
  /** null when the national catalog covers the line; else why it is fully self-paid */
  unmapped: UnmappedReason | null;
}

/** A line the caller declares fully self-paid whatever the catalog says (the simulator: an institution's hosp_appr_flag 2). */
export type PricingLineInput = BillLineInput & { selfpay?: boolean };

/**
 * Pharmacy: the line names an institution item (its code, barcode, or the national code one item maps
 * to); the price is the institution's (a `pric` on the line is ignored: the catalog is the price list).
 * Outpatient: the line names a national code (the HIS's med_list_codg) and carries the HIS price;
 * class, ratio and cap come from the national catalog. A line the national catalog does not cover is
 * priced as class C (fully self-paid) and marked, never as covered.
 * The engine line's `code` is what the center is sent as med_list_codg: the national code when
 * covered, else the institution's (or the HIS's) own code.
 * Errors name the field as `lines.N.code` / `lines.N.qty` / `lines.N.pric`, N counted from 0 (zod style);
 * line_no counts from 1.
 */
export function priceLines(lines: readonly PricingLineInput[], catalog: Catalog, kind: BillKind): PricedLine[] {
  return lines.map((line, i) => {
    const r = kind === 'pharmacy' ? pharmacyLine(line, catalog, i) : outpatientLine(line, catalog, i);
    let qty: number;
    try {
      qty = parseQty(line.qty);
    } catch (e) {
      throw new CatalogError(`lines.${i}.qty: ${(e as MoneyError).message}`, r.input_code, `lines.${i}.qty`);
    }
    if (qty <= 0) throw new CatalogError(`lines.${i}.qty: quantity must be greater than 0`, r.input_code, `lines.${i}.qty`);
    if (qty % QTY_SCALE !== 0 && r.whole) {
      throw new CatalogError(`${r.name} 只能按整${r.unit}销售 (lines.${i}.qty: ${line.qty} is fractional)`, r.input_code, `lines.${i}.qty`);
    }
    const unmapped = line.selfpay ? (r.unmapped ?? 'not_in_national') : r.unmapped;
    const covered = unmapped === null && r.entry !== undefined;
    return {
      line_no: i + 1,
      code: covered ? r.national_code : r.own_code,
      name: line.name ?? r.name,
      chrgitm_lv: covered ? r.entry!.chrgitm_lv : '03',
      pric: r.pric,
      cnt: line.qty,
      selfpay_prop: covered && r.entry!.chrgitm_lv === '02' ? r.entry!.selfpay_prop : 0,
      pric_uplmt_amt: covered ? r.entry!.pric_uplmt_amt : null,
      input_code: r.input_code,
      medins_list_codg: r.own_code,
      unmapped: covered ? null : unmapped,
    };
  });
}

interface Resolved {
  input_code: string;
  own_code: string;
  national_code: string;
  entry: ReturnType<Catalog['national']>;
  unmapped: UnmappedReason | null;
  pric: number;
  name: string;
  unit: string;
  whole: boolean;
}

function pharmacyLine(line: PricingLineInput, catalog: Catalog, i: number): Resolved {
  const item = catalog.lookup(line.code);
  if (!item) throw new CatalogError(`目录中没有编码 ${line.code} (lines.${i}.code: unknown catalog code)`, line.code, `lines.${i}.code`);
  const entry = item.med_list_codg && item.unmapped === null ? catalog.national(item.med_list_codg) : undefined;
  return {
    input_code: line.code,
    own_code: item.code,
    national_code: item.med_list_codg ?? item.code,
    entry,
    unmapped: entry ? null : (item.unmapped ?? 'not_in_national'),
    pric: item.price,
    name: item.name,
    unit: item.unit,
    whole: item.whole_units,
  };
}

function outpatientLine(line: PricingLineInput, catalog: Catalog, i: number): Resolved {
  if (line.pric === undefined) throw new CatalogError(`lines.${i}.pric: an outpatient line needs the HIS price`, line.code, `lines.${i}.pric`);
  if (!fen.safeParse(line.pric).success) throw new CatalogError(`lines.${i}.pric: must be an integer number of fen`, line.code, `lines.${i}.pric`);
  const code = line.code.trim();
  // the HIS names the national code; an institution item mapped to it gives the institution's code and unit rule
  const item = catalog.lookup(code);
  const national = catalog.national(code) ? code : item?.med_list_codg && item.unmapped === null ? item.med_list_codg : null;
  const entry = national ? catalog.national(national) : undefined;
  return {
    input_code: line.code,
    own_code: item?.code ?? code,
    national_code: national ?? code,
    entry,
    unmapped: entry ? null : (item?.unmapped ?? 'not_in_national'),
    pric: line.pric,
    name: entry?.name ?? item?.name ?? code,
    unit: item?.unit ?? '',
    // the HIS decides the quantity; a whole-unit rule applies where the institution's item says so
    whole: item?.whole_units ?? false,
  };
}
