/**
 * The year's accumulations the person card shows (what a patient asks at the window): deductible
 * still to meet, pooling paid this year and left to the annual cap, for the terminal's usual medical
 * type (pharmacy 41 or general outpatient 11), from the insured place's policy in force today.
 */
import type { HospLevel, MedType, Person, PersonView } from '../../shared/domain.js';
import { resolvePolicyNumbers, type PolicyFile } from '../settle/index.js';

export function personYear(deps: { policies: ReadonlyMap<string, PolicyFile>; hosp_level: HospLevel; med_type: MedType }) {
  return (p: Person, today: string): PersonView['year'] => {
    const policy = deps.policies.get(p.insuplc_admdvs);
    if (!policy) return null;
    try {
      const n = resolvePolicyNumbers(policy, { insutype: p.insutype, med_type: deps.med_type, hosp_level: deps.hosp_level, date: today, ytd: p.ytd, cvlserv_flag: p.cvlserv_flag });
      const sameYear = p.ytd.year === Number(today.slice(0, 4));
      return { dedc_left: n.dedc_left, pool_paid: sameYear ? p.ytd.hifp_paid : 0, pool_cap_left: n.pool_cap_left };
    } catch {
      // no policy version for today, or none for this insurance type: the card leaves the figures out
      return null;
    }
  };
}
