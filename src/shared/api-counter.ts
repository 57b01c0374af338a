/**
 * Calls and events of the cashier's screen (the counter), merged into the one contract by api.ts:
 * what the screen needs to know of the configuration, and a held person's balances changing.
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { PersonView, fen } from './domain.js';

export const CounterSettings = z.object({
  /** the business time zone: the clock, today's list and the date fields follow it (IANA name) */
  timeZone: z.string(),
  /** today in that zone, yyyy-MM-dd (the renderer's own clock may be in another zone) */
  today: z.string(),
  /** a line's quantity above this asks the cashier to confirm once more */
  plausibleQty: z.number().int().positive(),
  /** a bill above this (fen) asks once more */
  plausibleBillFen: fen,
});
export type CounterSettings = z.infer<typeof CounterSettings>;

export const counterCalls = {
  /** no secret in it, and the sign-in screen's clock needs the time zone too */
  'counter.settings': defineCall(empty, CounterSettings, { auth: false }),
} as const;

export const counterEvents = {
  /** a held person's balances or year's counters changed: a settlement was confirmed, answered, refused or reversed */
  'person.updated': PersonView,
} as const;
