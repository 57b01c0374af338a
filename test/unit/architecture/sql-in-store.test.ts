/**
 * All of the terminal's SQLite SQL lives in src/main/store/ (README "Where things are"): other folders
 * call repositories by name. This fails when a file elsewhere prepares a statement, runs SQL or opens
 * a database itself.
 */
import { describe, expect, it } from 'vitest';
import { importsOf, read, sourcesUnder } from './source-files.js';

// a statement prepared from SQL text or a SQL constant, any call on a database handle, a pragma, SQL run with exec
const SQL_CALL =
  /\.prepare\s*(<[^>]*>)?\s*\(\s*([`'"]|[A-Z][A-Z0-9_]*\b)|\b(db|Db|database)\.(prepare|exec|pragma|transaction)\s*\(|\.pragma\s*\(|\.exec\s*\(\s*([`'"]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|BEGIN|WITH)\b|[A-Za-z_.]*(sql|SQL|SCHEMA)\b)/;

describe('SQL only in store/', () => {
  const outside = sourcesUnder('src/main').filter((f) => !f.startsWith('src/main/store/'));

  it('finds the files it checks', () => {
    expect(outside.length).toBeGreaterThan(50);
    expect(outside).toContain('src/main/sync/worker.ts');
  });

  it('no file outside store/ prepares a statement, runs SQL or opens SQLite', () => {
    const offenders = outside.filter((f) => SQL_CALL.test(read(f)) || importsOf(f).includes('better-sqlite3'));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches the forms it is meant to catch', () => {
    for (const s of ["db.prepare('SELECT 1')", 'store.db.prepare(`UPDATE x`)', 'x.prepare(GROUP_TOTALS_SQL)', 'db.prepare(sql)', "db.pragma('wal_checkpoint')", "db.exec('CREATE TABLE t (a)')", 'db.exec(m.sql)', 'store.db.transaction(() => 1)']) {
      expect(SQL_CALL.test(s), s).toBe(true);
    }
    for (const s of ['const m = RATIO.exec(text);', 'await deps.prepare();', 'const s = owner.prepare(row);']) expect(SQL_CALL.test(s), s).toBe(false);
  });
});
