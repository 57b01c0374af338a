/**
 * Wire codecs for the national interface: amounts are decimal yuan (number, string or empty),
 * ratios are decimal fractions ("0.10"), quantities are decimals. Each codec decodes the wire
 * form into the project's integers (fen, basis points, quantity text) and encodes back, so the
 * same zod schema serves the terminal (encode input, decode output) and the simulator (the reverse).
 */
import { z } from 'zod';
import { fenToYuan, formatQty, parseQty, yuanToFen } from '../../shared/money.js';

const wireScalar = z.union([z.number(), z.string()]);
const wireEmptyable = z.union([z.number(), z.string(), z.null()]).optional();

const fenSchema = z.number().int().nonnegative();
const signedFenSchema = z.number().int();

function pushIssue(ctx: { issues: unknown[] }, input: unknown, err: unknown): typeof z.NEVER {
  (ctx.issues as Array<Record<string, unknown>>).push({
    code: 'custom',
    message: err instanceof Error ? err.message : String(err),
    input,
  });
  return z.NEVER;
}

/** fen → the JSON number the wire carries (12.3 for 1230); shortest text round-trips exactly. */
function fenToWire(f: number): number {
  return Number(fenToYuan(f));
}

type RequiredFenCodec = z.ZodCodec<typeof wireScalar, z.ZodNumber>;
type OptionalFenCodec = z.ZodCodec<typeof wireEmptyable, z.ZodNumber>;

/**
 * A wire amount in decimal yuan ↔ integer fen. Required amounts refuse an empty value;
 * `optional` makes empty / absent 0; `signed` accepts negatives (reversal records).
 */
export function wireFen(opts: { optional: true; signed?: boolean }): OptionalFenCodec;
export function wireFen(opts?: { optional?: false; signed?: boolean }): RequiredFenCodec;
export function wireFen(opts: { optional?: boolean; signed?: boolean } = {}): RequiredFenCodec | OptionalFenCodec {
  const out = opts.signed ? signedFenSchema : fenSchema;
  const decode = (v: unknown, ctx: { issues: unknown[] }) => {
    try {
      return yuanToFen(v, { allowEmpty: opts.optional, allowNegative: opts.signed });
    } catch (e) {
      return pushIssue(ctx, v, e);
    }
  };
  if (opts.optional) {
    return z.codec(wireEmptyable, out, { decode, encode: fenToWire });
  }
  return z.codec(wireScalar, out, { decode, encode: fenToWire });
}

/** A wire amount where empty means "none" (e.g. no price cap): decimal yuan ↔ fen | null. */
export function wireFenOrNull() {
  return z.codec(wireEmptyable, fenSchema.nullable(), {
    decode: (v, ctx) => {
      if (v === '' || v === null || v === undefined) return null;
      try {
        return yuanToFen(v);
      } catch (e) {
        return pushIssue(ctx, v, e);
      }
    },
    encode: (f) => (f === null ? null : fenToWire(f)),
  });
}

const RATIO = /^(0|1)(?:\.(\d{1,4}))?$/;

/** Decimal fraction "0.1" → 1000 bp, exactly; at most 4 places, 0 ≤ r ≤ 1. */
export function ratioToBp(v: unknown): number {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = RATIO.exec(text);
  if (!m) throw new Error(`ratio is not a decimal between 0 and 1 with at most 4 places: ${JSON.stringify(v)}`);
  const bp = Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
  if (bp > 10000) throw new Error(`ratio is above 1: ${JSON.stringify(v)}`);
  return bp;
}

export function bpToRatio(bp: number): number {
  return bp / 10000; // 1000 → 0.1: a JSON number whose shortest text is the exact decimal
}

/** A wire ratio (decimal fraction, empty = 0) ↔ basis points. */
export function wireBp() {
  return z.codec(wireEmptyable, z.number().int().min(0).max(10000), {
    decode: (v, ctx) => {
      if (v === '' || v === null || v === undefined) return 0;
      try {
        return ratioToBp(v);
      } catch (e) {
        return pushIssue(ctx, v, e);
      }
    },
    encode: bpToRatio,
  });
}

/** A wire quantity (decimal number or text, up to 4 places) ↔ normalized quantity text ("1.5"). */
export function wireQty() {
  return z.codec(wireScalar, z.string(), {
    decode: (v, ctx) => {
      try {
        const q = parseQty(v);
        if (q <= 0) throw new Error(`quantity must be greater than 0: ${JSON.stringify(v)}`);
        return formatQty(q);
      } catch (e) {
        return pushIssue(ctx, v, e);
      }
    },
    encode: (s) => Number(s),
  });
}

/** A count or age the wire may send as number or text ("45" or 45.0). */
export function wireInt() {
  return z.codec(wireScalar, z.number().int(), {
    decode: (v, ctx) => {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      if (!Number.isFinite(n) || String(v).trim() === '') return pushIssue(ctx, v, new Error(`not a number: ${JSON.stringify(v)}`));
      return Math.floor(n);
    },
    encode: (n) => n,
  });
}

/** A code the wire may send as number or text ("310" or 310); kept as text. */
export function wireCode() {
  return z.codec(wireScalar, z.string(), {
    decode: (v) => String(v).trim(),
    encode: (s) => s,
  });
}

/** Optional free text: absent / null become "". */
export function wireText() {
  return z.codec(z.union([z.string(), z.number(), z.null()]).optional(), z.string(), {
    decode: (v) => (v === null || v === undefined ? '' : String(v)),
    encode: (s) => s,
  });
}

/** A date the wire sends as yyyy-MM-dd, yyyyMMdd or with a time part → yyyy-MM-dd. */
export function wireDate() {
  return z.codec(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/), {
    decode: (v, ctx) => {
      const t = v.trim();
      let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(t);
      if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      if (!m) return pushIssue(ctx, v, new Error(`date is not yyyy-MM-dd: ${JSON.stringify(v)}`));
      return `${m[1]}-${m[2]}-${m[3]}`;
    },
    encode: (s) => s,
  });
}

/** '0' / '1' flags (also 0/1, true/false on lax systems) ↔ boolean. */
export function wireFlag() {
  return z.codec(z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(), z.boolean(), {
    decode: (v) => v === true || v === 1 || v === '1',
    encode: (b) => (b ? '1' : '0'),
  });
}

/** First issue of a zod error as "path: message" (the path is the dotted field). */
export function describeIssue(err: z.ZodError, prefix = ''): { field: string; message: string } {
  const issue = err.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  return { field: path, message: `${path || '(root)'}: ${issue?.message ?? 'invalid'}` };
}
