/**
 * The simulated center's national catalog (医保目录) with its versions, which version is published,
 * and the institutions' uploaded mappings (3301 / 3302). Seeded from a national catalog document
 * (settle/data/national-catalog-530600.json: one entry per code per version) into a fresh file.
 */
import type { SimDb } from './db.js';

export interface SimNationalRow {
  hilist_code: string;
  ver: number;
  updt_time: string;
  hilist_name: string;
  list_type: string;
  med_chrgitm_type: string;
  chrgitm_lv: '01' | '02' | '03';
  selfpay_prop: number;
  pric_uplmt_amt: number | null;
  begndate: string;
  enddate: string;
  vali_flag: '0' | '1';
}

export interface SimMappingRow {
  fixmedins_code: string;
  medins_list_codg: string;
  med_list_codg: string;
  state: 'uploaded' | 'revoked';
  msgid: string;
  updated_at: string;
}

export const SIM_NATIONAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS national_catalog (
  hilist_code TEXT NOT NULL,
  ver INTEGER NOT NULL,
  updt_time TEXT NOT NULL,
  hilist_name TEXT NOT NULL,
  list_type TEXT NOT NULL,
  med_chrgitm_type TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL,
  selfpay_prop INTEGER NOT NULL,
  pric_uplmt_amt INTEGER,
  begndate TEXT NOT NULL,
  enddate TEXT NOT NULL,
  vali_flag TEXT NOT NULL,
  PRIMARY KEY (hilist_code, ver)
);
CREATE TABLE IF NOT EXISTS national_catalog_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  published_ver INTEGER NOT NULL,
  require_mapping INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS catalog_mappings (
  fixmedins_code TEXT NOT NULL,
  medins_list_codg TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  state TEXT NOT NULL,
  msgid TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (fixmedins_code, medins_list_codg, med_list_codg)
);
`;

export function createNationalCatalogRepo(db: SimDb) {
  const state = () => db.prepare('SELECT published_ver, require_mapping FROM national_catalog_state WHERE id = 1').get() as { published_ver: number; require_mapping: number } | undefined;
  return {
    /** a fresh file gets the document's versions, version 1 published */
    seedIfEmpty(rows: readonly SimNationalRow[]): void {
      if ((db.prepare('SELECT COUNT(*) FROM national_catalog').pluck().get() as number) > 0) return;
      const ins = db.prepare(
        `INSERT INTO national_catalog (hilist_code, ver, updt_time, hilist_name, list_type, med_chrgitm_type, chrgitm_lv, selfpay_prop, pric_uplmt_amt, begndate, enddate, vali_flag)
         VALUES (@hilist_code, @ver, @updt_time, @hilist_name, @list_type, @med_chrgitm_type, @chrgitm_lv, @selfpay_prop, @pric_uplmt_amt, @begndate, @enddate, @vali_flag)`,
      );
      db.transaction(() => {
        for (const r of rows) ins.run(r);
        db.prepare('INSERT OR IGNORE INTO national_catalog_state (id, published_ver, require_mapping) VALUES (1, 1, 0)').run();
      })();
    },
    published: () => state()?.published_ver ?? 1,
    maxVersion: () => (db.prepare('SELECT MAX(ver) FROM national_catalog').pluck().get() as number | null) ?? 0,
    publish: (ver: number) => void db.prepare('UPDATE national_catalog_state SET published_ver = ? WHERE id = 1').run(ver),
    requireMapping: () => (state()?.require_mapping ?? 0) === 1,
    setRequireMapping: (on: boolean) => void db.prepare('UPDATE national_catalog_state SET require_mapping = ? WHERE id = 1').run(on ? 1 : 0),
    /** the latest record of every code among the published versions */
    current: () =>
      db
        .prepare(
          `SELECT c.* FROM national_catalog c
           WHERE c.ver = (SELECT MAX(ver) FROM national_catalog x WHERE x.hilist_code = c.hilist_code AND x.ver <= ?)`,
        )
        .all(state()?.published_ver ?? 1) as SimNationalRow[],

    mapping: (fixmedins_code: string, medins: string, med: string) =>
      (db.prepare('SELECT * FROM catalog_mappings WHERE fixmedins_code = ? AND medins_list_codg = ? AND med_list_codg = ?').get(fixmedins_code, medins, med) as SimMappingRow | undefined) ?? null,
    putMapping(m: SimMappingRow): void {
      db.prepare(
        `INSERT INTO catalog_mappings (fixmedins_code, medins_list_codg, med_list_codg, state, msgid, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(fixmedins_code, medins_list_codg, med_list_codg) DO UPDATE SET state = excluded.state, msgid = excluded.msgid, updated_at = excluded.updated_at`,
      ).run(m.fixmedins_code, m.medins_list_codg, m.med_list_codg, m.state, m.msgid, m.updated_at);
    },
    mappings: () => db.prepare('SELECT * FROM catalog_mappings ORDER BY fixmedins_code, medins_list_codg').all() as SimMappingRow[],
  };
}
