/**
 * The catalog the counter sells from: the institution's own items (定点医药机构目录) joined with the
 * national catalog (医保目录) they map to (对照). Pure: the items and the national entries are handed
 * in (catalog/ reads them from the store); this file decides what an item is at the counter.
 *
 *   mapped, national entry in force   class, self-pay ratio and cap from the national entry
 *   no national code (unmapped)       fully self-paid (class 03), marked `no_mapping`
 *   national code not in force        fully self-paid (class 03), marked `not_in_national`
 * An item is never sold as covered on a guess.
 *
 * Also the schemas of the sample documents shipped in data/ (the institution sample and the national
 * sample with versions), and how a national record is judged in force on a date.
 */
import { z } from 'zod';
import { ChrgitmLv, bp, fen, type CatalogItem } from '../../shared/domain.js';
import type { Catalog, InstitutionItem, NationalEntry } from './types.js';

/** One item joined with the national entry its mapping names (undefined: none in force). */
export function joinItem(it: InstitutionItem, entry: NationalEntry | undefined): CatalogItem {
  const base = {
    code: it.medins_list_codg,
    med_list_codg: it.med_list_codg,
    ...(it.barcode ? { barcode: it.barcode } : {}),
    name: it.name,
    spec: it.spec,
    unit: it.unit,
    kind: it.kind,
    price: it.price,
    whole_units: it.whole_units,
    fractional: !it.whole_units,
  };
  if (!entry) {
    return { ...base, chrgitm_lv: '03', selfpay_prop: 0, pric_uplmt_amt: null, unmapped: it.med_list_codg ? 'not_in_national' : 'no_mapping' };
  }
  return {
    ...base,
    chrgitm_lv: entry.chrgitm_lv,
    selfpay_prop: entry.chrgitm_lv === '02' ? entry.selfpay_prop : 0,
    pric_uplmt_amt: entry.pric_uplmt_amt,
    unmapped: null,
  };
}

export interface CatalogOptions {
  /** a faster search over the same items (catalog/search-index.ts); default: a plain scan */
  search?(q: string, limit: number): CatalogItem[];
}

/** The counter's catalog over institution items and a national lookup. */
export function createCatalog(items: readonly InstitutionItem[], national: (med_list_codg: string) => NationalEntry | undefined, opts: CatalogOptions = {}): Catalog {
  const joined = Object.freeze(items.map((it) => Object.freeze(joinItem(it, it.med_list_codg ? national(it.med_list_codg) : undefined))));
  const byCode = new Map<string, CatalogItem>();
  const byBarcode = new Map<string, CatalogItem>();
  // a national code names an item only when exactly one item maps to it
  const byNational = new Map<string, CatalogItem | null>();
  for (const it of joined) {
    byCode.set(it.code.toUpperCase(), it);
    if (it.barcode) byBarcode.set(it.barcode, it);
    if (it.med_list_codg) {
      const k = it.med_list_codg.toUpperCase();
      byNational.set(k, byNational.has(k) ? null : it);
    }
  }
  const scan = (q: string, limit: number): CatalogItem[] => {
    const k = q.trim().toLowerCase();
    if (!k) return [];
    const out: CatalogItem[] = [];
    for (const it of joined) {
      if (out.length >= limit) break;
      if (it.name.includes(q.trim()) || it.code.toLowerCase().startsWith(k) || it.barcode?.startsWith(k) || it.med_list_codg?.toLowerCase().startsWith(k)) out.push(it);
    }
    return out;
  };
  return {
    items: joined,
    lookup(q) {
      const k = q.trim();
      const K = k.toUpperCase();
      return byCode.get(K) ?? byBarcode.get(k) ?? byNational.get(K) ?? undefined;
    },
    national: (code) => national(code.trim()) ?? national(code.trim().toUpperCase()),
    search: (q, limit = 20) => (opts.search ?? scan)(q, Math.max(0, limit)),
  };
}

// ---------------------------------------------------------------- the shipped sample documents

const code = z.string().trim().min(1).max(50);

export const InstitutionItemSchema = z
  .object({
    medins_list_codg: code,
    name: z.string().trim().min(1).max(200),
    spec: z.string().max(200).default(''),
    unit: z.string().trim().min(1).max(20),
    kind: z.enum(['drug', 'service', 'material']),
    price: fen,
    barcode: z.string().regex(/^[0-9A-Za-z-]{4,50}$/).nullable(),
    whole_units: z.boolean(),
    med_list_codg: code.nullable(),
  })
  .strict();

export const InstitutionCatalogDoc = z
  .object({
    region: z.string().regex(/^\d{6}$/),
    name: z.string().optional(),
    sample: z.boolean(),
    note: z.string().optional(),
    items: z.array(InstitutionItemSchema).min(1),
  })
  .strict();

/** A national record as a version of the national catalog lists it (1312 + 1318 + 1319 in one row). */
export const NationalRecord = z
  .object({
    hilist_code: code,
    hilist_name: z.string().min(1).max(200),
    list_type: z.string().max(30),
    med_chrgitm_type: z.string().max(6),
    chrgitm_lv: ChrgitmLv,
    selfpay_prop: bp,
    pric_uplmt_amt: fen.nullable(),
    begndate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    enddate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
    vali_flag: z.enum(['0', '1']),
  })
  .strict();
export type NationalRecord = z.infer<typeof NationalRecord>;

export const NationalCatalogDoc = z
  .object({
    region: z.string().regex(/^\d{6}$/),
    name: z.string().optional(),
    sample: z.boolean(),
    note: z.string().optional(),
    versions: z
      .array(z.object({ ver: z.number().int().positive(), updt_time: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), items: z.array(NationalRecord) }).strict())
      .min(1),
  })
  .strict();
export type NationalCatalogDoc = z.infer<typeof NationalCatalogDoc>;

/** The latest record of every code over versions 1..upTo (a later version replaces what it lists). */
export function nationalRecordsUpTo(doc: NationalCatalogDoc, upTo: number): Map<string, NationalRecord & { updt_time: string; ver: number }> {
  const out = new Map<string, NationalRecord & { updt_time: string; ver: number }>();
  for (const v of [...doc.versions].sort((a, b) => a.ver - b.ver)) {
    if (v.ver > upTo) break;
    for (const r of v.items) out.set(r.hilist_code, { ...r, updt_time: v.updt_time, ver: v.ver });
  }
  return out;
}

/** The entry a record gives on `date` (yyyy-MM-dd), or undefined when it is withdrawn or outside its dates. */
export function entryInForce(r: Pick<NationalRecord, 'hilist_code' | 'hilist_name' | 'chrgitm_lv' | 'selfpay_prop' | 'pric_uplmt_amt' | 'begndate' | 'enddate' | 'vali_flag'>, date: string): NationalEntry | undefined {
  if (r.vali_flag !== '1' || r.begndate > date || (r.enddate !== '' && r.enddate < date)) return undefined;
  return { med_list_codg: r.hilist_code, name: r.hilist_name, chrgitm_lv: r.chrgitm_lv, selfpay_prop: r.chrgitm_lv === '02' ? r.selfpay_prop : 0, pric_uplmt_amt: r.pric_uplmt_amt };
}
