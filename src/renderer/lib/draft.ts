/**
 * The bill the cashier is building, as pure functions over plain data: adding catalog items, HIS lines,
 * quantities, and turning it into the BillDraft of the contract. Amounts are integer fen throughout.
 */
import type { BillDraft } from '../../shared/api.js';
import type { BillKind, CatalogItem, ChrgitmLv, HisBill, MedType } from '../../shared/domain.js';
import { MoneyError, formatQty, lineAmount, parseQty, yuanToFen, type Fen } from '../../shared/money.js';

export interface DraftLine {
  /** stable key for React and tests (not the code: a code may appear on two HIS lines) */
  key: string;
  code: string;
  name: string;
  spec: string;
  unit: string;
  lv: ChrgitmLv | null;
  /** unit price in fen (catalog price, or the HIS price override) */
  price: Fen;
  /** quantity as the cashier typed it */
  qty: string;
  fractional: boolean;
  /** true for HIS lines: the price travels with the line */
  priceOverride: boolean;
  /** catalog items the national catalog does not cover are fully self-paid (and marked) */
  unmapped?: CatalogItem['unmapped'];
}

export type HisInfo = NonNullable<BillDraft['his']>;

const QTY_TEXT = /^\d{1,6}(\.\d{1,4})?$/;

/** What is wrong with a line's quantity, or null. */
export function qtyProblem(line: Pick<DraftLine, 'qty' | 'fractional'>): 'invalid' | 'integer' | null {
  const q = line.qty.trim();
  if (!QTY_TEXT.test(q) || Number(q) <= 0) return 'invalid';
  if (!line.fractional && q.includes('.') && !/\.0*$/.test(q)) return 'integer';
  return null;
}

/** round(price × qty) in fen, or null while the quantity is invalid. */
export function lineAmountFen(line: Pick<DraftLine, 'qty' | 'fractional' | 'price'>): Fen | null {
  if (qtyProblem(line) === 'invalid') return null;
  return lineAmount(line.price, parseQty(line.qty.trim()));
}

export function billTotal(lines: readonly DraftLine[]): Fen {
  let total = 0;
  for (const l of lines) total += lineAmountFen(l) ?? 0;
  return total;
}

export function lineFromCatalog(item: CatalogItem, key: string): DraftLine {
  return {
    key,
    code: item.code,
    name: item.name,
    spec: item.spec ?? '',
    unit: item.unit,
    lv: item.chrgitm_lv,
    price: item.price,
    qty: '1',
    fractional: item.fractional,
    priceOverride: false,
    unmapped: item.unmapped,
  };
}

/** Add a catalog item; the same item again adds one to its quantity (a second scan of the same box). */
export function addCatalogItem(lines: readonly DraftLine[], item: CatalogItem, key: string): DraftLine[] {
  const i = lines.findIndex((l) => l.code === item.code && !l.priceOverride);
  if (i < 0) return [...lines, lineFromCatalog(item, key)];
  const existing = lines[i];
  const next = qtyProblem(existing) === null ? formatQty(parseQty(existing.qty.trim()) + parseQty('1')) : '1';
  return lines.map((l, j) => (j === i ? { ...l, qty: next } : l));
}

export function setLineQty(lines: readonly DraftLine[], key: string, qty: string): DraftLine[] {
  return lines.map((l) => (l.key === key ? { ...l, qty } : l));
}

export function removeLine(lines: readonly DraftLine[], key: string): DraftLine[] {
  return lines.filter((l) => l.key !== key);
}

/** A HIS line's class, spec and unit from the terminal's catalog; its name only where the HIS gave none. */
export function withCatalogDetails(lines: readonly DraftLine[], key: string, item: CatalogItem): DraftLine[] {
  return lines.map((l) => (l.key === key ? { ...l, lv: item.chrgitm_lv, spec: item.spec ?? '', unit: item.unit, name: l.name || item.name } : l));
}

/** A HIS-bill conversion problem, naming the field like the contract's VALIDATION errors. */
export class HisLineError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'HisLineError';
  }
}

/** HIS bill (yuan prices, number-or-text counts) → draft lines with price overrides, plus the HIS info. */
export function linesFromHis(bill: HisBill, makeKey: (i: number) => string): { lines: DraftLine[]; his: HisInfo; med_type: MedType } {
  const lines = bill.lines.map((l, i): DraftLine => {
    let price: Fen;
    try {
      price = yuanToFen(l.pric);
    } catch (err) {
      throw new HisLineError(`lines.${i}.pric`, err instanceof MoneyError ? err.message : String(err));
    }
    const qty = String(l.cnt).trim();
    if (!QTY_TEXT.test(qty) || Number(qty) <= 0) {
      throw new HisLineError(`lines.${i}.cnt`, `quantity is not a positive decimal with at most 4 places: ${JSON.stringify(l.cnt)}`);
    }
    return {
      key: makeKey(i),
      code: l.med_list_codg,
      name: l.name ?? '',
      spec: '',
      unit: '',
      lv: null,
      price,
      qty,
      // the HIS decided the quantity; do not second-guess it here, the main side checks the catalog
      fractional: true,
      priceOverride: true,
    };
  });
  return {
    lines,
    his: {
      his_bill_no: bill.his_bill_no,
      dept_name: bill.dept_name ?? '',
      doctor_name: bill.doctor_name ?? '',
      diagnosis: (bill.diagnosis ?? []).map((d) => ({ diag_code: d.diag_code, diag_name: d.diag_name })),
    },
    med_type: bill.med_type,
  };
}

export function medTypeFor(kind: BillKind, hisMedType: MedType | null): MedType {
  return kind === 'pharmacy' ? '41' : (hisMedType ?? '11');
}

export interface DraftState {
  personRef: string | null;
  kind: BillKind;
  hisMedType: MedType | null;
  lines: readonly DraftLine[];
  useAcct: boolean;
  mulaidPsnNo: string | null;
  his: HisInfo | null;
}

export type BuiltDraft = { ok: true; draft: BillDraft } | { ok: false; reason: 'needPerson' | 'needLines' | 'fixLines' };

/** The contract's BillDraft, or why there is none yet. */
export function buildDraft(s: DraftState): BuiltDraft {
  if (!s.personRef) return { ok: false, reason: 'needPerson' };
  if (s.lines.length === 0) return { ok: false, reason: 'needLines' };
  if (s.lines.some((l) => qtyProblem(l) !== null)) return { ok: false, reason: 'fixLines' };
  return {
    ok: true,
    draft: {
      personRef: s.personRef,
      kind: s.kind,
      med_type: medTypeFor(s.kind, s.hisMedType),
      lines: s.lines.map((l) =>
        l.priceOverride ? { code: l.code, qty: l.qty.trim(), pric: l.price, ...(l.name ? { name: l.name } : {}) } : { code: l.code, qty: l.qty.trim() },
      ),
      useAcct: s.useAcct,
      mulaidPsnNo: s.mulaidPsnNo,
      his: s.kind === 'outpatient' ? s.his : null,
    },
  };
}

/** Same content ⇒ same text: a confirm of an unchanged draft reuses its requestId. */
export function draftFingerprint(d: BillDraft): string {
  return JSON.stringify([d.personRef, d.kind, d.med_type, d.lines, d.useAcct, d.mulaidPsnNo, d.his]);
}
