/**
 * How a call of the contract is declared. Each area's calls live in their own file
 * (api.ts the core, api-sync.ts, api-reconcile.ts, api-devices.ts) and api.ts merges them into one
 * table, so no channel exists outside it.
 */
import { z } from 'zod';

export const empty = z.object({}).strict();

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** needs a logged-in, unlocked cashier */
  auth: boolean;
  /** exists only in the embedded default (developer panel) */
  dev: boolean;
  /** needs the supervisor role (or the administrator's, which ranks above it) */
  supervisor: boolean;
  /** needs the administrator role (cashier administration) */
  admin: boolean;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  opts: { auth?: boolean; dev?: boolean; supervisor?: boolean; admin?: boolean } = {},
): CallDef<I, O> {
  return { input, output, auth: opts.auth ?? true, dev: opts.dev ?? false, supervisor: opts.supervisor ?? false, admin: opts.admin ?? false };
}
