/**
 * The catalog area's calls (src/shared/api-catalog.ts). A file for import arrives in base64 pieces
 * (the transports carry at most 2 MB a call) into <dataDir>/imports/<uploadId>.<ext>, is imported
 * from there and removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { catalogCalls } from '../../shared/api-catalog.js';
import { AppError } from '../errors.js';
import type { AreaHandlers } from '../router.js';
import type { CatalogService } from './service.js';

/** the largest file accepted (a 200,000-row CSV is about 20 MB) */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface CatalogHandlerDeps {
  service: CatalogService;
  dataDir: string;
  /** the operator the audit names */
  actor(): string;
}

export function createCatalogHandlers(d: CatalogHandlerDeps): AreaHandlers<typeof catalogCalls> {
  const dir = path.join(d.dataDir, 'imports');
  const uploads = new Map<string, { file: string; next: number; bytes: number; complete: boolean; fileName: string }>();
  const fileOf = (uploadId: string) => {
    const u = uploads.get(uploadId);
    if (!u) throw AppError.keyed('NOT_FOUND', 'catalogErr.noUpload', {}, { field: 'uploadId', message: '没有这个上传的文件，请重新选择文件' });
    return u;
  };

  return {
    'catalog.status': () => d.service.status(),
    'catalog.versions': () => d.service.versions(),
    'catalog.uploadChunk': (i) => {
      const ext = path.extname(i.fileName).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv') throw AppError.keyed('VALIDATION', 'catalogErr.fileType', { ext: ext || '—' }, { field: 'fileName', message: `不支持的文件类型 ${ext || '(无扩展名)'}：请导出为 .xlsx 或 .csv` });
      let u = uploads.get(i.uploadId);
      if (i.index === 0) {
        if (u) fs.rmSync(u.file, { force: true });
        fs.mkdirSync(dir, { recursive: true });
        u = { file: path.join(dir, `${i.uploadId}${ext}`), next: 0, bytes: 0, complete: false, fileName: path.basename(i.fileName) };
        uploads.set(i.uploadId, u);
        fs.writeFileSync(u.file, '');
      }
      if (!u || u.next !== i.index) throw AppError.keyed('VALIDATION', 'catalogErr.chunkOrder', { n: u?.next ?? 0 }, { field: 'index', message: `文件分段顺序不对（期望第 ${u?.next ?? 0} 段）` });
      const chunk = Buffer.from(i.data, 'base64');
      if (u.bytes + chunk.length > MAX_UPLOAD_BYTES) throw AppError.keyed('VALIDATION', 'catalogErr.tooBig', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }, { field: 'data', message: `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
      fs.appendFileSync(u.file, chunk);
      u.bytes += chunk.length;
      u.next++;
      u.complete = i.last;
      return { received: u.bytes };
    },
    'catalog.importUploaded': async (i) => {
      const u = fileOf(i.uploadId);
      if (!u.complete) throw AppError.keyed('CONFLICT', 'catalogErr.notComplete', {}, { field: 'uploadId', message: '文件还没有上传完' });
      try {
        return await d.service.importFile(u.file, { dryRun: i.dryRun, by: d.actor(), source: u.fileName });
      } finally {
        fs.rmSync(u.file, { force: true });
        uploads.delete(i.uploadId);
      }
    },
    'catalog.activate': (i) => d.service.activate(i.versionId, i.effectiveAt, d.actor()),
    'catalog.discard': (i) => d.service.discard(i.versionId, d.actor()),
    'catalog.rollback': () => d.service.rollback(d.actor()),
    'catalog.downloadNational': () => d.service.downloadNational(d.actor()),
    'catalog.uploadMappings': () => d.service.uploadMappings(d.actor()),
  };
}
