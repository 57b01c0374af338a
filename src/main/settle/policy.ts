/**
 * Region policy files: the numbers behind the split, as data (DOMAIN.md "Sample policy": configuration, not facts).
 *
 * Shape (all amounts integer fen, all ratios basis points):
 *   { region: "530600", name, sample: true|false, note?, versions: [
 *       { version, effective_from, effective_to?, insutypes: {
 *           "310": { has_personal_account, acct_may_pay_class_c, med_types: {
 *               "11": { deductible_fen, ratio_bp, annual_cap_fen, critical_illness?: { ratio_bp, annual_cap_fen },
 *                       cvlserv_ratio_bp? }, "14": …, "21": …, "41": … } } } } ] }
 * `deductible_fen`, `ratio_bp` and `annual_cap_fen` are a number or a map by hospital level {"1":…, "2":…, "3":…}.
 *
 * Version choice: a version covers effective_from ≤ date ≤ effective_to (inclusive); with no effective_to it runs
 * until the next version starts. Ranges must not overlap.
 *
 * Year-to-date: the YTD state is one set of counters per person and year (YtdState), shared by all medical types,
 * so every annual figure here (deductible, pooling cap, critical-illness cap) is reduced by the same counters.
 * YTD counters of another year than the date's count as 0 (a new year starts fresh).
 */
import { z } from 'zod';
import { bp, fen, type PolicyNumbers } from '../../shared/domain.js';
import { PolicyError } from './errors.js';
import { isCalendarDate, yearOf } from './dates.js';
import type { PolicyContext, PolicyFile } from './types.js';

const date = z.string().refine(isCalendarDate, 'must be a calendar date yyyy-MM-dd');

function byLevel<T extends z.ZodType>(s: T) {
  return z.union([s, z.object({ '1': s, '2': s, '3': s }).strict()]);
}

export const MedTypeRule = z
  .object({
    deductible_fen: byLevel(fen),
    ratio_bp: byLevel(bp),
    annual_cap_fen: byLevel(fen),
    critical_illness: z.object({ ratio_bp: bp, annual_cap_fen: fen }).strict().optional(),
    /** civil-servant subsidy on the co-insurance share; applies only to a person with cvlserv_flag */
    cvlserv_ratio_bp: bp.default(0),
  })
  .strict();
export type MedTypeRule = z.infer<typeof MedTypeRule>;

export const InsutypeRule = z
  .object({
    name: z.string().optional(),
    has_personal_account: z.boolean(),
    /** whether the own and the co-pay personal account may pay class C (fully self-paid) amounts */
    acct_may_pay_class_c: z.boolean(),
    med_types: z.record(z.string().regex(/^\d{2}$/, 'med_type must be two digits'), MedTypeRule),
  })
  .strict();

export const PolicyVersion = z
  .object({
    version: z.string().min(1).max(40),
    effective_from: date,
    effective_to: date.optional(),
    note: z.string().optional(),
    insutypes: z.record(z.string().regex(/^\d{3}$/, 'insutype must be three digits'), InsutypeRule),
  })
  .strict();
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicyDoc = z
  .object({
    $schema: z.string().optional(),
    region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit division code'),
    name: z.string().min(1),
    /** true for placeholder figures that are not the region's official policy */
    sample: z.boolean(),
    note: z.string().optional(),
    versions: z.array(PolicyVersion).min(1),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const names = new Set<string>();
    doc.versions.forEach((v, i) => {
      if (names.has(v.version)) ctx.addIssue({ code: 'custom', path: ['versions', i, 'version'], message: `duplicate version ${v.version}` });
      names.add(v.version);
      if (v.effective_to !== undefined && v.effective_to < v.effective_from) {
        ctx.addIssue({ code: 'custom', path: ['versions', i, 'effective_to'], message: 'effective_to is before effective_from' });
      }
    });
    const order = doc.versions.map((v, i) => ({ v, i })).sort((a, b) => (a.v.effective_from < b.v.effective_from ? -1 : 1));
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1];
      const next = order[k];
      if (prev.v.effective_from === next.v.effective_from) {
        ctx.addIssue({ code: 'custom', path: ['versions', next.i, 'effective_from'], message: `same effective_from as version ${prev.v.version}` });
      } else if (prev.v.effective_to !== undefined && prev.v.effective_to >= next.v.effective_from) {
        ctx.addIssue({ code: 'custom', path: ['versions', prev.i, 'effective_to'], message: `overlaps version ${next.v.version}` });
      }
    }
  });
export type PolicyDoc = z.infer<typeof PolicyDoc>;

function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

const parsed = new WeakMap<object, PolicyDoc>();

/** Validate a policy document (parsed JSON); throws PolicyError naming the field, e.g. `versions.0.insutypes.310.med_types.21.ratio_bp`. */
export function parsePolicy(doc: unknown): PolicyFile {
  const r = PolicyDoc.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = pathText(issue.path);
    throw new PolicyError(`policy ${field}: ${issue.message}`, field);
  }
  const file = r.data as unknown as PolicyFile;
  parsed.set(file, r.data);
  return file;
}

/** The validated document behind a PolicyFile; an object that did not come from parsePolicy is validated now. */
function docOf(policy: PolicyFile): PolicyDoc {
  const hit = parsed.get(policy);
  if (hit) return hit;
  const doc = parsed.get(parsePolicy(policy)) as PolicyDoc;
  parsed.set(policy, doc);
  return doc;
}

/** The version in force on `date` and its index, or a PolicyError. */
export function policyVersionAt(policy: PolicyFile, date: string): { version: PolicyVersion; index: number } {
  if (!isCalendarDate(date)) throw new PolicyError(`date: must be a calendar date yyyy-MM-dd, got ${JSON.stringify(date)}`, 'date');
  const doc = docOf(policy);
  let best: { version: PolicyVersion; index: number } | null = null;
  doc.versions.forEach((v, index) => {
    if (v.effective_from > date) return;
    if (best && best.version.effective_from > v.effective_from) return;
    best = { version: v, index };
  });
  const found = best as { version: PolicyVersion; index: number } | null;
  if (!found || (found.version.effective_to !== undefined && found.version.effective_to < date)) {
    throw new PolicyError(`地区 ${doc.region} 的政策没有覆盖 ${date} 的版本 (no policy version covers ${date})`, 'date');
  }
  return found;
}

function atLevel(v: number | { '1': number; '2': number; '3': number }, level: 1 | 2 | 3): number {
  return typeof v === 'number' ? v : v[String(level) as '1' | '2' | '3'];
}

/** The insutype and med_type rules in force for a context, or a PolicyError naming the missing path. */
export function policyRulesFor(policy: PolicyFile, ctx: Pick<PolicyContext, 'insutype' | 'med_type' | 'date'>) {
  const { version, index } = policyVersionAt(policy, ctx.date);
  const ins = version.insutypes[ctx.insutype];
  if (!ins) {
    throw new PolicyError(`政策版本 ${version.version} 未配置险种 ${ctx.insutype} (insutype not configured)`, `versions.${index}.insutypes.${ctx.insutype}`);
  }
  const med = ins.med_types[ctx.med_type];
  if (!med) {
    throw new PolicyError(
      `政策版本 ${version.version} 险种 ${ctx.insutype} 未配置医疗类别 ${ctx.med_type} (med_type not configured)`,
      `versions.${index}.insutypes.${ctx.insutype}.med_types.${ctx.med_type}`,
    );
  }
  return { version, insutype: ins, medType: med };
}

/** Whether people of this insutype have a personal account under the policy in force on ctx.date. */
export function policyHasPersonalAccount(policy: PolicyFile, ctx: Pick<PolicyContext, 'insutype' | 'med_type' | 'date'>): boolean {
  return policyRulesFor(policy, ctx).insutype.has_personal_account;
}

/** The numbers for one person and bill from a policy file; throws PolicyError when no version covers the date. */
export function resolvePolicyNumbers(policy: PolicyFile, ctx: PolicyContext): PolicyNumbers {
  const { version, insutype, medType } = policyRulesFor(policy, ctx);
  const sameYear = ctx.ytd.year === yearOf(ctx.date);
  const used = sameYear ? ctx.ytd : { dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 };
  const left = (total: number, spent: number) => Math.max(0, total - spent);
  const ci = medType.critical_illness;
  return {
    dedc_left: left(atLevel(medType.deductible_fen, ctx.hosp_level), used.dedc_used),
    pool_ratio: atLevel(medType.ratio_bp, ctx.hosp_level),
    pool_cap_left: left(atLevel(medType.annual_cap_fen, ctx.hosp_level), used.hifp_paid),
    hifmi_ratio: ci ? ci.ratio_bp : 0,
    hifmi_cap_left: ci ? left(ci.annual_cap_fen, used.hifmi_paid) : 0,
    cvlserv_ratio: ctx.cvlserv_flag ? medType.cvlserv_ratio_bp : 0,
    acct_may_pay_class_c: insutype.acct_may_pay_class_c,
    policy_version: version.version,
  };
}
