/**
 * A bill priced and split for one identified person: the catalog's lines, the insured place's policy
 * in force today, the co-pay authorizer chosen, then the pure engine. Preview and confirm both come
 * here, once per call; the engine's own errors become what the cashier reads (keyed messages).
 */
import type { BillDraft } from '../../../shared/api.js';
import type { HospLevel } from '../../../shared/domain.js';
import { MAX_BILL_FEN } from '../../../shared/limits.js';
import { lineAmount, parseQty } from '../../../shared/money.js';
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
import { hisSealHolds } from '../his-fingerprint.js';
import { checkLines } from './bill-lines.js';

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
  if (draft.kind === 'pharmacy' && draft.med_type !== '41') throw AppError.keyed('VALIDATION', 'bill.medTypePharmacy', {}, { field: 'med_type', message: 'med_type: a pharmacy bill is med_type 41' });
  if (draft.kind === 'outpatient' && draft.med_type === '41') throw AppError.keyed('VALIDATION', 'bill.medTypeOutpatient', {}, { field: 'med_type', message: 'med_type: an outpatient bill cannot be med_type 41' });
  checkLines(draft, deps.catalog);
  if (draft.his && !hisSealHolds(draft.hisFingerprint, draft.his.his_bill_no, draft.med_type, draft.lines)) {
    throw AppError.keyed('CONFLICT', 'his.linesChanged', { billNo: draft.his.his_bill_no }, { field: 'lines', message: 'the lines differ from the HIS bill as it was loaded' });
  }

  let lines: PricedLine[];
  try {
    lines = priceLines(draft.lines, deps.catalog, draft.kind);
  } catch (e) {
    // checkLines has said what a cashier can fix; what is left is a malformed call
    if (e instanceof CatalogError) throw AppError.keyed('VALIDATION', 'bill.lineInvalid', { field: e.field }, { field: e.field, message: e.message });
    throw e;
  }

  // an absurd bill is the cashier's input, named, never an overflow further down
  let total = 0;
  for (const l of lines) {
    total += lineAmount(l.pric, parseQty(l.cnt));
    if (total > MAX_BILL_FEN) throw new AppError('VALIDATION', 'lines: the bill is above 100,000,000.00 yuan', 'lines');
  }

  const policy = deps.policies.get(p.insuplc_admdvs);
  if (!policy) throw AppError.keyed('NOT_FOUND', 'settle.noPolicy', { admdvs: p.insuplc_admdvs }, { message: `no policy is configured for the insured division ${p.insuplc_admdvs}` });
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
    if (e instanceof PolicyError) throw AppError.keyed('CONFLICT', 'settle.policyNotInForce', { date: today }, { field: e.field, message: e.message });
    throw e;
  }

  const crossRegion = p.insuplc_admdvs !== deps.terminal.mdtrtarea_admvs;
  const filingValid = !!p.filing && p.filing.begn_date <= today && today <= p.filing.end_date;
  const fundAllowed = !crossRegion || filingValid;

  let mulaid: Computed['mulaid'] = null;
  let mulaidBalc: number | null = null;
  if (draft.mulaidPsnNo) {
    const a = p.mulaid.find((m) => m.psn_no === draft.mulaidPsnNo);
    if (!a) throw AppError.keyed('VALIDATION', 'reason.not_bound', {}, { field: 'mulaidPsnNo', message: 'mulaidPsnNo: this person is not bound to that authorizer' });
    const reason = authorizerUnusableReason(a, today);
    if (reason) throw AppError.keyed('CONFLICT', `reason.${reason}`, { date: a.bind_end_date }, { field: 'mulaidPsnNo', message: `mulaidPsnNo: the authorizer cannot pay (${reason})` });
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
      // the person card says why (no valid cross-region filing); the explanation says the fund does not pay
      fund_refused_reason: null,
    },
  });
  return { person, lines, result, mulaid };
}
