/** A confirmed bill as the record the store keeps (masked names; the credential needed to send it). */
import type { BillDraft } from '../../../shared/api.js';
import { maskCertno, maskName } from '../../../shared/domain.js';
import { lineAmount, parseQty } from '../../../shared/money.js';
import type { AuditEntry } from '../../store/audit.js';
import type { SettlementItem, SettlementRecord } from '../../store/index.js';
import type { Computed } from './compute.js';

export function recordOf(
  draft: BillDraft & { requestId: string },
  c: Computed,
  at: { today: string; nowIso: string; terminalId: string; cashierNo: string },
): { record: SettlementRecord; items: SettlementItem[] } {
  const p = c.person.person;
  const record: SettlementRecord = {
    // the request id is the settlement's id: a confirm repeated after a crash or a lost answer finds it
    id: draft.requestId,
    kind: draft.kind,
    med_type: draft.med_type,
    status: 'queued',
    business_date: at.today,
    created_at: at.nowIso,
    updated_at: at.nowIso,
    terminal_id: at.terminalId,
    cashier_no: at.cashierNo,
    psn_no: p.psn_no,
    psn_name_masked: maskName(p.psn_name),
    certno_masked: maskCertno(p.certno),
    insutype: p.insutype,
    insuplc_admdvs: p.insuplc_admdvs,
    mdtrt_cert_type: c.person.identity.mdtrt_cert_type,
    mdtrt_cert_no: c.person.identity.mdtrt_cert_no,
    card_sn: c.person.identity.card_sn ?? null,
    use_acct: draft.useAcct && p.hasAccount,
    mulaid_psn_no: c.mulaid?.psn_no ?? null,
    mulaid_name_masked: c.mulaid ? maskName(c.mulaid.psn_name) : null,
    local_split: c.result.split,
    center_split: null,
    explanation: c.result.explanation,
    policy_version: c.result.policy_version,
    his: draft.his,
    medfee_sumamt: c.result.split.medfee_sumamt,
    mdtrt_id: null,
    setl_id: null,
    last_error: null,
  };
  const items = c.lines.map((l) => ({ ...l, amount: lineAmount(l.pric, parseQty(l.cnt)) }));
  return { record, items };
}

/** who confirmed what: the money in the five invariant fields; the whole split is in the settlement row */
export function confirmAudit(rec: SettlementRecord): AuditEntry {
  return {
    actor: rec.cashier_no,
    action: 'settlement.confirm',
    subject: rec.id,
    detail: {
      kind: rec.kind,
      medfee_sumamt: rec.medfee_sumamt,
      fund_pay_sumamt: rec.local_split.fund_pay_sumamt,
      acct_pay: rec.local_split.acct_pay,
      acct_mulaid_pay: rec.local_split.acct_mulaid_pay,
      psn_cash_pay: rec.local_split.psn_cash_pay,
      mulaid: rec.mulaid_psn_no,
      policy: rec.policy_version,
    },
  };
}
