/** A catalog area over a real temp store, without a center, with a clock the test moves; the sample national catalog loaded. */
import path from 'node:path';
import { createCatalogArea } from '../../src/main/catalog/area.js';
import { CatalogConfig } from '../../src/main/catalog/config.js';
import { createClock } from '../../src/main/clock.js';
import { nationalRecordsUpTo } from '../../src/main/settle/index.js';
import { sampleNationalCatalog } from '../../src/main/settle/sample-data.js';
import { createStore, type Store } from '../../src/main/store/index.js';

/** the sample national catalog up to a version, as if downloaded (the store's own staging and swap) */
export function seedNational(store: Store, ver = 1): void {
  const id = store.nationalCatalog.startDownload('1970-01-01 00:00:00', 'test');
  const parts = [...nationalRecordsUpTo(sampleNationalCatalog(), ver).values()].flatMap((r) => [
    { part: 'item' as const, med_list_codg: r.hilist_code, updt_time: r.updt_time, data: { med_list_codg: r.hilist_code, name: r.hilist_name, chrgitm_lv: r.chrgitm_lv, list_type: r.list_type, med_chrgitm_type: r.med_chrgitm_type, begndate: r.begndate, enddate: r.enddate, vali_flag: r.vali_flag, updt_time: r.updt_time } },
    { part: 'cap' as const, med_list_codg: r.hilist_code, updt_time: r.updt_time, data: { pric_uplmt_amt: r.pric_uplmt_amt } },
    { part: 'ratio' as const, med_list_codg: r.hilist_code, updt_time: r.updt_time, data: { selfpay_prop: r.selfpay_prop } },
  ]);
  store.nationalCatalog.stage(id, parts);
  store.nationalCatalog.commitDownload(id);
}

export function catalogAreaIn(dir: string, opts: { national?: number | null; config?: Record<string, unknown> } = {}) {
  let now = new Date('2026-12-02T02:00:00Z');
  const clock = createClock('Asia/Shanghai', () => now);
  const store = createStore(path.join(dir, 'terminal.db'), { fixmedinsCode: 'P53060200001', stamp14: () => clock.stamp14(), nowIso: () => now.toISOString() });
  if (opts.national !== null) seedNational(store, opts.national ?? 1);
  const area = createCatalogArea({
    config: CatalogConfig.parse({ seedSample: false, ...opts.config }),
    dataDir: dir,
    store,
    center: { call: () => Promise.reject(new Error('no center in this test')) },
    clock,
    terminal: { fixmedins_code: 'P53060200001', mdtrtarea_admvs: '530600' },
    actor: () => '9001',
  });
  return {
    store,
    area,
    clock,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    close: () => store.close(),
  };
}
