/**
 * The errors the main side shows to the UI. Services throw an AppError on purpose (the code tells the
 * renderer how to show it); everything else is typed where it arises (CenterError in center/,
 * CatalogError in settle/ …) and mapped to an AppError once, at the router (router.ts).
 * Config loading and the router both describe zod errors the same way, so the rule lives here.
 *
 * What the cashier reads is never the `message` (developer English, for logs and tests): an AppError
 * made with `AppError.keyed` names a message of the renderer's dictionaries (`key`, filled with
 * `params`), so the screen speaks one language, Chinese or English, and no field path or configuration
 * key reaches it. Without a key the renderer says what the code means, in general words.
 */
import type { z } from 'zod';
import type { ApiError } from '../shared/api.js';

/** Values a message is filled with: names, amounts already formatted ("1,234.50"), dates, counts. */
export type MessageParams = Record<string, string | number>;

/** An error a service throws on purpose; becomes `{ok:false, error}` on the wire. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly field: string | null = null,
    /** the renderer's message key (i18n), or null */
    readonly key: string | null = null,
    readonly params: MessageParams = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** An error the cashier reads in words of the dictionaries: `key` with `params`; `message` stays for the log. */
  static keyed(code: ApiError['code'], key: string, params: MessageParams = {}, opts: { field?: string | null; message?: string } = {}): AppError {
    return new AppError(code, opts.message ?? key, opts.field ?? null, key, params);
  }
}

/** The zod issue codes the renderer has words for ("validation.<code>"). */
const ISSUE_KEYS = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'invalid_union', 'unrecognized_keys', 'custom', 'not_multiple_of', 'invalid_key', 'invalid_element']);

/** First issue of a zod error as {field, message, key}: the field is the dotted path, the key names the kind of problem. */
export function describeZodError(err: z.ZodError): { field: string | null; message: string; key: string } {
  const issue = err.issues[0];
  if (!issue) return { field: null, message: 'invalid input', key: 'validation.custom' };
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  const key = `validation.${ISSUE_KEYS.has(issue.code) ? issue.code : 'custom'}`;
  return { field, message: field ? `${field}: ${issue.message}` : issue.message, key };
}
