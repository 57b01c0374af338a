/**
 * The SAMPLE data shipped with the terminal (not official figures): Zhaotong 530600 policy, an
 * institution catalog and the national catalog (with versions) behind it.
 * Bundled as JSON modules so the embedded simulator, the demo mode and tests share one copy.
 */
import policyDoc from './data/policy-530600.json' with { type: 'json' };
import catalogDoc from './data/catalog-530600.json' with { type: 'json' };
import nationalDoc from './data/national-catalog-530600.json' with { type: 'json' };
import policy530100Doc from './data/policy-530100.json' with { type: 'json' };
import policy530300Doc from './data/policy-530300.json' with { type: 'json' };
import { parsePolicy } from './policy.js';
import { InstitutionCatalogDoc, NationalCatalogDoc, createCatalog, entryInForce, nationalRecordsUpTo } from './catalog.js';
import type { Catalog, InstitutionItem, PolicyFile } from './types.js';

/** The sample policy for 530600, validated (a fresh deep copy each call). */
export function samplePolicy530600(): PolicyFile {
  return parsePolicy(structuredClone(policyDoc));
}

/** The sample institution catalog's items (定点医药机构目录), validated. */
export function sampleInstitutionItems(): InstitutionItem[] {
  return InstitutionCatalogDoc.parse(structuredClone(catalogDoc)).items;
}

/** The sample national catalog with its versions, validated. */
export function sampleNationalCatalog(): NationalCatalogDoc {
  return NationalCatalogDoc.parse(structuredClone(nationalDoc));
}

/** The sample institution catalog joined with the sample national catalog up to version `ver`, in force on `date`. */
export function sampleCatalog530600(opts: { ver?: number; date?: string } = {}): Catalog {
  const records = nationalRecordsUpTo(sampleNationalCatalog(), opts.ver ?? 1);
  const date = opts.date ?? '2026-12-01';
  return createCatalog(sampleInstitutionItems(), (code) => {
    const r = records.get(code);
    return r ? entryInForce(r, date) : undefined;
  });
}

/**
 * Every SAMPLE policy shipped: Zhaotong, plus Kunming (530100) and Qujing (530300) so that the seeded
 * cross-region people settle under their insured place's policy (就医地目录、参保地政策).
 */
export function samplePolicies(): PolicyFile[] {
  return [samplePolicy530600(), parsePolicy(structuredClone(policy530100Doc)), parsePolicy(structuredClone(policy530300Doc))];
}
