/**
 * The "drifted policy" fault: the center computes with other numbers than the terminal, as when a
 * region changes its policy and the terminal's policy file is not yet updated. Every version, insured
 * type and medical type gets its deductible halved (half up) and its pooling ratio lowered by 10
 * percentage points (not below 0); version names get a "-drift" suffix. Small bills below the
 * deductible and bills above it both come out different, so a conflict is always visible.
 */
import { parsePolicy, type PolicyFile } from '../main/settle/index.js';

const RATIO_STEP_BP = 1000;

type ByLevel = number | Record<string, number>;
const mapLevel = (v: ByLevel, f: (n: number) => number): ByLevel =>
  typeof v === 'number' ? f(v) : Object.fromEntries(Object.entries(v).map(([k, n]) => [k, f(n)]));

export function driftPolicy(policy: PolicyFile): PolicyFile {
  const doc = structuredClone(policy) as unknown as {
    versions: Array<{ version: string; insutypes: Record<string, { med_types: Record<string, { deductible_fen: ByLevel; ratio_bp: ByLevel }> }> }>;
  };
  for (const v of doc.versions) {
    v.version = `${v.version}-drift`.slice(0, 40);
    for (const it of Object.values(v.insutypes)) {
      for (const mt of Object.values(it.med_types)) {
        mt.deductible_fen = mapLevel(mt.deductible_fen, (n) => Math.floor((n + 1) / 2));
        mt.ratio_bp = mapLevel(mt.ratio_bp, (n) => Math.max(0, n - RATIO_STEP_BP));
      }
    }
  }
  return parsePolicy(doc);
}

const cache = new WeakMap<PolicyFile, PolicyFile>();

/** The drifted twin of a policy, computed once per policy object. */
export function driftedOf(policy: PolicyFile): PolicyFile {
  let d = cache.get(policy);
  if (!d) {
    d = driftPolicy(policy);
    cache.set(policy, d);
  }
  return d;
}
