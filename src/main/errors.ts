/**
 * The errors the main side shows to the UI. Services throw an AppError on purpose (the code tells the
 * renderer how to show it); everything else is typed where it arises (CenterError in center/,
 * CatalogError in settle/ …) and mapped to an AppError once, at the router (router.ts).
 * Config loading and the router both describe zod errors the same way, so the rule lives here.
 */
import type { z } from 'zod';
import type { ApiError } from '../shared/api.js';

/** An error a service throws on purpose; becomes `{ok:false, error}` on the wire. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly field: string | null = null,
    /** values the renderer puts into its own sentence (e.g. the time a lockout ends) */
    readonly params: Record<string, string> | undefined = undefined,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** First issue of a zod error as {field, message}: the field is the dotted path. */
export function describeZodError(err: z.ZodError): { field: string | null; message: string } {
  const issue = err.issues[0];
  if (!issue) return { field: null, message: 'invalid input' };
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}
