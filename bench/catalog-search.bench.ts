/**
 * The counter's item search on a 20,000-item catalog: by name, pinyin initials, full pinyin,
 * institution code, national code and barcode, ranked, at most 20 results — through the live catalog
 * the counter calls (institution version in force joined with the national catalog, SQLite underneath).
 *
 *   node --import tsx bench/catalog-search.bench.ts        (or: npm run bench catalog-search)
 *
 * Goal (the issue): p95 under 20 ms. Same-run baseline: a plain scan of the names (every name tested
 * with includes, the first 20 kept) — it finds by name only, and is what a search without an index costs.
 * Queries (a cashier's mix, drawn with a fixed seed): Chinese name fragments of 1–4 characters, initials
 * of 2–5 letters, full-pinyin fragments, institution-code prefixes, exact national codes and barcodes,
 * and queries that match nothing. Interleaved, each query timed on its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogRows, writeCatalogCsv } from '../test/helpers/catalog-files.js';
import { catalogAreaIn } from '../test/helpers/catalog-area.js';
import { seededRandom } from '../test/crash/seeded-random.js';

const N = 20_000;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 3000);
const GOAL_P95_MS = 20;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-search-'));
writeCatalogCsv(path.join(dir, 'catalog.csv'), catalogRows(N));
const h = catalogAreaIn(dir);
const r = await h.area.service.importFile(path.join(dir, 'catalog.csv'), { dryRun: false, by: 'bench' });
h.area.service.activate(r.versionId!, null, 'bench');
const live = h.area.live;
const items = live.items;
const stored = h.store.catalogVersions.items(r.versionId!);
const keys = new Map(stored.map((s) => [s.medins_list_codg, s]));
const names = items.map((i) => i.name);

const rand = seededRandom(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const slice = (s: string, min: number, max: number) => {
  const len = Math.min(s.length, min + Math.floor(rand() * (max - min + 1)));
  const at = Math.floor(rand() * Math.max(1, s.length - len + 1));
  return s.slice(at, at + len);
};
const KINDS: Array<[string, () => string]> = [
  ['name fragment', () => slice(pick(names).replace(/\d+$/, ''), 1, 4)],
  ['initials', () => keys.get(pick(items).code)!.py_initials.slice(0, 2 + Math.floor(rand() * 4))],
  ['full pinyin', () => slice(keys.get(pick(items).code)!.py_full.replace(/\d+$/, ''), 3, 8)],
  ['institution code', () => pick(items).code.slice(0, 4 + Math.floor(rand() * 5))],
  ['national code', () => pick(items.filter((i) => i.med_list_codg)).med_list_codg!],
  ['barcode', () => pick(items).barcode!],
  ['no match', () => `zqx${Math.floor(rand() * 1000)}`],
];
const queries = Array.from({ length: QUERIES }, (_, i) => ({ kind: KINDS[i % KINDS.length][0], q: KINDS[i % KINDS.length][1]() }));

function plainScan(q: string): string[] {
  const out: string[] = [];
  for (const n of names) if (n.includes(q)) out.push(n);
  return out.slice(0, 20);
}

let sink = 0;
// warm-up: both paths, every query once
for (const { q } of queries) sink += live.search(q, 20).length + plainScan(q).length;
const lat = { index: [] as number[], scan: [] as number[] };
const byKind = new Map<string, number[]>();
for (let round = 0; round < 2; round++) {
  for (const { kind, q } of queries) {
    const order = round % 2 === 0 ? (['index', 'scan'] as const) : (['scan', 'index'] as const);
    for (const which of order) {
      const t0 = process.hrtime.bigint();
      sink += which === 'index' ? live.search(q, 20).length : plainScan(q).length;
      const d = Number(process.hrtime.bigint() - t0) / 1e6;
      lat[which].push(d);
      if (which === 'index') byKind.set(kind, [...(byKind.get(kind) ?? []), d]);
    }
  }
}

const pct = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
const f = (v: number) => `${v.toFixed(3)} ms`;
const hits = queries.filter(({ q }) => live.search(q, 20).length > 0).length;
console.log(`catalog-search: ${N} items, ${queries.length} queries × 2 rounds (index built in ${live.lastBuildMs().toFixed(0)} ms); ${hits} queries find something; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
for (const [k, v] of Object.entries(lat)) {
  console.log(`  ${(k === 'index' ? 'search (live catalog, index)' : 'baseline: plain scan of the names').padEnd(36)} p50 ${f(pct(v, 50))}  p95 ${f(pct(v, 95))}  p99 ${f(pct(v, 99))}  max ${f(Math.max(...v))}`);
}
for (const [k, v] of byKind) console.log(`    ${k.padEnd(18)} p50 ${f(pct(v, 50))}  p95 ${f(pct(v, 95))}`);
const p95 = pct(lat.index, 95);
console.log(`  search p95 ${f(p95)} = ${(p95 / pct(lat.scan, 95)).toFixed(2)}× the plain scan's p95 (which finds by name only)`);
console.log(`  goal: p95 under ${GOAL_P95_MS} ms on ${N} items → ${p95 < GOAL_P95_MS ? 'PASS' : 'MISS'}`);
h.close();
fs.rmSync(dir, { recursive: true, force: true });
if (sink === -1) console.log('');
