/** The institution database's replication as the status bar and `pos institution status` see it. */
import { z } from 'zod';

export const InstitutionState = z.enum(['off', 'ok', 'behind', 'down', 'refused']);
export type InstitutionState = z.infer<typeof InstitutionState>;

export const InstitutionStatus = z.object({
  /** institution.database is configured (otherwise the terminal is its own institution: state 'off') */
  configured: z.boolean(),
  /** changes this window holds that the institution database does not have yet */
  backlog: z.number().int().nonnegative(),
  /** the last batch or heartbeat PostgreSQL committed, ISO */
  lastOkAt: z.string().nullable(),
  /** why the last try failed (down: the connection's error; refused: what the administrator must fix) */
  lastError: z.string().nullable(),
  state: InstitutionState,
});
export type InstitutionStatus = z.infer<typeof InstitutionStatus>;
