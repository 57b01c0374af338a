/**
 * Typed call helper over the bridge: returns the data or throws an ApiCallError carrying the ApiError.
 * Every call is tracked in the busy store so slow calls show progress.
 */
import type { ApiError, CallInput, CallName, CallOutput } from '../../shared/api.js';
import { getBridge } from '../bridge.js';
import { beginBusy } from './busy.js';

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly field: string | null;
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'ApiCallError';
    this.code = apiError.code;
    this.field = apiError.field ?? null;
  }
}

/** i18n key for the progress text of a call (shown only when it takes over a second). */
export function busyLabelFor(name: CallName): string {
  const group = name.split('.')[0];
  switch (group) {
    case 'person':
      return 'busy.identify';
    case 'settle':
      return name === 'settle.preview' ? 'busy.preview' : name === 'settle.list' ? 'busy.list' : 'busy.settle';
    case 'catalog':
      return 'busy.catalog';
    case 'bill':
    case 'his':
      return 'busy.his';
    case 'sync':
      return 'busy.sync';
    case 'session':
      return 'busy.session';
    default:
      return 'busy.generic';
  }
}

/** Calls that run in the background and must not flash the progress bar. */
const QUIET: ReadonlySet<CallName> = new Set<CallName>(['status.get', 'session.touch', 'session.get', 'app.info']);

export async function api<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const end = QUIET.has(name) ? () => {} : beginBusy(busyLabelFor(name));
  try {
    let result;
    try {
      result = await getBridge().call(name, input);
    } catch (err) {
      // a bridge must answer with ApiResult; a throw is a bug or a dead transport
      throw new ApiCallError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), field: null });
    }
    if (result.ok) return result.data;
    throw new ApiCallError({ code: result.error.code, message: result.error.message, field: result.error.field ?? null, key: result.error.key ?? null, params: result.error.params ?? {} });
  } finally {
    end();
  }
}

export function isApiCallError(err: unknown): err is ApiCallError {
  return err instanceof ApiCallError;
}

/** Normalise anything thrown into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiCallError) return err.apiError;
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), field: null };
}
