/**
 * The `counter` section of the configuration: what the cashier's screen treats as plausible. A line
 * above `plausibleQty` units, or a bill above `plausibleBillFen`, is not refused: the cashier is asked
 * once more before F9 settles it (a mistyped 9,999 boxes should not go through silently).
 */
import { z } from 'zod';

export const CounterConfig = z
  .object({
    /** a line's quantity above this asks for a second confirmation */
    plausibleQty: z.number().int().min(1).max(999_999).default(100),
    /** a bill total above this (fen) asks for a second confirmation */
    plausibleBillFen: z.number().int().min(1).default(300_000),
  })
  .strict();
export type CounterConfig = z.infer<typeof CounterConfig>;
