/**
 * A job's slip read from the store: the settlement as it stands now (the center's split once it
 * answered), the till's figures, the refund, the hand-over. What is read here is what prints: a slip
 * held for the center and printed after its answer carries that answer.
 */
import type { Store } from '../../store/index.js';
import type { PrintJobRow } from '../../store/print-jobs.js';
import type { CommonFacts, InstitutionFacts, PatientFacts, ReversalSlipFacts, SettlementSlipFacts, SlipItem } from '../layout/facts.js';
import type { HandoverSlipFacts } from '../layout/handover.js';
import { RELATION_NAMES } from '../layout/names.js';
import type { SettlementRecord } from '../../store/index.js';
import type { Relation } from '../../../shared/domain.js';

export interface FactsDeps {
  store: Pick<Store, 'settlements' | 'receipts' | 'cashiers' | 'handovers'>;
  institution: InstitutionFacts;
  /** an ISO instant as yyyy-MM-dd HH:mm:ss in the business zone */
  localTime(iso: string): string;
  nowIso(): string;
  /** spec and unit from the catalog, for the item lines */
  catalogItem(code: string): { spec: string; unit: string } | null;
  auditChainHead(): string | null;
}

export class SlipUnavailableError extends Error {}

export function createSlipFacts(d: FactsDeps) {
  const { store } = d;
  const cashier = (no: string) => ({ no, name: store.cashiers.find(no)?.name ?? no });
  const common = (job: Pick<PrintJobRow, 'reprint_no'>, cashierNo: string): CommonFacts => ({
    institution: d.institution,
    cashier: cashier(cashierNo),
    printedAt: d.localTime(d.nowIso()),
    reprintNo: job.reprint_no,
    auditChainHead: d.auditChainHead(),
  });
  const patient = (rec: SettlementRecord): PatientFacts => ({ name_masked: rec.psn_name_masked, certno_masked: rec.certno_masked, insutype: rec.insutype, med_type: rec.med_type });
  const relation = (r: string | null) => (r ? (RELATION_NAMES[r as Relation] ?? r) : '');

  function record(id: string | null): SettlementRecord {
    const rec = id ? store.settlements.get(id) : null;
    if (!rec) throw new SlipUnavailableError(`settlement ${id} is not in this terminal's database`);
    return rec;
  }

  function items(id: string): SlipItem[] {
    return store.settlements.items(id).map((i) => {
      const c = d.catalogItem(i.code);
      return { chrgitm_lv: i.chrgitm_lv, name: i.name, spec: c?.spec ?? '', qty: `${i.cnt}${c?.unit ?? ''}`, price: i.pric, amount: i.amount };
    });
  }

  return {
    settlement(job: Pick<PrintJobRow, 'settlement_id' | 'reprint_no'>): SettlementSlipFacts {
      const rec = record(job.settlement_id);
      const split = rec.center_split ?? rec.local_split;
      const r = store.receipts.receipt(rec.id);
      // a patient without a personal account (a resident) has no balance to print, whatever setlinfo.balc says
      const acctAfter = r?.acct_before == null ? null : (r.acct_after ?? Math.max(0, r.acct_before - split.acct_pay));
      return {
        ...common(job, rec.cashier_no),
        kind: 'settlement',
        settlementId: rec.id,
        setl_id: rec.setl_id,
        mdtrt_id: rec.mdtrt_id,
        settledAt: d.localTime(rec.created_at),
        confirmedByCenter: rec.center_split !== null,
        reversal: rec.status === 'reversed' || rec.status === 'reversing' ? rec.status : null,
        patient: patient(rec),
        items: items(rec.id),
        split,
        acctBalanceAfter: acctAfter,
        mulaid: rec.mulaid_psn_no
          ? { relation: relation(r?.mulaid_relation ?? null), name_masked: rec.mulaid_name_masked ?? '', balanceAfter: r?.mulaid_before != null ? Math.max(0, r.mulaid_before - split.acct_mulaid_pay) : null }
          : null,
        cash: { dueAtTender: r?.cash_due ?? split.psn_cash_pay, received: r?.received ?? null, change: r?.change_given ?? null },
      };
    },

    reversal(job: Pick<PrintJobRow, 'settlement_id' | 'reprint_no' | 'actor' | 'created_at'>): ReversalSlipFacts {
      const rec = record(job.settlement_id);
      const refund = store.receipts.refund(rec.id);
      const answer = store.receipts.reversalAnswer(rec.id);
      const r = store.receipts.receipt(rec.id);
      return {
        ...common(job, refund?.cashier_no ?? job.actor),
        kind: 'reversal',
        settlementId: rec.id,
        originalSetlId: rec.setl_id,
        reversalSetlId: answer?.setl_id ?? null,
        mdtrt_id: rec.mdtrt_id,
        settledAt: d.localTime(rec.created_at),
        reversedAt: d.localTime(refund?.created_at ?? job.created_at),
        confirmedByCenter: rec.status === 'reversed',
        reason: refund?.reason ?? '',
        patient: patient(rec),
        split: rec.center_split ?? rec.local_split,
        mulaid: rec.mulaid_psn_no ? { relation: relation(r?.mulaid_relation ?? null), name_masked: rec.mulaid_name_masked ?? '' } : null,
      };
    },

    handover(job: Pick<PrintJobRow, 'handover_id' | 'reprint_no'>, record: (id: number) => HandoverSlipFacts['record']): HandoverSlipFacts {
      const row = job.handover_id ? store.handovers.get(job.handover_id) : null;
      if (!row) throw new SlipUnavailableError(`hand-over ${job.handover_id} is not in this terminal's database`);
      const rec = record(row.id);
      return { ...common(job, row.cashier_no), record: rec, fromText: d.localTime(rec.summary.from), toText: d.localTime(rec.summary.to) };
    },
  };
}
export type SlipFactsReader = ReturnType<typeof createSlipFacts>;
