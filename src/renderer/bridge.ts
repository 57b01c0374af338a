/**
 * The renderer's one door to the main side: `window.pos` (PosBridge). In Electron the preload puts it
 * there; in browser mode this file creates the host client once (HTTP for calls, a WebSocket for events)
 * and puts it there, so the rest of the app never knows which shell it runs in.
 */
import type { ApiResult, CallName, EventName, EventPayload, PosBridge } from '../shared/api.js';

type WindowWithPos = { pos?: PosBridge };

export interface HostClientOptions {
  /** prefix for `/api/...` URLs; '' means same origin (the browser default) */
  baseUrl?: string;
  /** the events socket URL; defaults to ws(s)://<location.host>/api/events */
  eventsUrl?: string;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** first reconnect delay, doubled up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface HostClient extends PosBridge {
  /** close the events socket and stop reconnecting (tests, page unload) */
  close(): void;
}

function internal(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'INTERNAL', message, field: null } };
}

function defaultEventsUrl(): string {
  const loc = globalThis.location;
  const scheme = loc?.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc?.host ?? '127.0.0.1'}/api/events`;
}

/** The browser-mode client of the host: the protocol is fixed (see src/main/host). */
export function createHostClient(opts: HostClientOptions = {}): HostClient {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const WS = opts.WebSocket ?? globalThis.WebSocket;
  const baseUrl = opts.baseUrl ?? '';
  const backoffStart = opts.backoffMs ?? 500;
  const backoffMax = opts.maxBackoffMs ?? 10_000;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let closed = false;
  let backoff = backoffStart;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  function dispatch(raw: unknown): void {
    let msg: unknown;
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return; // garbage on the socket is ignored, never thrown into the UI
    }
    if (!msg || typeof msg !== 'object') return;
    const { event, payload } = msg as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const l of listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error('event listener failed', event, err);
      }
    }
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const delay = backoff;
    backoff = Math.min(backoff * 2, backoffMax);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (closed || !WS) return;
    let ws: WebSocket;
    try {
      ws = new WS(opts.eventsUrl ?? defaultEventsUrl());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      backoff = backoffStart;
    };
    ws.onmessage = (ev: MessageEvent) => dispatch(ev.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
      scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and schedules the reconnect
    };
  }

  connect();

  return {
    async call(name, input) {
      let res: Response;
      try {
        res = await doFetch(`${baseUrl}/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (err) {
        return internal(`network error calling ${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return internal(`${name}: reply is not JSON (HTTP ${res.status})`);
      }
      if (body && typeof body === 'object' && 'ok' in body) return body as ApiResult<never>;
      return internal(`${name}: reply is not an ApiResult (HTTP ${res.status})`);
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      socket?.close();
      socket = null;
    },
  };
}

/** `window.pos` when a shell provided it, else the browser-mode host client (created once). */
export function getBridge(): PosBridge {
  const w = globalThis as unknown as WindowWithPos;
  if (!w.pos) w.pos = createHostClient();
  return w.pos;
}

export type { CallName, EventName, EventPayload, PosBridge };
