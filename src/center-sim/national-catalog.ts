/**
 * The simulated center's national catalog: seeded from a document with versions, one version
 * published at a time (`publish`, for the version-change test), and the catalog the center prices
 * fee lines with (class, ratio, cap of the published version, in force on the day). Also the rule
 * for an institution's mapping (对照): when `requireMapping` is on, a covered line must name a
 * mapping the institution uploaded (3301) and did not revoke (3302).
 */
import { createCatalog, entryInForce, NationalCatalogDoc, type Catalog } from '../main/settle/index.js';
import type { SimNationalRow, SimStore } from './store/index.js';

export function nationalRows(doc: unknown): SimNationalRow[] {
  const parsed = NationalCatalogDoc.parse(structuredClone(doc));
  return parsed.versions.flatMap((v) => v.items.map((r) => ({ ...r, ver: v.ver, updt_time: v.updt_time })));
}

export function createSimNational(store: SimStore, doc: unknown) {
  store.national.seedIfEmpty(nationalRows(doc));
  let cache: { key: string; rows: SimNationalRow[]; catalog: Catalog } | null = null;
  function current(date: string) {
    const key = `${store.national.published()}|${date}`;
    if (cache?.key !== key) {
      const rows = store.national.current();
      const byCode = new Map(rows.map((r) => [r.hilist_code, r]));
      const catalog = createCatalog([], (code) => {
        const r = byCode.get(code);
        return r ? entryInForce(r, date) : undefined;
      });
      cache = { key, rows, catalog };
    }
    return cache;
  }
  return {
    /** the catalog fee lines are priced with on `date` (yyyy-MM-dd) */
    catalog: (date: string) => current(date).catalog,
    /** the published records (latest per code), for the 13xx queries */
    records: (date: string) => current(date).rows,
    publish(ver: number): void {
      const max = store.national.maxVersion();
      if (!Number.isInteger(ver) || ver < 1 || ver > max) throw new Error(`no national catalog version ${ver} (1..${max})`);
      store.national.publish(ver);
      cache = null;
    },
    published: () => store.national.published(),
    requireMapping: () => store.national.requireMapping(),
    setRequireMapping: (on: boolean) => store.national.setRequireMapping(on),
    /** whether this institution's mapping of medins → med was uploaded and not revoked */
    mapped: (fixmedins_code: string, medins: string, med: string) => store.national.mapping(fixmedins_code, medins, med)?.state === 'uploaded',
  };
}
export type SimNational = ReturnType<typeof createSimNational>;
