/**
 * The privileged `app://pos/` protocol: serves the renderer build from disk with the CSP header.
 * Standard + secure so the page has a real origin (app://pos), not file:// with its wide reach.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { contentTypeFor, resolveInsideRoot } from '../transport-shared/safe-path.js';
import { ELECTRON_CSP } from './security.js';

const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': ELECTRON_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(rendererDir: string, appHost: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'bad request');
    }
    if (url.host !== appHost) return textResponse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = resolveInsideRoot(rendererDir, url.pathname);
    if (!file) return textResponse(404, 'not found');
    try {
      const real = await fs.realpath(file);
      const rootReal = await fs.realpath(rendererDir);
      if (!real.startsWith(rootReal + path.sep)) return textResponse(404, 'not found');
      const data = await fs.readFile(real);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(data), {
        status: 200,
        headers: {
          ...BASE_HEADERS,
          'Content-Type': contentTypeFor(real),
          'Cache-Control': path.basename(real) === 'index.html' ? 'no-store' : 'no-cache',
        },
      });
    } catch {
      return textResponse(404, 'not found');
    }
  };
}
