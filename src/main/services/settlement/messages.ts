/**
 * Which messages a settlement sends, and what their answers change. The one place on the terminal
 * side that knows the order of the national transactions:
 *   outpatient: 2201 register → 2204 fee upload → 2206 pre-settle → 2207 settle;  reversal 2208
 *   pharmacy:   2101 pre-settle → 2102 settle;                                     reversal 2103
 * Payloads are the transactions' typed inputs (amounts in fen; the center client encodes them).
 * Fields the center assigns along the way are written as LATE placeholders and bound at send time,
 * and so are the fee lines: they are made from the settlement's stored lines (which never change
 * after the commit), so a message is the same on every send while the lines are stored once, not
 * once per message.
 */
import { formatInfTime } from '../../center/index.js';
import type { OutboxMessage, SettlementItem, SettlementRecord } from '../../store/index.js';
import { LATE_CERT_NO } from '../../store/outbox.js';

/** The messages of a settlement (as opposed to its reversal) — a refusal of these raises a conflict. */
export const SETTLING: ReadonlySet<string> = new Set(['2201', '2204', '2206', '2207', '2101', '2102']);

export const LATE = { mdtrt_id: '$mdtrt_id', setl_id: '$setl_id', feedetail: '$feedetail', mdtrt_cert_no: LATE_CERT_NO } as const;

/** yyyy-MM-dd HH:mm:ss in China time for a stored ISO instant (the wire's own formatter) */
const wireTime = (iso: string): string => formatInfTime(new Date(iso));

function feeLines(rec: SettlementRecord, items: SettlementItem[]) {
  const at = wireTime(rec.created_at);
  return items.map((it) => ({
    // stable per settlement and line: a re-sent upload carries the same serial numbers
    feedetl_sn: `${rec.id.replace(/-/g, '').slice(0, 24)}${String(it.line_no).padStart(4, '0')}`,
    mdtrt_id: rec.kind === 'outpatient' ? LATE.mdtrt_id : '',
    psn_no: rec.psn_no,
    chrg_bchno: rec.id.replace(/-/g, '').slice(0, 30),
    fee_ocur_time: at,
    med_list_codg: it.code,
    medins_list_codg: it.medins_list_codg ?? it.code,
    det_item_fee_sumamt: it.amount,
    cnt: it.cnt,
    pric: it.pric,
    // a line the national catalog does not cover goes as 审批不通过 (2): fully self-paid, never claimed as covered
    ...(it.unmapped ? { hosp_appr_flag: '2' } : {}),
  }));
}

function settleData(rec: SettlementRecord) {
  return {
    psn_no: rec.psn_no,
    mdtrt_cert_type: rec.mdtrt_cert_type,
    // personal data stays out of the queue: bound (and opened from the sealed settlement) at send time
    mdtrt_cert_no: LATE.mdtrt_cert_no,
    med_type: rec.med_type,
    medfee_sumamt: rec.medfee_sumamt,
    psn_setlway: '01',
    insutype: rec.insutype,
    acct_used_flag: rec.use_acct,
    chrg_bchno: rec.id.replace(/-/g, '').slice(0, 30),
    insuplc_admdvs: rec.insuplc_admdvs,
    // the family co-pay extension (center/mulaid-extension.ts): empty = no co-pay
    acct_mulaid_psn_no: rec.mulaid_psn_no ?? '',
  };
}

export function settlementMessages(rec: SettlementRecord): OutboxMessage[] {
  const fees = LATE.feedetail;
  if (rec.kind === 'pharmacy') {
    const data = { ...settleData(rec), begntime: wireTime(rec.created_at), med_type: '41' };
    return [
      { step: 1, infno: '2101', payload: { data, feedetail: fees } },
      { step: 2, infno: '2102', payload: { data: { ...data, invono: '' }, feedetail: fees } },
    ];
  }
  const his = (rec.his ?? {}) as { his_bill_no?: string; dept_name?: string; doctor_name?: string };
  const l = rec.local_split;
  return [
    {
      step: 1,
      infno: '2201',
      payload: {
        data: {
          psn_no: rec.psn_no,
          insutype: rec.insutype,
          begntime: wireTime(rec.created_at),
          mdtrt_cert_type: rec.mdtrt_cert_type,
          mdtrt_cert_no: LATE.mdtrt_cert_no,
          ipt_otp_no: (his.his_bill_no || rec.id.replace(/-/g, '')).slice(0, 30),
          dept_name: his.dept_name ?? '',
          dr_name: his.doctor_name ?? '',
        },
      },
    },
    { step: 2, infno: '2204', payload: { feedetail: fees } },
    { step: 3, infno: '2206', payload: { data: { ...settleData(rec), mdtrt_id: LATE.mdtrt_id } } },
    {
      step: 4,
      infno: '2207',
      payload: {
        data: {
          ...settleData(rec),
          mdtrt_id: LATE.mdtrt_id,
          invono: '',
          fulamt_ownpay_amt: l.fulamt_ownpay_amt,
          overlmt_selfpay: l.overlmt_selfpay,
          preselfpay_amt: l.preselfpay_amt,
          inscp_scp_amt: l.inscp_scp_amt,
        },
      },
    },
  ];
}

export function reversalMessages(rec: SettlementRecord): Omit<OutboxMessage, 'step'>[] {
  const data = { setl_id: LATE.setl_id, mdtrt_id: LATE.mdtrt_id, psn_no: rec.psn_no };
  return [{ infno: rec.kind === 'pharmacy' ? '2103' : '2208', payload: { data } }];
}

/** Replace LATE placeholders with what the center assigned earlier and the fee lines made from the stored lines. */
export function bindLate(payload: Record<string, unknown>, rec: SettlementRecord, lines: () => SettlementItem[]): Record<string, unknown> {
  const map: Record<string, () => string> = {
    [LATE.mdtrt_id]: () => rec.mdtrt_id ?? '',
    [LATE.setl_id]: () => rec.setl_id ?? '',
    // the one place the sealed credential is opened: when the message leaves
    [LATE.mdtrt_cert_no]: () => rec.mdtrt_cert_no,
  };
  let fees: unknown[] | null = null;
  const walk = (v: unknown): unknown => {
    if (v === LATE.feedetail) return walk((fees ??= feeLines(rec, lines())));
    if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(map, v)) return map[v]!();
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(payload) as Record<string, unknown>;
}
