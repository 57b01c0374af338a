/**
 * Calls and events of the catalog area (the institution's catalog: import, versions, rollback; the
 * national catalog download; the mapping upload), merged into the one contract by api.ts. The
 * counter's own catalog.search / catalog.lookup stay in api.ts.
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { UnmappedReason, fen } from './domain.js';

export const CatalogRowError = z.object({
  /** 1-based row as the spreadsheet shows it (the header is row 1) */
  row: z.number().int().positive(),
  /** the column's header as in the file */
  column: z.string(),
  /** why, in Chinese */
  reason: z.string(),
});
export type CatalogRowError = z.infer<typeof CatalogRowError>;

const Brief = z.object({ code: z.string(), name: z.string(), med_list_codg: z.string().nullable() });

export const CatalogImportPreview = z.object({
  total: z.number().int().nonnegative(),
  counts: z.object({
    added: z.number().int().nonnegative(),
    priceChanged: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    newlyUnmapped: z.number().int().nonnegative(),
    otherChanged: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
  }),
  /** the first 200 of each kind (the counts are exact) */
  added: z.array(Brief.extend({ price: fen })),
  priceChanged: z.array(Brief.extend({ oldPrice: fen, newPrice: fen })),
  removed: z.array(Brief.extend({ price: fen })),
  newlyUnmapped: z.array(Brief.extend({ reason: UnmappedReason })),
});
export type CatalogImportPreview = z.infer<typeof CatalogImportPreview>;

export const CatalogVersionView = z.object({
  id: z.number().int(),
  state: z.enum(['staged', 'active', 'withdrawn', 'discarded']),
  source: z.string(),
  sha256: z.string(),
  item_count: z.number().int(),
  created_at: z.string(),
  created_by: z.string(),
  effective_at: z.string().nullable(),
  activated_at: z.string().nullable(),
  activated_by: z.string().nullable(),
  withdrawn_at: z.string().nullable(),
  withdrawn_by: z.string().nullable(),
  /** the version the counter sells from now */
  inForce: z.boolean(),
});
export type CatalogVersionView = z.infer<typeof CatalogVersionView>;

export const CatalogImportResult = z.object({
  source: z.string(),
  format: z.enum(['xlsx', 'csv']),
  sha256: z.string(),
  rows: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
  /** the first 1000 errors */
  errors: z.array(CatalogRowError),
  preview: CatalogImportPreview,
  /** the staged version (null for a dry run, or when the file has errors) */
  versionId: z.number().int().nullable(),
  ms: z.number().nonnegative(),
});
export type CatalogImportResult = z.infer<typeof CatalogImportResult>;

export const CatalogStatus = z.object({
  version: CatalogVersionView.nullable(),
  /** activated versions that take effect later */
  pending: z.array(CatalogVersionView),
  /** staged versions waiting for activation */
  staged: z.array(CatalogVersionView),
  items: z.number().int().nonnegative(),
  /** items that sell fully self-paid (no mapping, or a national code not in force) */
  unmapped: z.number().int().nonnegative(),
  national: z.object({
    items: z.number().int().nonnegative(),
    /** the newest updt_time downloaded (the national catalog's version here) */
    version: z.string().nullable(),
    downloadedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  mappings: z.object({
    /** the center requires mappings to be uploaded (configuration catalog.uploadMappings) */
    upload: z.boolean(),
    pending: z.number().int().nonnegative(),
    uploaded: z.number().int().nonnegative(),
    refused: z.number().int().nonnegative(),
  }),
});
export type CatalogStatus = z.infer<typeof CatalogStatus>;

export const NationalDownloadResult = z.object({
  downloadId: z.number().int(),
  since: z.string(),
  version: z.string().nullable(),
  items: z.number().int().nonnegative(),
  caps: z.number().int().nonnegative(),
  ratios: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
});
export type NationalDownloadResult = z.infer<typeof NationalDownloadResult>;

export const MappingUploadResult = z.object({
  uploaded: z.number().int().nonnegative(),
  revoked: z.number().int().nonnegative(),
  refused: z.array(z.object({ code: z.string(), med_list_codg: z.string(), err_msg: z.string() })),
  /** not sent: the center could not be reached (they stay pending) */
  unsent: z.number().int().nonnegative(),
});
export type MappingUploadResult = z.infer<typeof MappingUploadResult>;

export const CatalogProgress = z.object({
  task: z.enum(['import', 'download', 'upload']),
  /** what is being done, in Chinese */
  phase: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});
export type CatalogProgress = z.infer<typeof CatalogProgress>;

const uploadId = z.string().regex(/^[0-9a-f-]{36}$/, 'uploadId is a UUID');

export const catalogCalls = {
  'catalog.status': defineCall(empty, CatalogStatus),
  'catalog.versions': defineCall(empty, z.array(CatalogVersionView), { admin: true }),
  /** a file for import, in pieces (the transports carry at most 2 MB a call): base64, in order */
  'catalog.uploadChunk': defineCall(
    z.object({ uploadId, fileName: z.string().min(1).max(200), index: z.number().int().min(0).max(200), last: z.boolean(), data: z.string().max(1_400_000) }).strict(),
    z.object({ received: z.number().int().nonnegative() }),
    { admin: true },
  ),
  /** read, validate and preview the uploaded file; unless a dry run (and without errors) it is staged as a version */
  'catalog.importUploaded': defineCall(z.object({ uploadId, dryRun: z.boolean() }).strict(), CatalogImportResult, { admin: true }),
  /** a staged version takes effect at effectiveAt (ISO; null: now) */
  'catalog.activate': defineCall(z.object({ versionId: z.number().int().positive(), effectiveAt: z.string().datetime({ offset: true }).nullable() }).strict(), CatalogStatus, { admin: true }),
  'catalog.discard': defineCall(z.object({ versionId: z.number().int().positive() }).strict(), CatalogStatus, { admin: true }),
  /** back to the previous version: the one in force is withdrawn */
  'catalog.rollback': defineCall(empty, CatalogStatus, { admin: true }),
  /** the national catalog's changes since the last download (1312 / 1318 / 1319, paged), with progress */
  'catalog.downloadNational': defineCall(empty, NationalDownloadResult, { admin: true }),
  /** the mappings the center has not recorded yet go up (3301), those no longer used are revoked (3302) */
  'catalog.uploadMappings': defineCall(empty, MappingUploadResult, { admin: true }),
} as const;

export const catalogEvents = {
  'catalog.changed': CatalogStatus,
  'catalog.progress': CatalogProgress,
} as const;
