/**
 * A bill priced and split for one identified person: the catalog's lines, the insured place's policy
 * in force today, the co-pay authorizer chosen, then the pure engine. Preview and confirm both come
 * here, once per call; the engine's own errors become what the cashier reads.
 */
import type { BillDraft } from '../../../shared/api.js';
import type { HospLevel } from '../../../shared/domain.js';
import { AppError } from '../../errors.js';
import {
  CatalogError,
  PolicyError,
  authorizerUnusableReason,
  priceLines,
  resolvePolicyNumbers,
  splitBill,
  type Catalog,
  type PolicyFile,
  type PricedLine,
} from '../../settle/index.js';
import type { IdentifiedPerson } from '../identify.js';

export interface PricingDeps {
  catalog: Catalog;
  /** policy files by insured division (参保地): cross-region uses the insured place's policy */
  policies: ReadonlyMap<string, PolicyFile>;
  terminal: { hosp_level: HospLevel; mdtrtarea_admvs: string };
}

export interface Computed {
  person: IdentifiedPerson;
  lines: PricedLine[];
  result: ReturnType<typeof splitBill>;
  mulaid: { psn_no: string; psn_name: string } | null;
}

export function computeBill(deps: PricingDeps, draft: BillDraft, person: IdentifiedPerson, today: string): Computed {
  const p = person.person;
  if (draft.kind === 'pharmacy' && draft.med_type !== '41') throw new AppError('VALIDATION', 'med_type: a pharmacy bill is med_type 41', 'med_type');
  if (draft.kind === 'outpatient' && draft.med_type === '41') throw new AppError('VALIDATION', 'med_type: an outpatient bill cannot be med_type 41', 'med_type');

  let lines: PricedLine[];
  try {
    lines = priceLines(draft.lines, deps.catalog, draft.kind);
  } catch (e) {
    if (e instanceof CatalogError) throw new AppError(e.field.endsWith('.code') ? 'NOT_FOUND' : 'VALIDATION', e.message, e.field);
    throw e;
  }

  const policy = deps.policies.get(p.insuplc_admdvs);
  if (!policy) throw new AppError('NOT_FOUND', `no policy is configured for the insured division ${p.insuplc_admdvs}`);
  let numbers;
  try {
    numbers = resolvePolicyNumbers(policy, {
      insutype: p.insutype,
      med_type: draft.med_type,
      hosp_level: deps.terminal.hosp_level,
      date: today,
      ytd: p.ytd,
      cvlserv_flag: p.cvlserv_flag,
    });
  } catch (e) {
    if (e instanceof PolicyError) throw new AppError('CONFLICT', e.message, e.field);
    throw e;
  }

  const crossRegion = p.insuplc_admdvs !== deps.terminal.mdtrtarea_admvs;
  const filingValid = !!p.filing && p.filing.begn_date <= today && today <= p.filing.end_date;
  const fundAllowed = !crossRegion || filingValid;

  let mulaid: Computed['mulaid'] = null;
  let mulaidBalc: number | null = null;
  if (draft.mulaidPsnNo) {
    const a = p.mulaid.find((m) => m.psn_no === draft.mulaidPsnNo);
    if (!a) throw new AppError('VALIDATION', 'mulaidPsnNo: this person is not bound to that authorizer', 'mulaidPsnNo');
    const reason = authorizerUnusableReason(a, today);
    if (reason) throw new AppError('CONFLICT', `mulaidPsnNo: the authorizer cannot pay (${reason})`, 'mulaidPsnNo');
    mulaid = { psn_no: a.psn_no, psn_name: a.psn_name };
    mulaidBalc = a.balc;
  }

  const result = splitBill({
    lines,
    policy: numbers,
    person: {
      acct_balc: p.hasAccount ? p.balc : 0,
      acct_used: draft.useAcct && p.hasAccount,
      mulaid_balc: mulaidBalc,
      fund_allowed: fundAllowed,
      fund_refused_reason: fundAllowed ? null : '异地就医未备案或备案已失效 / no valid cross-region filing',
    },
  });
  return { person, lines, result, mulaid };
}
