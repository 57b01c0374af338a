/**
 * Quantities and totals beyond what is plausible at a counter (configuration `counter`): F9 asks the
 * cashier once more, naming the lines, before the money moves. The main side checks the same.
 */
import type { Fen } from '../../shared/money.js';
import type { DraftLine } from './draft.js';

export function unusualLines(lines: readonly Pick<DraftLine, 'qty'>[], total: Fen, limits: { plausibleQty: number; plausibleBillFen: number }): { lines: number[]; total: boolean } {
  const over = lines.flatMap((l, i) => (Number(l.qty.trim()) > limits.plausibleQty ? [i + 1] : []));
  return { lines: over, total: total > limits.plausibleBillFen };
}
