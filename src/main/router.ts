/**
 * The api router: the one place where a call from either transport (Electron IPC, browser-mode host)
 * is checked against the contract in src/shared/api.ts and handed to a service. Transports stay thin:
 * they pass (name, raw input) here and send back the ApiResult as it is.
 */
import { z } from 'zod';
import {
  calls,
  events,
  isCallName,
  type ApiError,
  type ApiResult,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from '../shared/api.js';

/** An error a service throws on purpose; becomes `{ok:false, error}` on the wire. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Handlers = {
  [N in CallName]: (input: z.infer<(typeof calls)[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface ApiRouter {
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: EventListener): () => void;
}

export interface RouterGuards {
  /** true when a cashier is logged in and the screen is not locked */
  isAuthorized(): { ok: true } | { ok: false; code: 'AUTH' | 'LOCKED'; message: string };
  /** the logged-in cashier's role, for calls that need a supervisor */
  role(): 'cashier' | 'supervisor' | null;
  /** developer calls exist only in the embedded default */
  devEnabled: boolean;
  /** called for every error that is not an AppError, for the log */
  onInternalError?(name: string, err: unknown): void;
}

/** First issue of a zod error as {field, message}: the field is the dotted path. */
export function describeZodError(err: z.ZodError): { field: string | null; message: string } {
  const issue = err.issues[0];
  if (!issue) return { field: null, message: 'invalid input' };
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

export interface EventBus {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      // validate outgoing events in development so a wrong payload is caught where it is made
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) throw new Error(`event ${name} payload invalid: ${describeZodError(parsed.error).message}`);
      for (const l of listeners) {
        try {
          l(name, parsed.data as EventPayload<typeof name>);
        } catch {
          // a broken transport must not stop the others
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
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
      if (def.supervisor && guards.role() !== 'supervisor') {
        return { ok: false, error: { code: 'AUTH', message: 'this action needs a supervisor', field: null } };
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const { field, message } = describeZodError(parsed.error);
        return { ok: false, error: { code: 'VALIDATION', message, field } };
      }
      try {
        const handler = handlers[name] as (i: unknown) => unknown;
        const data = await handler(parsed.data);
        return { ok: true, data };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
        guards.onInternalError?.(name, err);
        return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), field: null } };
      }
    },
    subscribe: bus.subscribe,
  };
}
