/**
 * The folders' dependencies as the README draws them: one composition root, a pure engine, a store
 * that depends on nothing of the terminal, queues that never reach back into services.
 */
import { describe, expect, it } from 'vitest';
import { importsOf, resolveImport, sourcesUnder } from './source-files.js';

/** every relative import of the files under `dir`, resolved */
function edges(dir: string): Array<{ from: string; to: string }> {
  return sourcesUnder(dir).flatMap((from) =>
    importsOf(from)
      .map((s) => resolveImport(from, s))
      .filter((to): to is string => to !== null)
      .map((to) => ({ from, to })),
  );
}
const inside = (p: string, dir: string) => p.startsWith(`${dir}/`) || p === dir;

describe('folder boundaries of src/main', () => {
  const all = edges('src/main');

  it('reads the import graph', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('nothing imports the composition root but the shells and the command line', () => {
    const users = [...new Set(all.filter((e) => e.to === 'src/main/app.js').map((e) => e.from))].sort();
    for (const u of users) expect(u, u).toMatch(/^src\/main\/(cli\/|browser-mode\.ts$|electron\/entry\.ts$)/);
  });

  it('services/ never imports sync/, and the sync worker never imports services/', () => {
    expect(all.filter((e) => inside(e.from, 'src/main/services') && inside(e.to, 'src/main/sync'))).toEqual([]);
    const worker = all.filter((e) => inside(e.from, 'src/main/sync') && !e.from.endsWith('/handlers.ts'));
    expect(worker.filter((e) => inside(e.to, 'src/main/services'))).toEqual([]);
  });

  it('store/ depends on nothing of the terminal but itself and the shared contract', () => {
    const out = all.filter((e) => inside(e.from, 'src/main/store') && !inside(e.to, 'src/main/store') && !inside(e.to, 'src/shared'));
    expect(out).toEqual([]);
  });

  it('center/ depends on nothing of the terminal but itself and the shared contract', () => {
    const out = all.filter((e) => inside(e.from, 'src/main/center') && !inside(e.to, 'src/main/center') && !inside(e.to, 'src/shared'));
    expect(out).toEqual([]);
  });

  it('the transports share their web security from a neutral module, not from each other', () => {
    expect(all.filter((e) => inside(e.from, 'src/main/electron') && inside(e.to, 'src/main/host'))).toEqual([]);
    expect(all.filter((e) => inside(e.from, 'src/main/host') && inside(e.to, 'src/main/electron'))).toEqual([]);
  });

  it('no import cycle between folders', () => {
    const folderOf = (p: string) => p.replace(/^src\/main\//, '').split('/')[0];
    const deps = new Map<string, Set<string>>();
    for (const e of all) {
      if (!inside(e.to, 'src/main')) continue;
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      // files at the top of src/main (app.ts, router.ts …) are the wiring, not a folder
      if (a === b || a.includes('.') || b.includes('.')) continue;
      if (!deps.has(a)) deps.set(a, new Set());
      deps.get(a)!.add(b);
    }
    const cycles: string[] = [];
    for (const [a, bs] of deps) for (const b of bs) if (deps.get(b)?.has(a) && a < b) cycles.push(`${a} ⇄ ${b}`);
    expect(cycles).toEqual([]);
  });
});
