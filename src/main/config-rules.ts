/**
 * What the configuration's zod schema alone does not say, so a mistake never falls back silently:
 *  - a key the schema does not know is an error naming it, with the known key it is closest to
 *    ("centre" → did you mean "center"?), at any depth, in arrays and records too;
 *  - the start-up line says in plain words which center the terminal talks to.
 * zod's object schemas strip unknown keys; walking the document beside the schema finds them without
 * every area's section having to be declared strict.
 */
import { z } from 'zod';

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** the schema under wrappers (default, prefault, optional, nullable, pipe, catch, readonly) */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else break;
  }
  return s;
}

function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

/** the known key a misspelt one most likely meant, or null */
export function closestKey(key: string, known: readonly string[]): string | null {
  const k = key.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of known) {
    const d = c.toLowerCase() === k ? 0 : distance(k, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

export interface UnknownKey {
  path: string;
  key: string;
  suggestion: string | null;
}

/** The first key of `doc` that `schema` does not declare, depth first, or null. */
export function findUnknownKey(schema: z.ZodType, doc: unknown, at: string[] = []): UnknownKey | null {
  const s = unwrap(schema);
  const d = defOf(s);
  if (doc === null || typeof doc !== 'object') return null;
  if (d.type === 'object' && !Array.isArray(doc)) {
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    const known = Object.keys(shape);
    for (const [k, v] of Object.entries(doc)) {
      if (!Object.prototype.hasOwnProperty.call(shape, k)) return { path: [...at, k].join('.'), key: k, suggestion: closestKey(k, known) };
      const inner = findUnknownKey(shape[k]!, v, [...at, k]);
      if (inner) return inner;
    }
    return null;
  }
  if (d.type === 'array' && Array.isArray(doc) && d.element) {
    for (let i = 0; i < doc.length; i++) {
      const inner = findUnknownKey(d.element, doc[i], [...at, String(i)]);
      if (inner) return inner;
    }
    return null;
  }
  if (d.type === 'record' && d.valueType && !Array.isArray(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      const inner = findUnknownKey(d.valueType, v, [...at, k]);
      if (inner) return inner;
    }
    return null;
  }
  if (d.type === 'union' && d.options) {
    // the option the value fits best decides; an unknown key only counts when every option has one
    let first: UnknownKey | null = null;
    for (const o of d.options) {
      const r = findUnknownKey(o, doc, at);
      if (!r) return null;
      first ??= r;
    }
    return first;
  }
  return null;
}

export function unknownKeyMessage(u: UnknownKey): string {
  return `${u.path}: unknown key "${u.key}"${u.suggestion ? ` — did you mean "${u.suggestion}"?` : ''}`;
}

/** The start-up line's words for the center: never ambiguous about whether settlements go anywhere real. */
export function describeCenter(c: { url: string; allowInsecureHttp?: boolean }, embeddedAt: string | null): string {
  if (embeddedAt) return `the built-in SIMULATOR (demo data; nothing goes to a real insurance center) at ${embeddedAt}`;
  const u = new URL(c.url);
  if (u.protocol === 'https:') return `the insurance center at ${c.url}`;
  return `the insurance center at ${c.url} over PLAIN HTTP (${c.allowInsecureHttp ? 'center.allowInsecureHttp is set' : 'loopback only'})`;
}
