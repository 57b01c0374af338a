/** The `security` section of the configuration: lockout, supervisor approval, data kept, disk, log. */
import { z } from 'zod';

export const SecurityConfig = z.object({
  /** wrong PINs in a row lock that cashier (not the others) for `minutes`; kept across restarts */
  lockout: z
    .object({
      maxFailed: z.number().int().min(3).max(20).default(5),
      minutes: z.number().int().min(1).max(24 * 60).default(15),
    })
    .prefault({}),
  /**
   * Reversing a settlement needs a supervisor's number and PIN, except: the cashier who confirmed it,
   * on the same business day, within `ownWithinMinutes` of confirming (0: never an exception).
   * A signed-in supervisor or administrator is the supervisor.
   */
  reversal: z.object({ ownWithinMinutes: z.number().int().min(0).max(24 * 60).default(0) }).prefault({}),
  /** how long a supervisor's approval stays valid for the one action it was given for */
  approvalSeconds: z.number().int().min(15).max(600).default(120),
  /** cached people (last 1101, for offline identification) older than this are deleted */
  personCacheDays: z.number().int().min(1).max(365).default(30),
  /** below this much free space in the data directory, confirms are refused (sign-in and the audit still write) */
  minFreeDiskMb: z.number().int().min(0).max(1_000_000).default(64),
  /** the error log (<dataDir>/logs/pos.log, 0600): rotated at maxBytes, `keep` old files */
  log: z.object({ maxBytes: z.number().int().min(64 * 1024).max(1024 * 1024 * 1024).default(5 * 1024 * 1024), keep: z.number().int().min(1).max(50).default(5) }).prefault({}),
});
export type SecurityConfig = z.infer<typeof SecurityConfig>;
