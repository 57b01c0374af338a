/** Static files of the renderer build (index.html + assets/) for the browser-mode host. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, resolveInsideRoot } from '../transport-shared/safe-path.js';

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  urlPath: string,
  send: (status: number, body: string) => void,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(405, 'method not allowed');
  }
  const file = resolveInsideRoot(staticDir, urlPath);
  if (!file) return send(404, 'not found');
  let data: Buffer;
  try {
    // a symlink inside the build must not lead outside it either
    const real = await fs.realpath(file);
    const rootReal = await fs.realpath(staticDir);
    if (!real.startsWith(rootReal + path.sep)) return send(404, 'not found');
    const st = await fs.stat(real);
    if (!st.isFile()) return send(404, 'not found');
    data = await fs.readFile(real);
  } catch {
    return send(404, 'not found');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(file));
  res.setHeader('Content-Length', data.length);
  // index.html names the hashed assets, so it must never be cached; the assets may be
  res.setHeader('Cache-Control', path.basename(file) === 'index.html' ? 'no-store' : 'private, max-age=31536000, immutable');
  res.end(req.method === 'HEAD' ? undefined : data);
}
