/**
 * The simulator's side of a bill: fee lines checked and priced against the catalog, the split
 * computed with the SAME engine as the terminal, using the person's stored state and the policy
 * of the place where the person is insured (就医地目录、参保地政策).
 */
import { CatalogError, PolicyError, authorizerUnusableReason, priceLines, resolvePolicyNumbers, splitBill } from '../main/settle/index.js';
import type { Catalog, PolicyFile } from '../main/settle/index.js';
import {
  HospLevel,
  Insutype,
  MedType,
  type MulaidUnusableReason,
  type SplitLine,
  type SplitResult,
} from '../shared/domain.js';
import { lineAmount, parseQty, formatYuan } from '../shared/money.js';
import type { PersonRow, SimStore } from './store/index.js';
import { refuse } from './refusal.js';

export interface FeeLineIn {
  feedetl_sn: string;
  med_list_codg: string;
  /** the institution's own code (fixmedins_hilist_id): what a mapping names */
  medins_list_codg: string;
  pric: number;
  cnt: string;
  det_item_fee_sumamt: number;
  /** '2' (审批不通过): the institution sends the line as fully self-paid */
  hosp_appr_flag: string;
}

export interface BillingContext {
  store: SimStore;
  catalog: Catalog;
  policyFor(insuplc_admdvs: string): PolicyFile;
  hospLevel: HospLevel;
  /** yyyy-MM-dd, China time */
  date: string;
  /** the division where the person is treated (the envelope's mdtrtarea_admvs) */
  mdtrtarea_admvs: string;
}

/** How a center judges a line's mapping: required or not, and whether this institution uploaded it. */
export interface MappingRule {
  required: boolean;
  mapped(medins_list_codg: string, med_list_codg: string): boolean;
}

/**
 * Checks every line and prices it like the terminal does:
 *  - a line sent as self-paid (hosp_appr_flag 2) is fully self-paid (class 03), whatever its code;
 *  - any other line must name a national code in force, and, where the center requires mappings,
 *    one the institution uploaded (3301) for its own code; else the message is refused naming it;
 *  - amount = price × count.
 */
export function priceFeeLines(lines: readonly FeeLineIn[], catalog: Catalog, mapping: MappingRule, field = 'feedetail'): SplitLine[] {
  lines.forEach((l, i) => {
    if (l.hosp_appr_flag !== '2') {
      if (!catalog.national(l.med_list_codg)) {
        refuse(`医疗目录编码 ${l.med_list_codg} 未在医保目录中查询到或已失效 (${field}[${i}].med_list_codg)`);
      }
      if (mapping.required && !mapping.mapped(l.medins_list_codg, l.med_list_codg)) {
        refuse(`定点医药机构目录 ${l.medins_list_codg} 与医疗目录 ${l.med_list_codg} 的对照未上传或已撤销，请先上传目录对照(3301) (${field}[${i}].medins_list_codg)`);
      }
    }
    const amount = lineAmount(l.pric, parseQty(l.cnt));
    if (amount !== l.det_item_fee_sumamt) {
      refuse(
        `费用明细 ${l.feedetl_sn} 的明细项目费用总额 ${formatYuan(l.det_item_fee_sumamt)} 与单价×数量 ${formatYuan(amount)} 不符 (${field}[${i}].det_item_fee_sumamt)`,
      );
    }
  });
  try {
    // the institution's own price is what was charged; class, ratio and cap come from the national catalog
    return priceLines(
      lines.map((l) => ({ code: l.med_list_codg, qty: l.cnt, pric: l.pric, selfpay: l.hosp_appr_flag === '2' })),
      catalog,
      'outpatient',
    );
  } catch (e) {
    if (e instanceof CatalogError) refuse(`费用明细校验失败: ${e.message}`);
    throw e;
  }
}

const UNUSABLE_TEXT: Record<MulaidUnusableReason, string> = {
  not_employee: '共济授权人不是职工基本医疗保险参保人，没有可共济的个人账户',
  binding_expired: '家庭共济绑定关系已过期或尚未生效',
  zero_balance: '共济授权人个人账户余额为0',
  not_bound: '该人员与所选共济授权人之间没有家庭共济绑定关系',
};

export function unusableText(reason: MulaidUnusableReason): string {
  return UNUSABLE_TEXT[reason];
}

/** The authorizer row after re-checking the binding and usability today; refuses with a Chinese reason. */
export function checkAuthorizer(ctx: BillingContext, user: PersonRow, authorizerPsnNo: string): PersonRow {
  const binding = ctx.store.bindings.get(user.psn_no, authorizerPsnNo);
  const authorizer = ctx.store.people.get(authorizerPsnNo);
  if (!binding || !authorizer) refuse(`${unusableText('not_bound')} (acct_mulaid_psn_no=${authorizerPsnNo})`);
  const insutype = Insutype.safeParse(authorizer.insutype);
  const reason = authorizerUnusableReason(
    {
      psn_no: authorizer.psn_no,
      psn_name: authorizer.psn_name,
      relation: binding.relation,
      insutype: insutype.success ? insutype.data : '390',
      balc: authorizer.insutype === '310' ? authorizer.balc : 0,
      bind_begn_date: binding.begn_date,
      bind_end_date: binding.end_date,
    },
    ctx.date,
  );
  if (reason) refuse(`${unusableText(reason)} (acct_mulaid_psn_no=${authorizerPsnNo})`);
  return authorizer;
}

export function isCrossRegion(ctx: BillingContext, p: PersonRow): boolean {
  return p.insuplc_admdvs !== ctx.mdtrtarea_admvs;
}

export function filingValid(ctx: BillingContext, p: PersonRow): boolean {
  return p.filing_begn !== null && p.filing_end !== null && p.filing_begn <= ctx.date && ctx.date <= p.filing_end;
}

export interface BillOutcome {
  result: SplitResult;
  authorizer: PersonRow | null;
  year: number;
}

/** The split of one bill for a person, from the person's stored balances and year-to-date state. */
export function computeBill(
  ctx: BillingContext,
  person: PersonRow,
  medTypeText: string,
  lines: SplitLine[],
  opts: { acctUsed: boolean; mulaidPsnNo: string | null },
): BillOutcome {
  const medType = MedType.safeParse(medTypeText);
  if (!medType.success) refuse(`医疗类别 ${medTypeText} 不支持 (med_type)`);
  const insutype = Insutype.safeParse(person.insutype);
  if (!insutype.success) refuse(`参保险种 ${person.insutype} 不支持`);
  const year = Number(ctx.date.slice(0, 4));
  const ytd = ctx.store.ytd.get(person.psn_no, year);
  let numbers;
  try {
    numbers = resolvePolicyNumbers(ctx.policyFor(person.insuplc_admdvs), {
      insutype: insutype.data,
      med_type: medType.data,
      hosp_level: ctx.hospLevel,
      date: ctx.date,
      ytd,
      cvlserv_flag: person.cvlserv_flag === 1,
    });
  } catch (e) {
    if (e instanceof PolicyError) refuse(`参保地政策无法适用: ${e.message}`);
    throw e;
  }
  const fundAllowed = !isCrossRegion(ctx, person) || filingValid(ctx, person);
  const authorizer = opts.mulaidPsnNo ? checkAuthorizer(ctx, person, opts.mulaidPsnNo) : null;
  const result = splitBill({
    lines,
    policy: numbers,
    person: {
      acct_balc: person.insutype === '310' ? person.balc : 0,
      acct_used: opts.acctUsed,
      mulaid_balc: authorizer ? authorizer.balc : null,
      fund_allowed: fundAllowed,
      fund_refused_reason: fundAllowed ? null : '异地就医未备案，统筹基金不予支付',
    },
  });
  return { result, authorizer, year };
}
