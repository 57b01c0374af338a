/** The national catalog as downloaded from the center (1312 / 1318 / 1319), its downloads and the mapping uploads (migration 9). */
import type { Db } from './db.js';

export interface NationalItemRow {
  med_list_codg: string;
  name: string;
  chrgitm_lv: '01' | '02' | '03';
  list_type: string;
  med_chrgitm_type: string;
  begndate: string;
  enddate: string;
  vali_flag: string;
  selfpay_prop: number;
  pric_uplmt_amt: number | null;
  updt_time: string;
}

export interface NationalDownloadRow {
  id: number;
  state: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  since: string;
  max_updt_time: string | null;
  counts: string | null;
  error: string | null;
  operator: string;
}

/** One staged part of a download: an item (1312), a price cap (1318) or a self-pay ratio (1319). */
export type StagedPart =
  | { part: 'item'; med_list_codg: string; updt_time: string; data: Omit<NationalItemRow, 'selfpay_prop' | 'pric_uplmt_amt'> }
  | { part: 'cap'; med_list_codg: string; updt_time: string; data: { pric_uplmt_amt: number | null } }
  | { part: 'ratio'; med_list_codg: string; updt_time: string; data: { selfpay_prop: number } };

export type MappingState = 'pending' | 'uploaded' | 'refused' | 'revoke_pending' | 'revoked';
export interface MappingRow {
  medins_list_codg: string;
  med_list_codg: string;
  name: string;
  state: MappingState;
  msgid: string | null;
  err_msg: string | null;
  updated_at: string;
}

export function createNationalCatalogRepo(db: Db, nowIso: () => string) {
  const stageStmt = db.prepare(
    `INSERT INTO national_staging (download_id, part, med_list_codg, data, updt_time) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(download_id, part, med_list_codg) DO UPDATE SET data = excluded.data, updt_time = excluded.updt_time
       WHERE excluded.updt_time >= national_staging.updt_time`,
  );
  const upsertItem = db.prepare(
    `INSERT INTO national_items (med_list_codg, name, chrgitm_lv, list_type, med_chrgitm_type, begndate, enddate, vali_flag, updt_time)
     VALUES (@med_list_codg, @name, @chrgitm_lv, @list_type, @med_chrgitm_type, @begndate, @enddate, @vali_flag, @updt_time)
     ON CONFLICT(med_list_codg) DO UPDATE SET name = excluded.name, chrgitm_lv = excluded.chrgitm_lv, list_type = excluded.list_type,
       med_chrgitm_type = excluded.med_chrgitm_type, begndate = excluded.begndate, enddate = excluded.enddate,
       vali_flag = excluded.vali_flag, updt_time = MAX(national_items.updt_time, excluded.updt_time)`,
  );
  const setCap = db.prepare('UPDATE national_items SET pric_uplmt_amt = ?, updt_time = MAX(updt_time, ?) WHERE med_list_codg = ?');
  const setRatio = db.prepare('UPDATE national_items SET selfpay_prop = ?, updt_time = MAX(updt_time, ?) WHERE med_list_codg = ?');

  return {
    startDownload(since: string, operator: string): number {
      return Number(db.prepare("INSERT INTO national_downloads (state, started_at, since, operator) VALUES ('running', ?, ?, ?)").run(nowIso(), since, operator).lastInsertRowid);
    },
    /** one page of a download, in its own transaction (a later page may replace an earlier one's record) */
    stage(downloadId: number, parts: readonly StagedPart[]): void {
      db.transaction(() => {
        for (const p of parts) stageStmt.run(downloadId, p.part, p.med_list_codg, JSON.stringify(p.data), p.updt_time);
      })();
    },
    /**
     * The staged download becomes the catalog, in one transaction: items first (a cap or ratio names
     * an item), then caps and ratios; the download row records the new high-water mark and the counts.
     */
    commitDownload(downloadId: number): { items: number; caps: number; ratios: number; max_updt_time: string | null } {
      return db.transaction(() => {
        const rows = db.prepare('SELECT part, med_list_codg, data, updt_time FROM national_staging WHERE download_id = ? ORDER BY updt_time, part').all(downloadId) as Array<{ part: StagedPart['part']; med_list_codg: string; data: string; updt_time: string }>;
        const counts = { items: 0, caps: 0, ratios: 0 };
        let max: string | null = null;
        for (const r of rows) {
          const d = JSON.parse(r.data);
          if (r.part === 'item') {
            upsertItem.run({ ...d, med_list_codg: r.med_list_codg, updt_time: r.updt_time });
            counts.items++;
          }
          if (max === null || r.updt_time > max) max = r.updt_time;
        }
        for (const r of rows) {
          const d = JSON.parse(r.data);
          if (r.part === 'cap') counts.caps += setCap.run(d.pric_uplmt_amt, r.updt_time, r.med_list_codg).changes;
          if (r.part === 'ratio') counts.ratios += setRatio.run(d.selfpay_prop, r.updt_time, r.med_list_codg).changes;
        }
        db.prepare('DELETE FROM national_staging WHERE download_id = ?').run(downloadId);
        db.prepare("UPDATE national_downloads SET state = 'done', finished_at = ?, max_updt_time = COALESCE(?, since), counts = ? WHERE id = ?").run(nowIso(), max, JSON.stringify(counts), downloadId);
        return { ...counts, max_updt_time: max };
      })();
    },
    failDownload(downloadId: number, error: string): void {
      db.transaction(() => {
        db.prepare('DELETE FROM national_staging WHERE download_id = ?').run(downloadId);
        db.prepare("UPDATE national_downloads SET state = 'failed', finished_at = ?, error = ? WHERE id = ?").run(nowIso(), error.slice(0, 500), downloadId);
      })();
    },
    /** a download left 'running' by a process that died: its pages are dropped, the catalog is as before it */
    abandonRunning(): number {
      const ids = db.prepare("SELECT id FROM national_downloads WHERE state = 'running'").pluck().all() as number[];
      for (const id of ids) this.failDownload(id, 'interrupted (the terminal stopped during the download)');
      return ids.length;
    },
    /** the newest updt_time downloaded so far: the next download asks for what changed since */
    highWaterMark: () => (db.prepare("SELECT MAX(max_updt_time) FROM national_downloads WHERE state = 'done'").pluck().get() as string | null) ?? null,
    lastDownload: () => (db.prepare('SELECT * FROM national_downloads ORDER BY id DESC LIMIT 1').get() as NationalDownloadRow | undefined) ?? null,
    lastDone: () => (db.prepare("SELECT * FROM national_downloads WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as NationalDownloadRow | undefined) ?? null,
    all: () => db.prepare('SELECT * FROM national_items').all() as NationalItemRow[],
    count: () => db.prepare('SELECT COUNT(*) FROM national_items').pluck().get() as number,

    // ---- mappings (对照) as uploaded to the center
    mapping: (medins: string, med: string) =>
      (db.prepare('SELECT * FROM catalog_mappings WHERE medins_list_codg = ? AND med_list_codg = ?').get(medins, med) as MappingRow | undefined) ?? null,
    mappings: () => db.prepare('SELECT * FROM catalog_mappings ORDER BY medins_list_codg, med_list_codg').all() as MappingRow[],
    setMapping(m: Omit<MappingRow, 'updated_at'>): void {
      db.prepare(
        `INSERT INTO catalog_mappings (medins_list_codg, med_list_codg, name, state, msgid, err_msg, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(medins_list_codg, med_list_codg) DO UPDATE SET name = excluded.name, state = excluded.state, msgid = excluded.msgid,
           err_msg = excluded.err_msg, updated_at = excluded.updated_at`,
      ).run(m.medins_list_codg, m.med_list_codg, m.name, m.state, m.msgid, m.err_msg, nowIso());
    },
    mappingCounts: () => {
      const out: Record<MappingState, number> = { pending: 0, uploaded: 0, refused: 0, revoke_pending: 0, revoked: 0 };
      for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM catalog_mappings GROUP BY state').all() as Array<{ state: MappingState; n: number }>) out[r.state] = r.n;
      return out;
    },
  };
}
export type NationalCatalogRepo = ReturnType<typeof createNationalCatalogRepo>;
