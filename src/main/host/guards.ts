/**
 * Request checks for the browser-mode host: per-launch token (cookie or header, constant-time),
 * Host header (DNS rebinding guard) and Origin header (cross-site requests).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'pos_t';
export const TOKEN_HEADER = 'x-pos-token';

/** Constant-time compare; hashing first makes the lengths equal so length is not leaked either. */
export function tokenEquals(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Value of one cookie from a Cookie header (first occurrence), or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function hostIsAllowed(req: IncomingMessage, port: number): boolean {
  const host = singleHeader(req, 'host');
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/** 'absent' | 'allowed' | 'foreign' */
export function originStatus(req: IncomingMessage, port: number): 'absent' | 'allowed' | 'foreign' {
  const origin = singleHeader(req, 'origin');
  if (origin === undefined) return 'absent';
  return allowedOrigins(port).includes(origin.toLowerCase()) ? 'allowed' : 'foreign';
}

export function hasTokenHeader(req: IncomingMessage, token: string): boolean {
  return tokenEquals(singleHeader(req, TOKEN_HEADER), token);
}

export function hasTokenCookie(req: IncomingMessage, token: string): boolean {
  return tokenEquals(readCookie(singleHeader(req, 'cookie'), TOKEN_COOKIE), token);
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * The checks every request goes through. `stateChanging` is true for API POST and WebSocket upgrade:
 * there a missing Origin is accepted only from a non-browser client that sends the token header.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string, stateChanging: boolean): GuardVerdict {
  if (!hostIsAllowed(req, port)) return { ok: false, status: 403, reason: 'forbidden host' };
  const origin = originStatus(req, port);
  if (origin === 'foreign') return { ok: false, status: 403, reason: 'forbidden origin' };
  const byHeader = hasTokenHeader(req, token);
  if (!byHeader && !hasTokenCookie(req, token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  if (stateChanging && origin === 'absent' && !byHeader) return { ok: false, status: 403, reason: 'origin required' };
  return { ok: true };
}
