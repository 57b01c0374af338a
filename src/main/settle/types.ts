/** Types the settle folder shares with its callers (re-exported by index.ts). */
import type { CatalogItem, HospLevel, Insutype, MedType, YtdState } from '../../shared/domain.js';

/** A validated policy file for one region (many versions with effective dates). Opaque to callers. */
export type PolicyFile = { region: string; versions: unknown[] } & Record<string, unknown>;

export interface PolicyContext {
  insutype: Insutype;
  med_type: MedType;
  hosp_level: HospLevel;
  /** the date of service, yyyy-MM-dd: picks the policy version */
  date: string;
  ytd: YtdState;
  cvlserv_flag: boolean;
}

/** Catalog lookups (med_list_codg and barcode), search by name / code / pinyin initials. */
export interface Catalog {
  readonly items: readonly CatalogItem[];
  byCode(code: string): CatalogItem | undefined;
  /** med_list_codg or barcode */
  lookup(codeOrBarcode: string): CatalogItem | undefined;
  search(q: string, limit?: number): CatalogItem[];
}
