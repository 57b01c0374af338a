/**
 * The `cash` section of the configuration: what the till refuses as a typo. The amount received must
 * cover the cash due (a part payment is not a settlement); change above `maxChangeFen` (1,000.00 by
 * default) is an amount mistyped, not a note handed over.
 */
import { z } from 'zod';

export const CashConfig = z
  .object({
    maxChangeFen: z.number().int().min(0).max(10_000_000).default(100_000),
  })
  .strict();
export type CashConfig = z.infer<typeof CashConfig>;
