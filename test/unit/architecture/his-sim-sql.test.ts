/** The HIS simulator's SQL lives in src/his-sim/store.ts (as the center simulator's lives in its store/). */
import { describe, expect, it } from 'vitest';
import { read, sourcesUnder } from './source-files.js';

describe('HIS simulator SQL', () => {
  const files = sourcesUnder('src/his-sim');
  it('finds the simulator sources', () => {
    expect(files).toEqual(expect.arrayContaining(['src/his-sim/index.ts', 'src/his-sim/store.ts']));
  });
  it('only store.ts prepares statements or opens SQLite', () => {
    const offenders = files.filter((f) => f !== 'src/his-sim/store.ts' && (/\.(prepare|pragma)\s*\(|\bdb\.exec\s*\(/.test(read(f)) || /from ['"]better-sqlite3['"]/.test(read(f))));
    expect(offenders).toEqual([]);
    expect(read('src/his-sim/store.ts')).toMatch(/\.prepare\(/);
  });
});
