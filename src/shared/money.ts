/**
 * Money, ratios and quantities as integers. The one place where rounding is defined.
 *
 * - Amounts are integer fen (分). 1 yuan = 100 fen.
 * - Ratios are basis points (bp): 7000 = 70%.
 * - Quantities are integer ten-thousandths ("e4"): 1.5 boxes = 15000.
 * - Every product or quotient is rounded HALF UP to the fen at the step where it is made
 *   (DOMAIN.md "Rounding and order"); amounts here are never negative, so half-up and
 *   half-away-from-zero agree. Products are integers: exact as doubles up to 2^53, BigInt beyond;
 *   no fraction is ever rounded by the float unit.
 *
 * No Node and no DOM: the renderer, the main process and the simulator all import this file.
 */

/** Integer number of fen. Kept a plain number for JSON; checked by {@link assertFen}. */
export type Fen = number;
/** Basis points, 0..10000. */
export type Bp = number;
/** Quantity in ten-thousandths of a unit. */
export type QtyE4 = number;

export const BP_ONE = 10000;
export const QTY_SCALE = 10000;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function isFen(v: unknown): v is Fen {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function assertFen(v: unknown, what = 'amount'): Fen {
  if (!isFen(v)) throw new MoneyError(`${what} is not an integer number of fen: ${String(v)}`);
  return v;
}

/**
 * round_half_up(a × b / d) for non-negative integers, exact.
 * THE rounding rule of the project: every ratio, price × quantity and cap conversion goes through here.
 */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d)) {
    throw new MoneyError(`mulDivHalfUp needs integers: ${a} × ${b} / ${d}`);
  }
  if (a < 0 || b < 0 || d <= 0) throw new MoneyError(`mulDivHalfUp needs non-negative operands: ${a} × ${b} / ${d}`);
  // a product up to 2^53 is exact in a double, and so are % and the division of what is left: no BigInt needed
  const p = a * b;
  if (p <= Number.MAX_SAFE_INTEGER) {
    const r = p % d;
    const q = (p - r) / d;
    return r * 2 >= d ? q + 1 : q;
  }
  const n = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  const q = n / D;
  const r = n % D;
  const rounded = r * 2n >= D ? q + 1n : q;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('amount overflow');
  return Number(rounded);
}

/** amount × ratio, rounded half up to the fen. */
export function applyBp(amount: Fen, bp: Bp): Fen {
  return mulDivHalfUp(amount, bp, BP_ONE);
}

/** Line amount: round(price × quantity). */
export function lineAmount(unitPrice: Fen, qty: QtyE4): Fen {
  return mulDivHalfUp(unitPrice, qty, QTY_SCALE);
}

const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Decimal yuan as the center sends it (JSON number, string, or empty) to fen, exactly.
 * Refuses a third decimal place, signs, exponents and anything that is not a plain decimal.
 * `allowEmpty` makes "" / null / undefined 0 (only for optional wire fields).
 */
export function yuanToFen(v: unknown, opts: { allowEmpty?: boolean; allowNegative?: boolean } = {}): Fen {
  if (v === '' || v === null || v === undefined) {
    if (opts.allowEmpty) return 0;
    throw new MoneyError('amount is empty');
  }
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new MoneyError(`amount is not finite: ${v}`);
    // String(0.1) is "0.1": JS prints the shortest decimal that round-trips, which is the text that was sent.
    text = String(v);
  } else if (typeof v === 'string') {
    text = v.trim();
  } else {
    throw new MoneyError(`amount has the wrong type: ${typeof v}`);
  }
  let negative = false;
  if (text.startsWith('-')) {
    if (!opts.allowNegative) throw new MoneyError(`amount is negative: ${text}`);
    negative = true;
    text = text.slice(1);
  }
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyError(`amount is not a decimal with at most two places: ${JSON.stringify(v)}`);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return negative ? -fen : fen;
}

/** fen to the wire's decimal yuan text: 1230 → "12.30". */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** fen for people: 123456 → "1,234.56". */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  // grouped by hand: the split's explanation formats every amount it names
  const abs = Math.abs(fen);
  const cents = abs % 100;
  let int = String((abs - cents) / 100);
  for (let k = int.length - 3; k > 0; k -= 3) int = `${int.slice(0, k)},${int.slice(k)}`;
  return `${fen < 0 ? '-' : ''}${int}.${cents < 10 ? '0' : ''}${cents}`;
}

const QTY = /^(\d{1,6})(?:\.(\d{1,4}))?$/;

/** "1.5" → 15000. Quantities are positive with at most four decimal places. */
export function parseQty(v: unknown): QtyE4 {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = QTY.exec(text);
  if (!m) throw new MoneyError(`quantity is not a decimal with at most four places: ${JSON.stringify(v)}`);
  return Number(m[1]) * QTY_SCALE + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 15000 → "1.5" */
export function formatQty(q: QtyE4): string {
  const int = Math.floor(q / QTY_SCALE);
  const frac = String(q % QTY_SCALE).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : String(int);
}

/** "10%" style text for a ratio, for explanations. */
export function formatBp(bp: Bp): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += assertFen(v);
  return total;
}
