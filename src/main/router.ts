/**
 * The api router: the one place where a call from either transport (Electron IPC, browser-mode host)
 * is checked against the contract in src/shared/api.ts and handed to a service. Transports stay thin:
 * they pass (name, raw input) here and send back the ApiResult as it is.
 *
 * It is also the one place where an error becomes what the UI sees: an AppError as it is, a
 * CenterError (thrown by the center client, classified by the sync worker on its own terms) mapped
 * here to a CENTER_* code, anything else INTERNAL.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { calls, isCallName, type ApiError, type ApiResult, type CallName, type CallOutput } from '../shared/api.js';
import type { Role } from '../shared/domain.js';
import { roleAtLeast } from '../shared/limits.js';
import { centerErrorText, isCenterError, type CenterError } from './center/index.js';
import { AppError, describeZodError } from './errors.js';
import type { EventBus, EventListener } from './event-bus.js';
import { isStorageFull } from './store/index.js';

export type Handlers = {
  [N in CallName]: (input: z.infer<(typeof calls)[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};

/** The handlers an area contributes: exactly its own calls. */
export type AreaHandlers<C> = Pick<Handlers, Extract<keyof C, keyof Handlers>>;

export interface ApiRouter {
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: EventListener): () => void;
}

export interface RouterGuards {
  /** true when a cashier is logged in and the screen is not locked */
  isAuthorized(): { ok: true } | { ok: false; code: 'AUTH' | 'LOCKED'; message: string };
  /** the logged-in cashier's role, for calls that need a supervisor or an administrator */
  role(): Role | null;
  /** developer calls exist only in the embedded default */
  devEnabled: boolean;
  /** called for every error that is not an AppError, for the log; `incident` is what the cashier is shown */
  onInternalError?(name: string, err: unknown, incident: string): void;
}

/**
 * What the cashier is told when the center did not do what was asked: a refusal in the center's own
 * words (its err_msg, shown as the center's), anything else in the dictionaries' words (the message
 * keeps the technical text for the log).
 */
export function appErrorOfCenter(err: CenterError): AppError {
  const message = centerErrorText(err);
  if (err.kind === 'refused') return new AppError('CENTER_REFUSED', err.err_msg ?? message, null, 'center.refused', { message: err.err_msg ?? '' });
  if (err.kind === 'bad_reply') return AppError.keyed('CENTER_BAD_REPLY', 'center.badReply', {}, { message });
  return AppError.keyed('CENTER_UNREACHABLE', err.kind === 'timeout' ? 'center.timeout' : 'center.unreachable', {}, { message });
}

function apiErrorOf(err: AppError): ApiError {
  return { code: err.code, message: err.message, field: err.field, key: err.key, params: err.params };
}

export function createRouter(handlers: Handlers, guards: RouterGuards, bus: EventBus): ApiRouter {
  return {
    async call(name, input) {
      if (!isCallName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call: ${String(name).slice(0, 60)}`, field: null } };
      }
      const def = calls[name];
      if (def.dev && !guards.devEnabled) {
        return { ok: false, error: { code: 'DEV_ONLY', message: 'developer calls exist only in the embedded default', field: null } };
      }
      if (def.auth) {
        const a = guards.isAuthorized();
        if (!a.ok) return { ok: false, error: { code: a.code, message: a.message, field: null } };
      }
      if (def.admin && !roleAtLeast(guards.role(), 'administrator')) {
        return { ok: false, error: { code: 'AUTH', message: 'this action needs an administrator', field: null } };
      }
      if (def.supervisor && !roleAtLeast(guards.role(), 'supervisor')) {
        return { ok: false, error: { code: 'AUTH', message: 'this action needs a supervisor', field: null } };
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const { field, message, key } = describeZodError(parsed.error);
        return { ok: false, error: { code: 'VALIDATION', message, field, key, params: {} } };
      }
      try {
        const handler = handlers[name] as (i: unknown) => unknown;
        const data = await handler(parsed.data);
        return { ok: true, data };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: apiErrorOf(err) };
        if (isCenterError(err)) return { ok: false, error: apiErrorOf(appErrorOfCenter(err)) };
        // SQLite rolled the statement and its transaction back: say so plainly, the process goes on
        if (isStorageFull(err)) return { ok: false, error: { code: 'STORAGE_FULL', message: 'the disk is full: nothing was written', field: null } };
        // the cashier gets an incident number, never a raw message or a file path; the log gets the stack
        const incident = randomBytes(4).toString('hex').toUpperCase();
        guards.onInternalError?.(name, err, incident);
        return { ok: false, error: { code: 'INTERNAL', message: `internal error, incident ${incident}`, field: null, params: { incident } } };
      }
    },
    subscribe: bus.subscribe,
  };
}
