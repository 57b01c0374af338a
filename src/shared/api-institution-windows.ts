/**
 * The windows overview (institution/windows/): for a supervisor, every window of this institution as
 * the institution database sees it, read with the finance role (institution.finance). Amounts in fen.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';

const fen = z.number().int();

export const WindowTotals = z.object({
  /** settlements of the business date the center settled (settled, reversing, reversed) */
  settledCount: z.number().int().nonnegative(),
  medfee: fen,
  fund: fen,
  acct: fen,
  acctMulaid: fen,
  cash: fen,
  /** reversals the center confirmed on the business date (they count on their own day, negated) */
  reversedCount: z.number().int().nonnegative(),
  reversedMedfee: fen,
  /** medfee of the settled minus that of the reversed: what the day counts */
  netMedfee: fen,
  /** waiting for the center's answer (counted from the local preview) */
  queuedCount: z.number().int().nonnegative(),
  queuedMedfee: fen,
  /** of the settled, counted from the local preview because the center's split is not there yet */
  countedLocal: z.number().int().nonnegative(),
});
export type WindowTotals = z.infer<typeof WindowTotals>;

export const WindowRow = z.object({
  terminalId: z.string(),
  label: z.string(),
  /** never: no status row yet; silent: not heard from within staleAfterMs; behind: changes not yet stored */
  state: z.enum(['ok', 'behind', 'silent', 'never']),
  heardAt: z.string().nullable(),
  /** ms since the server last heard from the window (server clock) */
  silentMs: z.number().int().nullable(),
  ackedSeq: z.number().int().nullable(),
  localSeq: z.number().int().nullable(),
  /** changes the window held that were not in PostgreSQL yet */
  backlog: z.number().int().nullable(),
  oldestUnsentDate: z.string().nullable(),
  /** messages waiting to go to the center */
  centerQueue: z.number().int().nullable(),
  openConflicts: z.number().int().nullable(),
  cashierNo: z.string().nullable(),
  appVersion: z.string().nullable(),
  today: WindowTotals,
});
export type WindowRow = z.infer<typeof WindowRow>;

export const WindowsOverview = z.object({
  fixmedinsCode: z.string(),
  businessDate: z.string(),
  /** the server's time of the read */
  readAt: z.string(),
  /** the same as HH:mm:ss in the terminal's business time zone */
  readAtTime: z.string(),
  staleAfterMs: z.number().int(),
  windows: z.array(WindowRow),
  total: WindowTotals,
});
export type WindowsOverview = z.infer<typeof WindowsOverview>;

export const institutionWindowsCalls = {
  /** every window of this institution (supervisor; needs institution.finance at this window) */
  'institution.windows': defineCall(
    z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date yyyy-MM-dd').optional() }).strict(),
    WindowsOverview,
    { supervisor: true },
  ),
} as const;
