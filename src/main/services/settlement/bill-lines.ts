/**
 * What a cashier can get wrong in a bill's lines, said in words (keyed messages): an unknown code, a
 * quantity in fractions of an item sold whole, and quantities or totals beyond what is plausible at
 * a counter (9,999 boxes), which need a second confirmation (`confirmedUnusual`) before the money
 * moves. The contract (qtyText) already refused what is not a positive decimal ("1e9", "-2").
 */
import type { BillDraft } from '../../../shared/api.js';
import { QTY_SCALE, formatYuan, parseQty } from '../../../shared/money.js';
import { AppError } from '../../errors.js';
import type { Catalog } from '../../settle/index.js';
import type { CounterConfig } from '../counter-config.js';

export function checkLines(draft: Pick<BillDraft, 'lines'>, catalog: Catalog): void {
  draft.lines.forEach((line, i) => {
    const n = i + 1;
    const item = catalog.lookup(line.code);
    if (!item) throw AppError.keyed('NOT_FOUND', 'bill.unknownCode', { n, code: line.code }, { field: `lines.${i}.code`, message: `lines.${i}.code: unknown catalog code ${line.code}` });
    const qty = parseQty(line.qty);
    if (qty % QTY_SCALE !== 0 && !item.fractional) {
      throw AppError.keyed('VALIDATION', 'bill.qtyWholeUnits', { n, name: item.name, unit: item.unit }, { field: `lines.${i}.qty`, message: `lines.${i}.qty: ${item.name} is sold in whole ${item.unit}` });
    }
  });
}

/** Lines above the plausible quantity and a total above the plausible bill: the cashier confirms once more. */
export function unusualOf(lines: ReadonlyArray<{ qty: string }>, totalFen: number, limits: CounterConfig): { lines: number[]; total: boolean } {
  const maxQty = parseQty(String(limits.plausibleQty));
  const over = lines.flatMap((l, i) => (parseQty(l.qty) > maxQty ? [i + 1] : []));
  return { lines: over, total: totalFen > limits.plausibleBillFen };
}

export function requireConfirmedUnusual(draft: Pick<BillDraft, 'lines' | 'confirmedUnusual'>, totalFen: number, limits: CounterConfig): void {
  const u = unusualOf(draft.lines, totalFen, limits);
  if (draft.confirmedUnusual || (u.lines.length === 0 && !u.total)) return;
  throw AppError.keyed(
    'CONFLICT',
    'confirm.unusualNotConfirmed',
    { lines: u.lines.join(', '), qty: limits.plausibleQty, total: formatYuan(limits.plausibleBillFen) },
    { message: `unusual quantity (lines ${u.lines.join(',')}) or total above ${limits.plausibleBillFen} fen, not confirmed again` },
  );
}
