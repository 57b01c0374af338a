/**
 * Rows of a query through `COPY (…) TO STDOUT` (pg-copy-streams) instead of a cursor: PostgreSQL
 * writes its text format in one stream and node-postgres never builds a row object per FETCH, which
 * halves the read of a day of a million export rows (bench/institution-eod.bench.ts). The text format
 * is tab-separated lines with backslash escapes and \N for NULL; each field is turned into the type its
 * column says. Batches are handed on as they arrive; async iteration keeps the server's stream paced
 * by the caller (backpressure), so memory stays one batch whatever the day's size.
 */
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export type CopyKind = 'text' | 'int' | 'bool';
export type CopyColumns = ReadonlyArray<readonly [name: string, kind: CopyKind]>;

// 1 MB: PostgreSQL goes on sending while a batch is formatted; 8 MB was no faster and the
// process grew by 140 MB of garbage at a million rows
const COPY_BUFFER_BYTES = 1 << 20;

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** one field of COPY's text format back to its text (PostgreSQL escapes these control characters and the backslash) */
export function unescapeCopyText(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_, oct: string | undefined, hex: string | undefined, ch: string | undefined) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return ESCAPES[ch!] ?? ch!;
  });
}

function fieldValue(raw: string, kind: CopyKind, name: string): string | number | boolean {
  if (kind === 'text') return unescapeCopyText(raw);
  if (kind === 'bool') return raw === 't';
  const n = Number(raw);
  // amounts are int8 fen; a value past 2^53 would be silently wrong as a number
  if (!Number.isSafeInteger(n)) throw new Error(`COPY column ${name}: ${raw} is not a safe integer`);
  return n;
}

/**
 * A parser of COPY text lines into rows keyed by `columns` (in the query's column order). The row is
 * built by one object literal compiled from the column names (all rows one shape): setting the keys
 * one by one per row took 4 µs a row, the literal 1.6 µs, on a million rows the difference is seconds.
 */
export function copyLineParser<R>(columns: CopyColumns): (line: string) => R {
  for (const [name] of columns) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`COPY column name ${name} is not a plain identifier`);
  // names are the query's own column identifiers (checked above), never data
  const build = new Function('v', `return { ${columns.map(([name], i) => `${name}: v[${i}]`).join(', ')} };`) as (v: unknown[]) => R;
  const values: unknown[] = new Array(columns.length);
  return (line) => {
    const parts = line.split('\t');
    if (parts.length !== columns.length) throw new Error(`COPY row has ${parts.length} fields, expected ${columns.length}`);
    for (let i = 0; i < parts.length; i++) {
      const raw = parts[i]!;
      const [name, kind] = columns[i]!;
      values[i] = raw === '\\N' ? null : fieldValue(raw, kind, name);
    }
    return build(values);
  };
}

/**
 * The rows of `select` (whose columns are `columns`, in order), in batches of about `batch`.
 * COPY takes no bind parameters: `select` must have its values inlined with escapeLiteral.
 * A caller that stops early: the rest of the stream is read and dropped, so the connection is
 * fit for the caller's ROLLBACK or COMMIT (never left mid-COPY).
 */
export async function* copyRows<R>(c: pg.ClientBase, select: string, columns: CopyColumns, batch = 5000): AsyncGenerator<R[]> {
  const stream = c.query(copyTo(`COPY (${select}) TO STDOUT`, { highWaterMark: COPY_BUFFER_BYTES }));
  const decoder = new StringDecoder('utf8');
  const parse = copyLineParser<R>(columns);
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let rest = '';
  let out: R[] = [];
  let done = false;
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const text = rest + decoder.write(next.value);
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        rest = text;
        continue;
      }
      rest = text.slice(end + 1);
      for (const line of text.slice(0, end).split('\n')) out.push(parse(line));
      if (out.length >= batch) {
        const full = out;
        out = [];
        yield full;
      }
    }
    rest += decoder.end();
    if (rest.length > 0) throw new Error('COPY stream ended inside a row');
    done = true;
    if (out.length > 0) yield out;
  } finally {
    if (!done) for (;;) if ((await it.next().catch(() => ({ done: true }))).done) break;
  }
}
