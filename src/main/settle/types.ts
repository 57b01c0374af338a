/** Types the settle folder shares with its callers (re-exported by index.ts). */
import type { CatalogItem, ChrgitmLv, HospLevel, Insutype, MedType, YtdState } from '../../shared/domain.js';

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

/** A national catalog entry (医保目录, as 1312/1318/1319 give it) in force: class, class-B self-pay ratio, price cap. */
export interface NationalEntry {
  med_list_codg: string;
  name: string;
  chrgitm_lv: ChrgitmLv;
  /** basis points; 0 for classes A and C */
  selfpay_prop: number;
  /** fen per unit; null when uncapped */
  pric_uplmt_amt: number | null;
}

/** An item of the institution's own catalog as imported (定点医药机构目录), before the national catalog is joined in. */
export interface InstitutionItem {
  medins_list_codg: string;
  name: string;
  spec: string;
  unit: string;
  kind: CatalogItem['kind'];
  /** fen per unit */
  price: number;
  barcode: string | null;
  whole_units: boolean;
  /** the national code it maps to; null when unmapped */
  med_list_codg: string | null;
}

/** The items the counter sells (institution items joined with the national catalog) and the national catalog behind them. */
export interface Catalog {
  readonly items: readonly CatalogItem[];
  /** an institution code, a barcode, or the national code that one item maps to */
  lookup(codeOrBarcode: string): CatalogItem | undefined;
  /** the national entry in force for a national code (outpatient lines name national codes) */
  national(med_list_codg: string): NationalEntry | undefined;
  search(q: string, limit?: number): CatalogItem[];
}
