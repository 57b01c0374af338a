/**
 * What an import would change, before it takes effect: items added, prices changed, items removed,
 * and items newly unmapped (sold fully self-paid from now on: added without a mapping the national
 * catalog covers, or covered before and not now), compared with the version in force.
 */
import type { CatalogImportPreview } from '../../shared/api-catalog.js';
import type { InstitutionItem } from '../settle/index.js';

/** items listed in full per kind of change (the counts are always exact) */
export const PREVIEW_LIST_MAX = 200;

export function previewChanges(next: readonly InstitutionItem[], current: readonly InstitutionItem[], covered: (med_list_codg: string) => boolean): CatalogImportPreview {
  const before = new Map(current.map((it) => [it.medins_list_codg.toUpperCase(), it]));
  const isCovered = (it: InstitutionItem) => it.med_list_codg !== null && covered(it.med_list_codg);
  const p: CatalogImportPreview = {
    total: next.length,
    counts: { added: 0, priceChanged: 0, removed: 0, newlyUnmapped: 0, otherChanged: 0, unchanged: 0 },
    added: [],
    priceChanged: [],
    removed: [],
    newlyUnmapped: [],
  };
  const push = <T>(list: T[], v: T) => {
    if (list.length < PREVIEW_LIST_MAX) list.push(v);
  };
  const seen = new Set<string>();
  for (const it of next) {
    const key = it.medins_list_codg.toUpperCase();
    seen.add(key);
    const old = before.get(key);
    const brief = { code: it.medins_list_codg, name: it.name, med_list_codg: it.med_list_codg };
    if (!old) {
      p.counts.added++;
      push(p.added, { ...brief, price: it.price });
    } else if (old.price !== it.price) {
      p.counts.priceChanged++;
      push(p.priceChanged, { ...brief, oldPrice: old.price, newPrice: it.price });
    } else if (old.name !== it.name || old.spec !== it.spec || old.unit !== it.unit || old.barcode !== it.barcode || old.whole_units !== it.whole_units || old.med_list_codg !== it.med_list_codg || old.kind !== it.kind) {
      p.counts.otherChanged++;
    } else {
      p.counts.unchanged++;
    }
    if (!isCovered(it) && (!old || isCovered(old))) {
      p.counts.newlyUnmapped++;
      push(p.newlyUnmapped, { ...brief, reason: it.med_list_codg ? 'not_in_national' : 'no_mapping' });
    }
  }
  for (const old of current) {
    if (seen.has(old.medins_list_codg.toUpperCase())) continue;
    p.counts.removed++;
    push(p.removed, { code: old.medins_list_codg, name: old.name, med_list_codg: old.med_list_codg, price: old.price });
  }
  return p;
}
