/**
 * The catalog area's one service: import (read, validate, preview, stage), activation with an
 * effective time, rollback to the previous version, the national download, the mapping upload, and
 * the first catalog of a terminal that has none. Every change is audited; the live catalog (what the
 * counter prices with) is refreshed after each.
 */
import path from 'node:path';
import type { CatalogImportResult, CatalogProgress, CatalogStatus, CatalogVersionView, MappingUploadResult, NationalDownloadResult } from '../../shared/api-catalog.js';
import type { CenterGateway } from '../center/index.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { InstitutionItem } from '../settle/index.js';
import { sampleInstitutionItems } from '../settle/sample-data.js';
import type { CatalogVersionRow, StoredCatalogItem } from '../store/catalog-versions.js';
import type { Store } from '../store/index.js';
import type { CatalogConfig } from './config.js';
import { parseCatalogFile, withSearchKeys } from './import-file.js';
import type { LiveCatalog } from './live.js';
import { uploadMappings } from './mapping-upload.js';
import { downloadNational } from './national-download.js';
import { previewChanges } from './preview.js';
import { TableError } from './read-table.js';
import { describeRowError } from './validate-rows.js';

export interface CatalogServiceDeps {
  store: Store;
  center: Pick<CenterGateway, 'call'>;
  clock: Clock;
  live: LiveCatalog;
  config: CatalogConfig;
  terminal: { fixmedins_code: string; mdtrtarea_admvs: string };
  progress?(p: CatalogProgress): void;
  /** the status changed (the admin screen, the status bar) */
  changed?(s: CatalogStatus): void;
  log?(line: string): void;
}

const stripKeys = (it: StoredCatalogItem): InstitutionItem => {
  const { py_initials: _i, py_full: _f, ...rest } = it;
  return rest;
};

export function createCatalogService(d: CatalogServiceDeps) {
  const { store, live } = d;
  const versions = store.catalogVersions;
  let downloading: Promise<NationalDownloadResult> | null = null;

  function view(v: CatalogVersionRow, inForceId: number | null): CatalogVersionView {
    return { ...v, inForce: v.id === inForceId };
  }

  function status(): CatalogStatus {
    const inForce = live.version();
    const list = versions.list(200);
    const now = d.clock.now().toISOString();
    const items = live.items;
    const last = store.nationalCatalog.lastDownload();
    const done = store.nationalCatalog.lastDone();
    const m = store.nationalCatalog.mappingCounts();
    return {
      version: inForce ? view(inForce, inForce.id) : null,
      pending: list.filter((v) => v.state === 'active' && (v.effective_at ?? '') > now).map((v) => view(v, inForce?.id ?? null)),
      staged: list.filter((v) => v.state === 'staged').map((v) => view(v, inForce?.id ?? null)),
      items: items.length,
      unmapped: items.filter((it) => it.unmapped !== null).length,
      national: {
        items: store.nationalCatalog.count(),
        version: store.nationalCatalog.highWaterMark(),
        downloadedAt: done?.finished_at ?? null,
        lastError: last?.state === 'failed' ? last.error : null,
      },
      mappings: { upload: d.config.uploadMappings, pending: m.pending + m.revoke_pending, uploaded: m.uploaded, refused: m.refused },
    };
  }

  const changed = () => {
    live.refresh();
    d.changed?.(status());
  };

  const currentItems = (): InstitutionItem[] => {
    const v = live.version();
    return v ? versions.items(v.id).map(stripKeys) : [];
  };

  async function importFile(file: string, opts: { dryRun: boolean; by: string; source?: string }): Promise<CatalogImportResult> {
    const t0 = performance.now();
    d.progress?.({ task: 'import', phase: '读取并校验文件', done: 0, total: null });
    let parsed;
    try {
      parsed = await parseCatalogFile(file, (rows) => d.progress?.({ task: 'import', phase: '读取并校验文件', done: rows, total: null }));
    } catch (e) {
      if (e instanceof TableError) throw AppError.keyed('VALIDATION', 'catalogErr.table', { detail: e.message }, { field: 'file', message: e.message });
      throw e;
    }
    const preview = previewChanges(parsed.items, currentItems(), (code) => live.national(code) !== undefined);
    let versionId: number | null = null;
    if (!opts.dryRun && parsed.errorCount === 0) {
      d.progress?.({ task: 'import', phase: '生成拼音检索码并保存', done: parsed.items.length, total: parsed.items.length });
      const stored = await withSearchKeys(parsed.items);
      versionId = versions.stage({ source: opts.source ?? parsed.source, sha256: parsed.sha256, created_by: opts.by }, stored);
      store.audit.append({ actor: opts.by, action: 'catalog.staged', subject: String(versionId), detail: { source: opts.source ?? parsed.source, sha256: parsed.sha256, items: stored.length, counts: preview.counts } });
      d.changed?.(status());
    }
    return { source: opts.source ?? parsed.source, format: parsed.format, sha256: parsed.sha256, rows: parsed.rows, errorCount: parsed.errorCount, errors: parsed.errors, preview, versionId, ms: performance.now() - t0 };
  }

  function activate(id: number, effectiveAt: string | null, by: string): CatalogStatus {
    const v = versions.get(id);
    if (!v) throw AppError.keyed('NOT_FOUND', 'catalogErr.noVersion', { id }, { field: 'versionId', message: `没有目录版本 ${id}` });
    if (v.state !== 'staged') throw AppError.keyed('CONFLICT', 'catalogErr.notStaged', { id }, { field: 'versionId', message: `目录版本 ${id} 已是 ${v.state}，只有待启用的版本可以启用` });
    const at = effectiveAt ? new Date(effectiveAt).toISOString() : d.clock.now().toISOString();
    versions.activate(id, at, by);
    store.audit.append({ actor: by, action: 'catalog.activate', subject: String(id), detail: { effective_at: at, source: v.source, sha256: v.sha256, items: v.item_count } });
    changed();
    if (d.config.uploadMappings) void uploadNow(by).catch((e) => d.log?.(`[catalog] mapping upload after activation failed: ${(e as Error).message}`));
    return status();
  }

  function discard(id: number, by: string): CatalogStatus {
    const v = versions.get(id);
    if (!v || v.state !== 'staged') throw AppError.keyed('CONFLICT', 'catalogErr.discardOnlyStaged', { id }, { field: 'versionId', message: `只有待启用的目录版本可以放弃 (版本 ${id})` });
    versions.discard(id);
    store.audit.append({ actor: by, action: 'catalog.discard', subject: String(id), detail: { source: v.source } });
    changed();
    return status();
  }

  /** the version in force is withdrawn: the one before it is in force again */
  function rollback(by: string): CatalogStatus {
    const v = live.version();
    if (!v) throw AppError.keyed('CONFLICT', 'catalogErr.noActive', {}, { message: '没有正在使用的目录版本' });
    const now = d.clock.now().toISOString();
    const previous = versions
      .list(1000)
      .filter((x) => x.state === 'active' && x.id !== v.id && (x.effective_at ?? '') <= now)
      .sort((a, b) => ((a.effective_at ?? '') === (b.effective_at ?? '') ? b.id - a.id : (b.effective_at ?? '') > (a.effective_at ?? '') ? 1 : -1))[0];
    if (!previous) throw AppError.keyed('CONFLICT', 'catalogErr.noPrevious', { id: v.id }, { message: `目录版本 ${v.id} 之前没有可以恢复的版本` });
    versions.withdraw(v.id, by);
    store.audit.append({ actor: by, action: 'catalog.rollback', subject: String(v.id), detail: { withdrawn: v.id, back_to: previous.id } });
    changed();
    return status();
  }

  async function download(by: string): Promise<NationalDownloadResult> {
    // one download at a time: a second request waits for the one under way
    downloading ??= downloadNational({
      store,
      center: d.center,
      region: d.terminal.mdtrtarea_admvs,
      pageSize: d.config.national.pageSize,
      operator: by,
      progress: d.progress,
    }).finally(() => {
      downloading = null;
    });
    try {
      const r = await downloading;
      store.audit.append({ actor: by, action: 'catalog.national_download', subject: String(r.downloadId), detail: { since: r.since, version: r.version, items: r.items, caps: r.caps, ratios: r.ratios, pages: r.pages } });
      return r;
    } finally {
      changed();
    }
  }

  async function uploadNow(by: string): Promise<MappingUploadResult> {
    const r = await uploadMappings({ store, center: d.center, catalog: live, fixmedins_code: d.terminal.fixmedins_code, region: d.terminal.mdtrtarea_admvs, today: d.clock.today(), progress: d.progress });
    store.audit.append({ actor: by, action: 'catalog.mappings_upload', subject: null, detail: { uploaded: r.uploaded, revoked: r.revoked, refused: r.refused.length, unsent: r.unsent } });
    changed();
    return r;
  }

  /**
   * A terminal without a catalog version gets its first one: the configured seed file, else the
   * shipped sample (unless seedSample is false), activated now. Errors in a seed file stop the start.
   */
  async function seedIfEmpty(): Promise<void> {
    if (versions.count() > 0) return;
    if (d.config.seedFile) {
      const r = await importFile(path.resolve(d.config.seedFile), { dryRun: false, by: 'system' });
      if (r.versionId === null) throw new Error(`catalog.seedFile ${d.config.seedFile}: ${r.errorCount} error(s), e.g. ${r.errors.slice(0, 3).map(describeRowError).join('; ')}`);
      activate(r.versionId, null, 'system');
      return;
    }
    if (!d.config.seedSample) return;
    const stored = await withSearchKeys(sampleInstitutionItems());
    const id = versions.stage({ source: 'sample:catalog-530600.json (示例目录)', sha256: 'sample', created_by: 'system' }, stored);
    activate(id, null, 'system');
  }

  /** At start: a terminal that holds no national catalog asks the center for it (failures are logged, not fatal). */
  async function nationalIfEmpty(): Promise<void> {
    store.nationalCatalog.abandonRunning();
    if (!d.config.national.downloadWhenEmpty || store.nationalCatalog.count() > 0) return;
    try {
      await download('system');
    } catch (e) {
      d.log?.(`[catalog] the national catalog could not be downloaded at start (${(e as Error).message}); items sell fully self-paid until it is`);
    }
  }

  return {
    status,
    versions: () => {
      const inForce = live.version();
      return versions.list(200).map((v) => view(v, inForce?.id ?? null));
    },
    importFile,
    activate,
    discard,
    rollback,
    downloadNational: download,
    uploadMappings: uploadNow,
    seedIfEmpty,
    nationalIfEmpty,
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
