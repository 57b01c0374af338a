/** The institution catalog's versions and their items (migration 9). */
import type { Db } from './db.js';

export type CatalogVersionState = 'staged' | 'active' | 'withdrawn' | 'discarded';

export interface CatalogVersionRow {
  id: number;
  state: CatalogVersionState;
  source: string;
  sha256: string;
  item_count: number;
  created_at: string;
  created_by: string;
  effective_at: string | null;
  activated_at: string | null;
  activated_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** An item as stored: the institution's fields and the search keys made at import. */
export interface StoredCatalogItem {
  medins_list_codg: string;
  name: string;
  spec: string;
  unit: string;
  kind: 'drug' | 'service' | 'material';
  price: number;
  barcode: string | null;
  whole_units: boolean;
  med_list_codg: string | null;
  py_initials: string;
  py_full: string;
}

type ItemRow = Omit<StoredCatalogItem, 'whole_units'> & { whole_units: number };

export function createCatalogVersionRepo(db: Db, nowIso: () => string) {
  const insertVersion = db.prepare(
    "INSERT INTO catalog_versions (state, source, sha256, item_count, created_at, created_by) VALUES ('staged', ?, ?, ?, ?, ?)",
  );
  const insertItem = db.prepare(
    `INSERT INTO catalog_items (version_id, medins_list_codg, name, spec, unit, kind, price, barcode, whole_units, med_list_codg, py_initials, py_full)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare('SELECT * FROM catalog_versions WHERE id = ?');
  // by institution code: a version's items have no other order worth keeping
  const itemsOrdered = db.prepare(
    'SELECT medins_list_codg, name, spec, unit, kind, price, barcode, whole_units, med_list_codg, py_initials, py_full FROM catalog_items WHERE version_id = ? ORDER BY medins_list_codg',
  );
  const inForce = db.prepare(
    "SELECT * FROM catalog_versions WHERE state = 'active' AND effective_at <= ? ORDER BY effective_at DESC, id DESC LIMIT 1",
  );
  const nextPending = db.prepare("SELECT MIN(effective_at) FROM catalog_versions WHERE state = 'active' AND effective_at > ?").pluck();
  const fromItem = (r: ItemRow): StoredCatalogItem => ({ ...r, whole_units: r.whole_units === 1 });

  return {
    /** a new staged version with all its items, in one transaction */
    stage(v: { source: string; sha256: string; created_by: string }, items: readonly StoredCatalogItem[]): number {
      return db.transaction(() => {
        const id = Number(insertVersion.run(v.source, v.sha256, items.length, nowIso(), v.created_by).lastInsertRowid);
        for (const it of items) {
          insertItem.run(id, it.medins_list_codg, it.name, it.spec, it.unit, it.kind, it.price, it.barcode, it.whole_units ? 1 : 0, it.med_list_codg, it.py_initials, it.py_full);
        }
        return id;
      })();
    },
    get: (id: number) => (byId.get(id) as CatalogVersionRow | undefined) ?? null,
    list: (limit = 50) => db.prepare('SELECT * FROM catalog_versions ORDER BY id DESC LIMIT ?').all(limit) as CatalogVersionRow[],
    items: (id: number): StoredCatalogItem[] => (itemsOrdered.all(id) as ItemRow[]).map(fromItem),
    /** the version in force at `at` (ISO): the newest active one whose effective time has come */
    inForce: (at: string) => (inForce.get(at) as CatalogVersionRow | undefined) ?? null,
    /** when the next activated version takes effect after `at`, or null */
    nextEffectiveAfter: (at: string) => (nextPending.get(at) as string | null) ?? null,
    activate(id: number, effectiveAt: string, by: string): void {
      db.prepare("UPDATE catalog_versions SET state = 'active', effective_at = ?, activated_at = ?, activated_by = ? WHERE id = ? AND state = 'staged'").run(effectiveAt, nowIso(), by, id);
    },
    withdraw(id: number, by: string): void {
      db.prepare("UPDATE catalog_versions SET state = 'withdrawn', withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND state = 'active'").run(nowIso(), by, id);
    },
    /** a staged version nobody will activate: its items go, its row stays for the record */
    discard(id: number): void {
      db.transaction(() => {
        db.prepare('DELETE FROM catalog_items WHERE version_id = ?').run(id);
        db.prepare("UPDATE catalog_versions SET state = 'discarded' WHERE id = ? AND state = 'staged'").run(id);
      })();
    },
    count: () => db.prepare('SELECT COUNT(*) FROM catalog_versions').pluck().get() as number,
  };
}
export type CatalogVersionRepo = ReturnType<typeof createCatalogVersionRepo>;
