/**
 * COPY-stream rows (src/main/institution/pg/copy-rows.ts) against a real PostgreSQL: whatever text a
 * window sent (tabs, newlines, backslashes, Chinese, empty, NULL) comes back as it was stored, amounts
 * as integers, across batch and chunk boundaries; a caller that stops early leaves the connection fit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { copyRows, type CopyColumns } from '../../../src/main/institution/pg/copy-rows.js';
import { startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';

const tmp = tempDir('pos-copy-rows-');
let ipg: InstitutionPg;
const COLS: CopyColumns = [['id', 'int'], ['label', 'text'], ['fen', 'int'], ['ok', 'bool']];
type Row = { id: number; label: string | null; fen: number | null; ok: boolean | null };

beforeAll(async () => {
  ipg = await startInstitutionPg(tmp.dir);
  await ipg.admin.query('CREATE TABLE copy_probe (id int8 PRIMARY KEY, label text, fen int8, ok boolean)');
}, 90_000);
afterAll(async () => {
  await ipg?.close();
  tmp.cleanup();
});

async function readAll(batch: number): Promise<Row[][]> {
  const pages: Row[][] = [];
  for await (const page of copyRows<Row>(ipg.admin, 'SELECT id, label, fen, ok FROM copy_probe ORDER BY id', COLS, batch)) pages.push(page);
  return pages;
}

describe('copyRows', () => {
  it('returns every value as stored, whatever characters it holds', async () => {
    const labels = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('a\tb', 'x\ny', 'r\r\n', '\\N', '\\', 'back\\slash\\t', '张三\t共济', '', '\u000b\f\b'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.option(labels, { nil: null }), fc.option(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { nil: null }), fc.option(fc.boolean(), { nil: null })), { maxLength: 40 }), async (rows) => {
        await ipg.admin.query('TRUNCATE copy_probe');
        const clean = rows.map(([label, fen, ok], i) => ({ id: i + 1, label: label === null ? null : label.replace(/\0/g, ''), fen, ok }));
        if (clean.length) {
          await ipg.admin.query('INSERT INTO copy_probe SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::boolean[])', [
            clean.map((r) => r.id), clean.map((r) => r.label), clean.map((r) => r.fen), clean.map((r) => r.ok),
          ]);
        }
        expect((await readAll(7)).flat()).toEqual(clean);
      }),
      { numRuns: 40 },
    );
  });

  it('hands a large result on in batches of the size asked for, the last one shorter', async () => {
    await ipg.admin.query('TRUNCATE copy_probe');
    await ipg.admin.query("INSERT INTO copy_probe SELECT i, '窗口' || i || repeat('x', i % 300), i * 100, i % 2 = 0 FROM generate_series(1, 30000) i");
    const pages = await readAll(4000);
    const rows = pages.flat();
    expect(rows).toHaveLength(30000);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 30000 }, (_, i) => i + 1));
    expect(rows.reduce((s, r) => s + (r.fen ?? 0), 0)).toBe((30000 * 30001 * 100) / 2);
    expect(pages.slice(0, -1).every((p) => p.length >= 4000)).toBe(true);
    expect(rows[29998]!.label).toBe(`窗口29999${'x'.repeat(29999 % 300)}`);
  });

  it('a caller that stops after the first batch leaves the connection usable in its transaction', async () => {
    await ipg.admin.query('BEGIN');
    for await (const page of copyRows<Row>(ipg.admin, 'SELECT id, label, fen, ok FROM copy_probe ORDER BY id', COLS, 100)) {
      expect(page.length).toBeGreaterThanOrEqual(100);
      break;
    }
    const r = await ipg.admin.query<{ n: string }>('SELECT count(*) AS n FROM copy_probe');
    await ipg.admin.query('COMMIT');
    expect(Number(r.rows[0]!.n)).toBe(30000);
  });

  it('an integer past 2^53 is an error, never a rounded amount', async () => {
    await ipg.admin.query('TRUNCATE copy_probe');
    await ipg.admin.query('INSERT INTO copy_probe VALUES (1, $1, 9007199254740993, true)', ['x']);
    await expect(readAll(10)).rejects.toThrow(/fen: 9007199254740993 is not a safe integer/);
    expect((await ipg.admin.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
  });

  it('a query PostgreSQL refuses rejects with its message', async () => {
    await expect(copyRows(ipg.admin, 'SELECT nope FROM copy_probe', COLS).next()).rejects.toThrow(/nope/);
    // the connection answers the next query; COPY's inlined values are quoted literals
    const r = await ipg.admin.query(`SELECT ${pg.escapeLiteral("o'k\\")} AS v`);
    expect(r.rows[0]).toEqual({ v: "o'k\\" });
  });
});
