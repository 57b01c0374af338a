/**
 * HIS bills at the counter: loaded by the prescription / visit number the cashier types or scans,
 * refused when the bill is settled already, held as the HIS gave it; a line removed only with a
 * supervisor's approval (audited); and the check a confirm passes in its own transaction — the bill
 * belongs to no standing settlement, and a bill loaded by number goes with exactly its lines (less
 * the approved removals).
 *
 * "Settled already" is known from two places: this terminal's own store (a claim by a standing
 * settlement) and the HIS's word (the bill says `status: "paid"`, or, in folder mode, another window
 * wrote its settlement result beside the bill). A settlement made at another window whose result has
 * not reached the HIS yet cannot be seen from here; the center refuses a second settlement of the
 * same visit only in outpatient mode (2207 after 2207 on one mdtrt_id), so the HIS's word is the one
 * that protects against it.
 */
import { z } from 'zod';
import type { HeldHisBill, HisRemovedLine } from '../../shared/api-his.js';
import type { HisBill } from '../../shared/his-bill.js';
import { parseQty, yuanToFen } from '../../shared/money.js';
import { AppError } from '../errors.js';
import { parseHisBill } from '../services/his-bill.js';
import type { SettlementItem, SettlementRecord, Store } from '../store/index.js';
import type { SupervisorApproval } from './approval.js';
import type { BillSource } from './source.js';
import { sealHisBill } from '../services/his-fingerprint.js';

/** what the HIS says of a bill's payment, beside the documented bill fields (docs/his-bill.md) */
const PaidMark = z
  .object({
    status: z.enum(['open', 'paid']).optional(),
    paid: z.object({ setl_id: z.string().optional(), settlement_id: z.string().optional(), terminal_id: z.string().optional(), settled_at: z.string().optional() }).partial().optional(),
  })
  .passthrough();

type Line = HisBill['lines'][number];
const sameLine = (a: Line, b: Line) => a.med_list_codg === b.med_list_codg && yuanToFen(a.pric) === yuanToFen(b.pric) && parseQty(a.cnt) === parseQty(b.cnt);

export interface HisBillsDeps {
  store: Pick<Store, 'his' | 'settlements' | 'audit'>;
  source: BillSource | null;
  sourceName: string;
  approval: SupervisorApproval;
  actor(): string;
  billNoPattern: RegExp;
}

export function createHisBills(d: HisBillsDeps) {
  const { store } = d;

  function checkNo(billNo: string): string {
    const no = billNo.trim();
    if (!d.billNoPattern.test(no) || no.includes('/') || no.includes('\\') || no.includes('..')) {
      throw AppError.keyed('VALIDATION', 'hisErr.badNumber', { no }, { field: 'billNo', message: `处方/就诊号格式不对: ${no}` });
    }
    return no;
  }

  /** the standing settlement this terminal made of the bill, if any */
  function ownSettlement(no: string): SettlementRecord | null {
    const claim = store.his.claim(no);
    if (!claim) return null;
    const rec = store.settlements.get(claim.settlement_id);
    return rec && rec.status !== 'refused' && rec.status !== 'reversed' ? rec : null;
  }

  const settledHere = (no: string, rec: SettlementRecord, field: string) => {
    const time = rec.created_at.slice(0, 19).replace('T', ' ');
    return AppError.keyed('CONFLICT', 'hisErr.settledHere', { no, setl: rec.setl_id ?? rec.id, time, cashier: rec.cashier_no }, {
      field,
      message: `处方 ${no} 已在本机结算（结算 ${rec.setl_id ?? rec.id}，${time}，收费员 ${rec.cashier_no}，状态 ${rec.status}），不能重复结算；如需重新结算请先冲销该笔`,
    });
  };

  /** the held bill's remaining lines (a removal applies only to the very line it was approved for) */
  function held(no: string): { bill: HisBill; remaining: Array<{ line: Line; index: number }>; removed: HisRemovedLine[] } | null {
    const row = store.his.bill(no);
    if (!row) return null;
    const bill = parseHisBill(row.doc);
    const removals = new Map(store.his.removals(no).map((r) => [r.line_index, r]));
    const remaining: Array<{ line: Line; index: number }> = [];
    const removed: HisRemovedLine[] = [];
    bill.lines.forEach((line, index) => {
      const r = removals.get(index);
      if (r && sameLine(JSON.parse(r.line) as Line, line)) {
        removed.push({ line_index: index, med_list_codg: line.med_list_codg, name: line.name ?? '', reason: r.reason, approved_by: r.approved_by, requested_by: r.requested_by, at: r.at });
      } else remaining.push({ line, index });
    });
    return { bill, remaining, removed };
  }

  const view = (h: NonNullable<ReturnType<typeof held>>): HeldHisBill => {
    // sealed as it now stands: the lines still on it, a removed one no longer part of the prescription
    const bill = { ...h.bill, lines: h.remaining.map((r) => r.line) };
    return { bill: { ...bill, fingerprint: sealHisBill(bill) }, removed: h.removed, source: d.sourceName };
  };

  return {
    async loadBill(billNo: string): Promise<HeldHisBill> {
      const no = checkNo(billNo);
      const own = ownSettlement(no);
      if (own) throw settledHere(no, own, 'billNo');
      if (!d.source) throw AppError.keyed('CONFLICT', 'hisErr.noSource', {}, { field: 'billNo', message: 'no HIS source is configured (his.source none)' });
      const text = await d.source.fetchBill(no);
      const bill = parseHisBill(text);
      if (bill.his_bill_no !== no) throw AppError.keyed('VALIDATION', 'hisErr.wrongBill', { got: bill.his_bill_no, no }, { field: 'his_bill_no', message: `HIS 返回的账单号 ${bill.his_bill_no} 与所查的 ${no} 不符` });
      let mark: z.infer<typeof PaidMark> = {};
      try {
        mark = PaidMark.parse(JSON.parse(text.replace(/^\uFEFF/, '')));
      } catch {
        throw AppError.keyed('VALIDATION', 'hisErr.badPaidMark', {}, { field: 'status', message: 'HIS 账单的 status / paid 字段格式不对' });
      }
      if (mark.status === 'paid') {
        const p = mark.paid ?? {};
        throw AppError.keyed('CONFLICT', 'hisErr.paidAtHis', { no, setl: p.setl_id ?? '—', terminal: p.terminal_id ?? '—', at: p.settled_at ?? '—' }, { field: 'billNo', message: `HIS 显示处方 ${no} 已结算（结算号 ${p.setl_id ?? '未知'}，终端 ${p.terminal_id ?? '未知'}${p.settled_at ? `，${p.settled_at}` : ''}），不能重复结算` });
      }
      const other = d.source.settledResultOf?.(no);
      if (other) throw AppError.keyed('CONFLICT', 'hisErr.settledElsewhere', { no, terminal: other.terminal_id ?? '—', setl: other.setl_id ?? other.settlement_id }, { field: 'billNo', message: `处方 ${no} 已由终端 ${other.terminal_id ?? '未知'} 结算（结算号 ${other.setl_id ?? other.settlement_id}），不能重复结算` });
      store.his.holdBill({ his_bill_no: no, source: d.sourceName, doc: text, loaded_by: d.actor() });
      store.audit.append({ actor: d.actor(), action: 'his.bill_loaded', subject: no, detail: { source: d.sourceName, lines: bill.lines.length } });
      return view(held(no)!);
    },

    removeLine(i: { billNo: string; position: number; med_list_codg: string; reason: string; supervisorNo: string; pin: string }): HeldHisBill {
      const no = checkNo(i.billNo);
      const h = held(no);
      if (!h) throw AppError.keyed('NOT_FOUND', 'hisErr.notByNumber', { no }, { field: 'billNo', message: `处方 ${no} 不是按处方号载入的，不能删除明细` });
      const target = h.remaining[i.position];
      if (!target || target.line.med_list_codg !== i.med_list_codg) throw AppError.keyed('CONFLICT', 'hisErr.lineChanged', { no, n: i.position + 1, code: i.med_list_codg }, { field: 'position', message: `处方 ${no} 的第 ${i.position + 1} 条明细不是 ${i.med_list_codg}（账单已变化，请重新载入）` });
      if (h.remaining.length === 1) throw AppError.keyed('CONFLICT', 'hisErr.lastLine', {}, { field: 'position', message: '处方至少要保留一条明细' });
      const subject = `${no}#${target.index}`;
      const { approvedBy } = d.approval.approve('his.remove_line', subject, { supervisorNo: i.supervisorNo, pin: i.pin });
      store.his.addRemoval({ his_bill_no: no, line_index: target.index, line: JSON.stringify(target.line), reason: i.reason, requested_by: d.actor(), approved_by: approvedBy });
      store.audit.append({
        actor: d.actor(),
        action: 'his.line_removed',
        subject: no,
        detail: { line_index: target.index, med_list_codg: target.line.med_list_codg, name: target.line.name, pric: target.line.pric, cnt: target.line.cnt, reason: i.reason, approved_by: approvedBy },
      });
      return view(held(no)!);
    },

    /**
     * In the confirm's transaction (a throw refuses the confirm): the bill belongs to no standing
     * settlement, and a bill loaded by number goes with exactly its remaining lines.
     */
    checkConfirm(rec: SettlementRecord, items: readonly SettlementItem[]): void {
      const no = (rec.his as { his_bill_no?: string } | null)?.his_bill_no;
      if (!no) return;
      const own = ownSettlement(no);
      if (own && own.id !== rec.id) throw settledHere(no, own, 'his');
      const h = held(no);
      if (!h) return; // from the file picker: nothing held to compare with
      const lines = h.remaining.map((r) => r.line);
      const same =
        lines.length === items.length &&
        lines.every((l, k) => (items[k].input_code ?? items[k].code) === l.med_list_codg && items[k].pric === yuanToFen(l.pric) && parseQty(items[k].cnt) === parseQty(l.cnt));
      if (!same) throw AppError.keyed('CONFLICT', 'hisErr.linesDiffer', { no }, { field: 'lines', message: `结算明细与 HIS 处方 ${no} 不一致：HIS 明细不能修改，删除明细需主管授权` });
    },
  };
}
export type HisBills = ReturnType<typeof createHisBills>;
