/**
 * The HIS area as a follower of the settlement owner (services/settlement/changes.ts). Inside the
 * transaction of each change it writes what the HIS is owed, so a SIGKILL cannot separate the two:
 *   confirmed           the bill is claimed by the settlement (a second settlement of it is refused here)
 *   answered 2207/2102  the center settled it: the 'settled' result is queued for the HIS
 *   answered 2208/2103  the center reversed it: the 'reversed' result is queued, the claim released
 *   refused (settling)  the center refused the settlement: the claim is released (nothing was paid)
 * and wakes the sender after the commit. Each result carries an idempotency key,
 * `<settlement id>:settled` / `<settlement id>:reversed`, which the HIS checks: a result sent again
 * (the terminal died after sending, before it recorded the acknowledgement) is never applied twice.
 */
import { fenToYuan } from '../../shared/money.js';
import type { Split } from '../../shared/domain.js';
import type { SettlementChange, SettlementFollower } from '../services/settlement/changes.js';
import type { SettlementRecord, Store } from '../store/index.js';
import type { HisBills } from './bills.js';

const SETTLING = new Set(['2201', '2204', '2206', '2207', '2101', '2102']);
const PAYLOAD_AMOUNTS: ReadonlyArray<keyof Split> = [
  'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay', 'hifp_pay', 'hifmi_pay', 'hifob_pay', 'cvlserv_pay',
  'act_pay_dedc', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'psn_part_amt',
];

export const billNoOf = (rec: SettlementRecord): string | null => (rec.his as { his_bill_no?: string } | null)?.his_bill_no || null;

export const noticeKey = (settlementId: string, kind: 'settled' | 'reversed') => `${settlementId}:${kind}`;

/** What the HIS is told (format yb-pos-his-result/1, docs/his-bill.md): amounts as yuan with two decimals. */
export function resultPayload(rec: SettlementRecord, kind: 'settled' | 'reversed', at: string, t: { fixmedins_code: string; terminal_id: string }) {
  const split = rec.center_split ?? rec.local_split;
  const amounts = Object.fromEntries(PAYLOAD_AMOUNTS.map((k) => [k, fenToYuan(split[k] ?? 0)]));
  return {
    format: 'yb-pos-his-result/1',
    key: noticeKey(rec.id, kind),
    kind,
    his_bill_no: billNoOf(rec),
    settlement_id: rec.id,
    fixmedins_code: t.fixmedins_code,
    terminal_id: t.terminal_id,
    cashier_no: rec.cashier_no,
    psn_no: rec.psn_no,
    insutype: rec.insutype,
    med_type: rec.med_type,
    setl_id: rec.setl_id,
    mdtrt_id: rec.mdtrt_id,
    at,
    ...amounts,
    // the cash the cashier collected (or, for a reversal, pays back)
    cash_received: fenToYuan(split.psn_cash_pay),
  };
}

export interface HisFollowerDeps {
  store: Pick<Store, 'his'>;
  bills: Pick<HisBills, 'checkConfirm'>;
  terminal: { fixmedins_code: string; terminal_id: string };
  nowIso(): string;
  /** false without an HIS to send to (his.source none): bills are still claimed, no result is queued */
  sendsResults: boolean;
  /** results are owed: the sender should look */
  wake(): void;
}

export function createHisFollower(d: HisFollowerDeps): SettlementFollower {
  const queue = (rec: SettlementRecord, kind: 'settled' | 'reversed') => {
    const no = billNoOf(rec);
    if (!no || !d.sendsResults) return false;
    return d.store.his.queueNotice({ key: noticeKey(rec.id, kind), settlement_id: rec.id, kind, his_bill_no: no, payload: resultPayload(rec, kind, d.nowIso(), d.terminal) });
  };
  return {
    inTransaction(c: SettlementChange) {
      if (c.kind === 'confirmed') {
        const rec = c.record();
        const no = billNoOf(rec);
        if (!no) return;
        d.bills.checkConfirm(rec, c.items);
        d.store.his.releaseClaim(no, d.store.his.claim(no)?.settlement_id ?? '');
        d.store.his.putClaim(no, rec.id);
        return;
      }
      if (c.kind === 'answered') {
        if (c.infno === '2207' || c.infno === '2102') queue(c.record(), 'settled');
        if (c.infno === '2208' || c.infno === '2103') {
          const rec = c.record();
          // the HIS heard of the settlement (or will, first: the sender keeps a settlement's results in order)
          if (d.store.his.notice(noticeKey(rec.id, 'settled'))) queue(rec, 'reversed');
          const no = billNoOf(rec);
          if (no) d.store.his.releaseClaim(no, rec.id);
        }
        return;
      }
      if (c.kind === 'refused' && SETTLING.has(c.infno)) {
        const rec = c.record();
        const no = billNoOf(rec);
        if (no) d.store.his.releaseClaim(no, rec.id);
      }
    },
    afterCommit(c: SettlementChange) {
      if (c.kind === 'answered') d.wake();
    },
  };
}
