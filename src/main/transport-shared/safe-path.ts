/**
 * Maps a URL path to a file inside a root directory, or null when it would leave the root.
 * Used by the host's static files and by Electron's app:// protocol.
 */
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * `urlPath` is the raw (still percent-encoded) path of the request URL, without query.
 * Decodes once, refuses NUL and backslashes, and checks the resolved path stays inside `root`.
 * `/` (or an empty path) means index.html.
 */
export function resolveInsideRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // a backslash is a separator on Windows: "..\\" would escape there
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // any ".." segment is refused outright, even one that would stay inside the root
  if (decoded.split('/').includes('..')) return null;
  if (decoded === '' || decoded === '/') decoded = '/index.html';
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, '.' + path.posix.normalize('/' + decoded));
  // belt and braces: the resolved file must still be below the root
  const rel = path.relative(rootAbs, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}
