/**
 * The bill the cashier is building, as pure functions over plain data: adding catalog items, HIS lines,
 * quantities, and turning it into the BillDraft of the contract. Amounts are integer fen throughout.
 */
import type { BillDraft } from '../../shared/api.js';
import type { BillKind, CatalogItem, ChrgitmLv, MedType } from '../../shared/domain.js';
import type { HisBill } from '../../shared/his-bill.js';
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

/**
 * What is wrong with a line's quantity, or null. The text is taken as typed (never cleaned up), so
 * "1e9" is not read as 19 and "-2" not as 2: the cashier reads why it is refused.
 *   empty     nothing typed          negative  a minus sign
 *   format    not a plain decimal ("1e9", "1,000", letters)
 *   tooLarge  more than six digits before the point     decimals  more than four after it
 *   zero      0                      integer   a fraction of an item sold whole
 */
export type QtyProblem = 'empty' | 'negative' | 'format' | 'tooLarge' | 'decimals' | 'zero' | 'integer';

export function qtyProblem(line: Pick<DraftLine, 'qty' | 'fractional'>): QtyProblem | null {
  const q = line.qty.trim();
  if (q === '') return 'empty';
  if (/^-/.test(q)) return 'negative';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(q);
  if (!m) return 'format';
  if (m[1].replace(/^0+(?=\d)/, '').length > 6) return 'tooLarge';
  if ((m[2] ?? '').length > 4) return 'decimals';
  if (!QTY_TEXT.test(q) || Number(q) <= 0) return 'zero';
  if (!line.fractional && /[1-9]/.test(m[2] ?? '')) return 'integer';
  return null;
}

/** Problems that leave no amount to show (a whole-units problem still has one). */
const noAmount = (p: QtyProblem | null) => p !== null && p !== 'integer';

/** round(price × qty) in fen, or null while the quantity is invalid. */
export function lineAmountFen(line: Pick<DraftLine, 'qty' | 'fractional' | 'price'>): Fen | null {
  if (noAmount(qtyProblem(line))) return null;
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

/** A HIS line's class, spec, unit and whether it is sold whole, from the terminal's catalog; its name only where the HIS gave none. */
export function withCatalogDetails(lines: readonly DraftLine[], key: string, item: CatalogItem): DraftLine[] {
  return lines.map((l) => (l.key === key ? { ...l, lv: item.chrgitm_lv, spec: item.spec ?? '', unit: item.unit, fractional: item.fractional, name: l.name || item.name } : l));
}

/** A HIS-bill conversion problem, naming the field like the contract's VALIDATION errors; `key` is what the cashier reads. */
export class HisLineError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'HisLineError';
  }
}

/** HIS bill (yuan prices, number-or-text counts) → draft lines with price overrides, plus the HIS info. */
export function linesFromHis(bill: HisBill & { fingerprint?: string }, makeKey: (i: number) => string): { lines: DraftLine[]; his: HisInfo; med_type: MedType; fingerprint: string | null } {
  const lines = bill.lines.map((l, i): DraftLine => {
    let price: Fen;
    try {
      price = yuanToFen(l.pric);
    } catch (err) {
      throw new HisLineError(`lines.${i}.pric`, 'his.badAmount', err instanceof MoneyError ? err.message : String(err));
    }
    const qty = String(l.cnt).trim();
    if (!QTY_TEXT.test(qty) || Number(qty) <= 0) {
      throw new HisLineError(`lines.${i}.cnt`, 'his.badCount', `quantity is not a positive decimal with at most 4 places: ${JSON.stringify(l.cnt)}`);
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
    fingerprint: bill.fingerprint ?? null,
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
  /** the main side's seal of the loaded HIS bill */
  hisFingerprint: string | null;
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
      hisFingerprint: s.kind === 'outpatient' ? s.hisFingerprint : null,
      confirmedUnusual: false,
    },
  };
}

/** Same content ⇒ same text: a confirm of an unchanged draft reuses its requestId. */
export function draftFingerprint(d: BillDraft): string {
  return JSON.stringify([d.personRef, d.kind, d.med_type, d.lines, d.useAcct, d.mulaidPsnNo, d.his, d.hisFingerprint]);
}
