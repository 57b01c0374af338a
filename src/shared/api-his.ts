/**
 * Calls and events of the HIS area: a bill loaded by its prescription / visit number, a line removed
 * with a supervisor's approval, and the results owed to the HIS (the status bar counts those not yet
 * acknowledged). Merged into the one contract by api.ts.
 */
import { z } from 'zod';
import { CASHIER_NO_PATTERN, PIN_PATTERN } from './domain.js';
import { HisBill } from './his-bill.js';
import { defineCall, empty } from './contract.js';

const billNo = z.string().trim().min(1, 'the prescription / visit number is empty').max(40);

export const HisRemovedLine = z.object({
  /** the line's index in the bill as the HIS gave it (from 0) */
  line_index: z.number().int().nonnegative(),
  med_list_codg: z.string(),
  name: z.string(),
  reason: z.string(),
  approved_by: z.string(),
  requested_by: z.string(),
  at: z.string(),
});
export type HisRemovedLine = z.infer<typeof HisRemovedLine>;

/** A bill as the counter holds it: the lines still on it (the removed ones listed apart). */
export const HeldHisBill = z.object({
  /** the lines still on it, sealed by the main side (the draft sends the seal back: HIS lines cannot be edited) */
  bill: HisBill.extend({ fingerprint: z.string() }),
  removed: z.array(HisRemovedLine),
  /** where it came from: 'http' | 'folder' | 'embedded' */
  source: z.string(),
});
export type HeldHisBill = z.infer<typeof HeldHisBill>;

export const HisStatus = z.object({
  source: z.enum(['embedded', 'http', 'folder', 'none']),
  /** results the HIS has not acknowledged yet */
  unacked: z.number().int().nonnegative(),
  oldestAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** when the sender tries again by itself (ISO), or null */
  nextAttemptAt: z.string().nullable(),
});
export type HisStatus = z.infer<typeof HisStatus>;

export const hisCalls = {
  /** the HIS's bill for this prescription / visit number (typed or scanned); a bill already settled is refused with its settlement */
  'his.loadBill': defineCall(z.object({ billNo }).strict(), HeldHisBill),
  /**
   * Remove a line from a bill loaded by number: a supervisor's number and PIN approve it (checked on the
   * main side, audited). `position` counts the lines still on the bill; `med_list_codg` must be that line's.
   */
  'his.removeLine': defineCall(
    z
      .object({
        billNo,
        position: z.number().int().nonnegative(),
        med_list_codg: z.string().min(1).max(50),
        reason: z.string().trim().min(1, 'a reason is required').max(100),
        supervisorNo: z.string().regex(CASHIER_NO_PATTERN, 'cashier number is 4 digits'),
        pin: z.string().regex(PIN_PATTERN, 'PIN is 4 to 8 digits'),
      })
      .strict(),
    HeldHisBill,
  ),
  'his.status': defineCall(empty, HisStatus),
  /** send what is owed to the HIS now */
  'his.retryNow': defineCall(empty, HisStatus),
  /** developer panel: a fresh demo bill in the embedded HIS simulator */
  'dev.hisNewBill': defineCall(empty, z.object({ billNo: z.string() }), { dev: true }),
} as const;

export const hisEvents = {
  'his.changed': HisStatus,
} as const;
