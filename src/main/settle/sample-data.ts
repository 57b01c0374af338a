/**
 * The SAMPLE data shipped with the terminal (not official figures): Zhaotong 530600 policy and catalog.
 * Bundled as JSON modules so the embedded simulator, the demo mode and tests share one copy.
 */
import policyDoc from './data/policy-530600.json' with { type: 'json' };
import catalogDoc from './data/catalog-530600.json' with { type: 'json' };
import { parsePolicy } from './policy.js';
import { parseCatalog } from './catalog.js';
import type { Catalog, PolicyFile } from './types.js';

/** The sample policy for 530600, validated (a fresh deep copy each call). */
export function samplePolicy530600(): PolicyFile {
  return parsePolicy(structuredClone(policyDoc));
}

/** The sample catalog for 530600, validated. */
export function sampleCatalog530600(): Catalog {
  return parseCatalog(structuredClone(catalogDoc));
}

import policy530100Doc from './data/policy-530100.json' with { type: 'json' };
import policy530300Doc from './data/policy-530300.json' with { type: 'json' };

/**
 * Every SAMPLE policy shipped: Zhaotong, plus Kunming (530100) and Qujing (530300) so that the seeded
 * cross-region people settle under their insured place's policy (就医地目录、参保地政策).
 */
export function samplePolicies(): PolicyFile[] {
  return [samplePolicy530600(), parsePolicy(structuredClone(policy530100Doc)), parsePolicy(structuredClone(policy530300Doc))];
}
