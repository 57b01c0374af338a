/**
 * The detail compare (3202): this terminal's records of a group against the center's, by setl_id.
 * Pure: same inputs, same differences, in a stable order (by time, then setl_id).
 */
import { RECON_AMOUNT_FIELDS, type ReconDifference } from '../../shared/api-reconcile.js';
import type { ReconDetailFields as DetailLike } from '../center/transactions/3201-3202-reconcile.js';

export type { DetailLike };

export interface LocalDetail extends DetailLike {
  settlement_id: string;
  psn_name_masked: string;
}

/** A local settlement the center has not confirmed, to explain a center-only record. */
export interface PendingCandidate {
  settlement_id: string;
  psn_no: string;
  medfee_sumamt: number;
}

export function compareDetails(local: readonly LocalDetail[], center: readonly DetailLike[], pending: readonly PendingCandidate[] = []): ReconDifference[] {
  const byId = new Map<string, DetailLike>();
  for (const c of center) byId.set(c.setl_id, c);
  const seen = new Set<string>();
  const out: ReconDifference[] = [];
  for (const l of local) {
    const c = byId.get(l.setl_id);
    if (!c) {
      out.push({
        kind: 'missing_at_center',
        setl_id: l.setl_id,
        refd_setl_flag: l.refd_setl_flag,
        mdtrt_id: l.mdtrt_id,
        psn_no: l.psn_no,
        psn_name_masked: l.psn_name_masked,
        settlement_id: l.settlement_id,
        setl_time: l.setl_time,
        fields: RECON_AMOUNT_FIELDS.filter((f) => l[f] !== 0).map((f) => ({ field: f, local: l[f], center: null, delta: -l[f] })),
        local_pending_id: null,
      });
      continue;
    }
    seen.add(c.setl_id);
    const fields = RECON_AMOUNT_FIELDS.filter((f) => l[f] !== c[f]).map((f) => ({ field: f, local: l[f], center: c[f], delta: c[f] - l[f] }));
    if (fields.length > 0) {
      out.push({
        kind: 'amounts_differ',
        setl_id: l.setl_id,
        refd_setl_flag: l.refd_setl_flag,
        mdtrt_id: l.mdtrt_id || c.mdtrt_id,
        psn_no: l.psn_no,
        psn_name_masked: l.psn_name_masked,
        settlement_id: l.settlement_id,
        setl_time: l.setl_time,
        fields,
        local_pending_id: null,
      });
    }
  }
  const unmatchedPending = [...pending];
  for (const c of center) {
    if (seen.has(c.setl_id)) continue;
    // a settlement whose answer never arrived here: same person, same total, still pending locally
    const i = c.refd_setl_flag === '0' ? unmatchedPending.findIndex((p) => p.psn_no === c.psn_no && p.medfee_sumamt === c.medfee_sumamt) : -1;
    const match = i >= 0 ? unmatchedPending.splice(i, 1)[0] : null;
    out.push({
      kind: 'missing_here',
      setl_id: c.setl_id,
      refd_setl_flag: c.refd_setl_flag,
      mdtrt_id: c.mdtrt_id,
      psn_no: c.psn_no,
      psn_name_masked: null,
      settlement_id: null,
      setl_time: c.setl_time,
      fields: RECON_AMOUNT_FIELDS.filter((f) => c[f] !== 0).map((f) => ({ field: f, local: null, center: c[f], delta: c[f] })),
      local_pending_id: match?.settlement_id ?? null,
    });
  }
  return out.sort((a, b) => a.setl_time.localeCompare(b.setl_time) || a.setl_id.localeCompare(b.setl_id));
}
