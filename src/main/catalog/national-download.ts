/**
 * The national catalog downloaded from the center: 1312 (items and their class), 1318 (price caps),
 * 1319 (class-B self-pay ratios), each paged, each asking for what changed since the last download's
 * high-water mark (updt_time). Every page is staged in its own transaction; the whole download is
 * swapped in at the end in one, so a download cut short (center gone, terminal killed) leaves the
 * catalog as it was and the next one starts again from the same mark.
 */
import type { CatalogProgress, NationalDownloadResult } from '../../shared/api-catalog.js';
import type { TxInput, TxOutput } from '../center/index.js';
import type { CenterGateway } from '../center/index.js';
import type { StagedPart } from '../store/national-catalog.js';
import type { Store } from '../store/index.js';

/** the mark of a terminal that has downloaded nothing yet */
export const BEGINNING = '1970-01-01 00:00:00';
const MAX_PAGES = 10_000;

export interface DownloadDeps {
  store: Pick<Store, 'nationalCatalog'>;
  center: Pick<CenterGateway, 'call'>;
  /** the division whose catalog is downloaded (the terminal's mdtrtarea_admvs) */
  region: string;
  pageSize: number;
  operator: string;
  progress?(p: CatalogProgress): void;
}

type CatalogInfno = '1312' | '1318' | '1319';
const PHASE: Record<CatalogInfno, string> = { '1312': '医保目录信息 (1312)', '1318': '医保目录限价 (1318)', '1319': '医保目录先自付比例 (1319)' };

function partsOf(infno: CatalogInfno, out: TxOutput<CatalogInfno>): StagedPart[] {
  if (infno === '1312') {
    return (out as TxOutput<'1312'>).data.map((r) => ({
      part: 'item',
      med_list_codg: r.hilist_code.toUpperCase(),
      updt_time: r.updt_time,
      data: {
        med_list_codg: r.hilist_code.toUpperCase(),
        name: r.hilist_name,
        chrgitm_lv: r.chrgitm_lv,
        list_type: r.list_type,
        med_chrgitm_type: r.med_chrgitm_type,
        begndate: r.begndate,
        enddate: r.enddate,
        vali_flag: r.vali_flag === '1' ? '1' : '0',
        updt_time: r.updt_time,
      },
    }));
  }
  if (infno === '1318') {
    // a cap no longer valid is lifted
    return (out as TxOutput<'1318'>).data.map((r) => ({
      part: 'cap',
      med_list_codg: r.hilist_code.toUpperCase(),
      updt_time: r.updt_time,
      data: { pric_uplmt_amt: r.vali_flag === '1' ? r.hilist_pric_uplmt_amt : null },
    }));
  }
  // 1319 may list a ratio per person type; the general one (no person type) is the one the counter applies
  return (out as TxOutput<'1319'>).data
    .filter((r) => r.selfpay_prop_psn_type === '')
    .map((r) => ({ part: 'ratio', med_list_codg: r.hilist_code.toUpperCase(), updt_time: r.updt_time, data: { selfpay_prop: r.vali_flag === '1' ? r.selfpay_prop : 0 } }));
}

export async function downloadNational(d: DownloadDeps): Promise<NationalDownloadResult> {
  const t0 = performance.now();
  const since = d.store.nationalCatalog.highWaterMark() ?? BEGINNING;
  const id = d.store.nationalCatalog.startDownload(since, d.operator);
  let pages = 0;
  try {
    for (const infno of ['1312', '1318', '1319'] as const) {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const input = { data: { insu_admdvs: d.region, updt_time: since, page_num: page, page_size: d.pageSize } } as TxInput<typeof infno>;
        const out = (await d.center.call(infno, input, { insuplc_admdvs: d.region })) as TxOutput<CatalogInfno>;
        d.store.nationalCatalog.stage(id, partsOf(infno, out));
        pages++;
        d.progress?.({ task: 'download', phase: `${PHASE[infno]} 第 ${page}/${Math.max(out.pages, 1)} 页`, done: page, total: Math.max(out.pages, 1) });
        if (page >= out.pages || out.data.length === 0) break;
      }
    }
    const c = d.store.nationalCatalog.commitDownload(id);
    return { downloadId: id, since, version: d.store.nationalCatalog.highWaterMark(), items: c.items, caps: c.caps, ratios: c.ratios, pages, ms: performance.now() - t0 };
  } catch (e) {
    d.store.nationalCatalog.failDownload(id, e instanceof Error ? e.message : String(e));
    throw e;
  }
}
