import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The simulator's SQL lives in src/center-sim/store/ (repositories beside the schema); every other
// file calls a repository by name, so no statement hides in a handler or the HTTP side.
const ROOT = fileURLToPath(new URL('../../../src/center-sim/', import.meta.url));
const STORE = path.join(ROOT, 'store');
const SQL_CALL = /\.(prepare|exec|pragma)\s*\(/;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** "file:line: text" for every line that calls prepare/exec/pragma */
function sqlCalls(files: string[]): string[] {
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (SQL_CALL.test(line) ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const all = sourcesUnder(ROOT);
const outside = all.filter((f) => !f.startsWith(STORE + path.sep));

describe('center simulator SQL', () => {
  it('finds the simulator sources and the SQL in store/ (the scan is not vacuous)', () => {
    expect(outside.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['index.ts', 'server.ts', 'billing.ts']));
    expect(sqlCalls(all.filter((f) => f.startsWith(STORE + path.sep))).length).toBeGreaterThan(10);
  });

  it('no file outside store/ calls .prepare(, .exec( or .pragma(', () => {
    expect(sqlCalls(outside)).toEqual([]);
  });

  it('no file outside store/ opens SQLite itself', () => {
    const opening = outside.filter((f) => /from ['"]better-sqlite3['"]|require\(['"]better-sqlite3['"]\)/.test(readFileSync(f, 'utf8')));
    expect(opening.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
