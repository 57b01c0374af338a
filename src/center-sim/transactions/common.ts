/** Small rules several transaction families share: ids, the person and visit checks, fee lines. */
import type { TxInput } from '../../main/center/registry.js';
import { formatCompactTime } from '../../main/center/time.js';
import type { FeeLineIn, MappingRule } from '../billing.js';
import { refuse } from '../refusal.js';
import type { PersonRow } from '../store/index.js';
import type { HandlerContext } from './context.js';

export function ageOn(brdy: string, date: string): number {
  const [by, bm, bd] = brdy.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** prefix + yyyyMMdd + a persistent counter, e.g. ST202512010000000001 */
export function newId(ctx: HandlerContext, prefix: string, counter: string, width: number): string {
  return `${prefix}${formatCompactTime(ctx.now).slice(0, 8)}${String(ctx.store.counters.next(counter)).padStart(width, '0')}`;
}

/** A reversal record's amount: the original's negated, 0 staying 0 (not -0). */
export const negated = (n: number): number => (n === 0 ? 0 : -n);

export function personOrRefuse(ctx: HandlerContext, psn_no: string): PersonRow {
  const p = ctx.store.people.get(psn_no);
  if (!p) refuse(`人员编号 ${psn_no} 未查询到参保信息 (psn_no)`);
  return p;
}

export function checkInsutype(p: PersonRow, insutype: string): void {
  if (p.insutype !== insutype) refuse(`险种类型 ${insutype} 与参保信息 (${p.insutype}) 不符 (insutype)`);
}

export function checkTotal(medfee: number, computed: number): void {
  if (medfee !== computed) {
    refuse(`医疗费总额 ${(medfee / 100).toFixed(2)} 与费用明细合计 ${(computed / 100).toFixed(2)} 不符 (medfee_sumamt)`);
  }
}

export function feeLinesOf(input: { feedetail: ReadonlyArray<TxInput<'2204'>['feedetail'][number]> }): FeeLineIn[] {
  return input.feedetail.map((l) => ({
    feedetl_sn: l.feedetl_sn,
    med_list_codg: l.med_list_codg,
    medins_list_codg: l.medins_list_codg ?? l.med_list_codg,
    hosp_appr_flag: l.hosp_appr_flag ?? '',
    pric: l.pric,
    cnt: l.cnt,
    det_item_fee_sumamt: l.det_item_fee_sumamt,
  }));
}

export function uniqueSns(lines: readonly FeeLineIn[], field: string): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.feedetl_sn)) refuse(`费用明细流水号 ${l.feedetl_sn} 重复 (${field}[${i}].feedetl_sn)`);
    seen.add(l.feedetl_sn);
  });
}

/** This institution's mapping rule at this center (the envelope names the institution). */
export function mappingRule(ctx: HandlerContext): MappingRule {
  return { required: ctx.national.requireMapping(), mapped: (medins, med) => ctx.national.mapped(ctx.env.fixmedins_code, medins, med) };
}

/** The national catalog's med_chrgitm_type of a code, for the per-line results. */
export function chrgitmTypeOf(ctx: HandlerContext): (code: string) => string | undefined {
  const byCode = new Map(ctx.national.records(ctx.date).map((r) => [r.hilist_code, r.med_chrgitm_type]));
  return (code) => byCode.get(code);
}
