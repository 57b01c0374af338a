/** `POST /api/call/<name>`: JSON body in, the router's ApiResult out, nothing else. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult } from '../../shared/api.js';
import type { ApiRouter } from '../router.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

function failure(code: 'VALIDATION' | 'INTERNAL', message: string): ApiResult<never> {
  return { ok: false, error: { code, message, field: null } };
}

/** Reads the body up to the limit; null when it is larger (the rest is drained, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleApiCall(req: IncomingMessage, res: ServerResponse, router: ApiRouter, rawName: string): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, failure('VALIDATION', 'method not allowed: use POST'));
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return sendJson(res, 415, failure('VALIDATION', 'content-type must be application/json'));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return sendJson(res, 413, failure('VALIDATION', 'request body larger than 2 MB'));

  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    name = rawName;
  }
  let body: Buffer | null;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch {
    return; // the client went away
  }
  if (body === null) return sendJson(res, 413, failure('VALIDATION', 'request body larger than 2 MB'));

  let input: unknown = undefined; // an empty body means "no input"; the router treats it as {}
  const text = body.toString('utf8');
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text);
    } catch (err) {
      return sendJson(res, 200, failure('VALIDATION', `request body is not valid JSON: ${(err as Error).message}`));
    }
  }
  let result: ApiResult<unknown>;
  try {
    result = await router.call(name, input);
  } catch {
    // the router catches service errors itself; this is only a last resort, and says nothing raw to the page
    result = failure('INTERNAL', 'internal error');
  }
  sendJson(res, 200, result);
}
