/**
 * The mappings (对照) the center must know, where it requires them uploaded: every item of the version
 * in force that maps to a national code in force goes up with 3301 unless the center has it already;
 * a mapping uploaded before and no longer used is revoked with 3302. Each answer is recorded per
 * mapping (uploaded / refused with the center's reason / revoked). When the center cannot be reached
 * the rest stays pending for the next time; nothing is guessed.
 */
import type { CatalogProgress, MappingUploadResult } from '../../shared/api-catalog.js';
import { isCenterError, type CenterGateway } from '../center/index.js';
import type { Catalog } from '../settle/index.js';
import type { Store } from '../store/index.js';

const LIST_TYPE: Record<string, string> = { drug: '101', service: '201', material: '301' };

export interface MappingDeps {
  store: Pick<Store, 'nationalCatalog'>;
  center: Pick<CenterGateway, 'call'>;
  catalog: Pick<Catalog, 'items' | 'national'>;
  fixmedins_code: string;
  region: string;
  today: string;
  progress?(p: CatalogProgress): void;
}

export async function uploadMappings(d: MappingDeps): Promise<MappingUploadResult> {
  const repo = d.store.nationalCatalog;
  const result: MappingUploadResult = { uploaded: 0, revoked: 0, refused: [], unsent: 0 };
  const wanted = d.catalog.items.filter((it) => it.med_list_codg && it.unmapped === null);
  const wantedKeys = new Set(wanted.map((it) => `${it.code}\u0001${it.med_list_codg}`));
  const toUpload = wanted.filter((it) => repo.mapping(it.code, it.med_list_codg!)?.state !== 'uploaded');
  const toRevoke = repo.mappings().filter((m) => m.state === 'uploaded' && !wantedKeys.has(`${m.medins_list_codg}\u0001${m.med_list_codg}`));
  const total = toUpload.length + toRevoke.length;
  let done = 0;
  const meta = { insuplc_admdvs: d.region };

  /** false when the center could not be reached: stop, the rest waits */
  async function send(kind: 'upload' | 'revoke', m: { code: string; med: string; name: string }, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      repo.setMapping({ medins_list_codg: m.code, med_list_codg: m.med, name: m.name, state: kind === 'upload' ? 'uploaded' : 'revoked', msgid: null, err_msg: null });
      if (kind === 'upload') result.uploaded++;
      else result.revoked++;
      return true;
    } catch (e) {
      if (isCenterError(e) && e.kind === 'refused') {
        const err_msg = e.err_msg || e.message;
        repo.setMapping({ medins_list_codg: m.code, med_list_codg: m.med, name: m.name, state: kind === 'upload' ? 'refused' : 'uploaded', msgid: e.msgid, err_msg });
        result.refused.push({ code: m.code, med_list_codg: m.med, err_msg });
        return true;
      }
      if (kind === 'upload') repo.setMapping({ medins_list_codg: m.code, med_list_codg: m.med, name: m.name, state: 'pending', msgid: null, err_msg: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      d.progress?.({ task: 'upload', phase: '目录对照上传', done: ++done, total });
    }
  }

  for (const it of toUpload) {
    const data = {
      fixmedins_hilist_id: it.code,
      fixmedins_hilist_name: it.name,
      list_type: LIST_TYPE[it.kind] ?? '101',
      med_list_codg: it.med_list_codg!,
      begndate: d.today,
      enddate: '2099-12-31',
      spec: it.spec,
      prcunt: it.unit,
    };
    if (!(await send('upload', { code: it.code, med: it.med_list_codg!, name: it.name }, () => d.center.call('3301', { data }, meta)))) {
      result.unsent = toUpload.length - result.uploaded - result.refused.length + toRevoke.length;
      return result;
    }
  }
  for (const m of toRevoke) {
    const data = { fixmedins_code: d.fixmedins_code, fixmedins_hilist_id: m.medins_list_codg, list_type: '101', med_list_codg: m.med_list_codg };
    if (!(await send('revoke', { code: m.medins_list_codg, med: m.med_list_codg, name: m.name }, () => d.center.call('3302', { data }, meta)))) {
      result.unsent = toRevoke.length - result.revoked;
      return result;
    }
  }
  return result;
}
