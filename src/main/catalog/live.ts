/**
 * The catalog the counter prices and searches with, read from the store: the institution version in
 * force joined with the national catalog in force today, plus its search index. It is a snapshot
 * rebuilt when something changes it — a version activated or rolled back (`refresh`), a national
 * download, the business day turning (validity dates), or the effective time of an activated version
 * arriving (checked on every use, so no timer is needed) — and handed to the pure pricing as plain data.
 */
import type { Clock } from '../clock.js';
import { createCatalog, entryInForce, type Catalog, type NationalEntry } from '../settle/index.js';
import type { Store } from '../store/index.js';
import type { CatalogVersionRow } from '../store/catalog-versions.js';
import { createSearchIndex } from './search-index.js';

interface Snapshot {
  catalog: Catalog;
  version: CatalogVersionRow | null;
  date: string;
  /** when an activated version takes effect next (ISO), or null */
  nextSwitch: string | null;
  builtMs: number;
}

export function createLiveCatalog(deps: { store: Pick<Store, 'catalogVersions' | 'nationalCatalog'>; clock: Clock; onRebuilt?(s: { version: number | null; items: number; ms: number }): void }) {
  let snap: Snapshot | null = null;

  function build(): Snapshot {
    const t0 = performance.now();
    const nowIso = deps.clock.now().toISOString();
    const date = deps.clock.today();
    const version = deps.store.catalogVersions.inForce(nowIso);
    const national = new Map<string, NationalEntry>();
    for (const r of deps.store.nationalCatalog.all()) {
      const e = entryInForce({ ...r, hilist_code: r.med_list_codg, hilist_name: r.name, vali_flag: r.vali_flag === '1' ? '1' : '0' }, date);
      if (e) national.set(r.med_list_codg, e);
    }
    const stored = version ? deps.store.catalogVersions.items(version.id) : [];
    let index: ReturnType<typeof createSearchIndex> | null = null;
    const catalog = createCatalog(stored, (code) => national.get(code), { search: (q, limit) => index!.search(q, limit) });
    index = createSearchIndex(catalog.items.map((item, i) => ({ item, py_initials: stored[i].py_initials, py_full: stored[i].py_full })));
    const builtMs = performance.now() - t0;
    deps.onRebuilt?.({ version: version?.id ?? null, items: catalog.items.length, ms: builtMs });
    return { catalog, version, date, nextSwitch: deps.store.catalogVersions.nextEffectiveAfter(nowIso), builtMs };
  }

  function current(): Snapshot {
    if (!snap || snap.date !== deps.clock.today() || (snap.nextSwitch !== null && deps.clock.now().toISOString() >= snap.nextSwitch)) snap = build();
    return snap;
  }

  const live: Catalog & { refresh(): void; version(): CatalogVersionRow | null; lastBuildMs(): number } = {
    get items() {
      return current().catalog.items;
    },
    lookup: (q) => current().catalog.lookup(q),
    national: (code) => current().catalog.national(code),
    search: (q, limit) => current().catalog.search(q, limit),
    /** something the catalog is made of changed: the next use rebuilds it */
    refresh() {
      snap = null;
    },
    version: () => current().version,
    lastBuildMs: () => current().builtMs,
  };
  return live;
}
export type LiveCatalog = ReturnType<typeof createLiveCatalog>;
