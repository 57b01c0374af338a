/**
 * When an action needs a supervisor's approval, and the one check an action's handler makes before it
 * acts (`authorize`): the configured exception applies, or a valid one-time token is spent. Reversal:
 * always a supervisor, except the cashier who confirmed the settlement on the same business day within
 * `security.reversal.ownWithinMinutes` (0: no exception); a signed-in supervisor is the supervisor.
 */
import type { ApprovalAction, ApprovalNeed } from '../../shared/api-security.js';
import { roleAtLeast } from '../../shared/limits.js';
import type { Clock } from '../clock.js';
import type { Approvals } from '../services/approval.js';
import type { Cashier } from '../store/cashiers.js';
import type { Store } from '../store/index.js';

export interface ApprovalRuleDeps {
  store: Pick<Store, 'settlements'>;
  approvals: Approvals;
  current(): Cashier | null;
  clock: Clock;
  ownWithinMinutes: number;
}

export interface Authorized {
  /** the supervisor who approved, or null where none was needed */
  approvedBy: string | null;
  exception: ApprovalNeed['exception'];
}

export function createApprovalRules(d: ApprovalRuleDeps) {
  function need(action: ApprovalAction, subject: string): ApprovalNeed {
    const me = d.current();
    if (roleAtLeast(me?.role, 'supervisor')) return { required: false, exception: 'supervisor_signed_in' };
    if (action === 'settlement.reverse' && me && d.ownWithinMinutes > 0) {
      const rec = d.store.settlements.get(subject);
      const ageMs = rec ? d.clock.now().getTime() - Date.parse(rec.created_at) : Infinity;
      if (rec && rec.cashier_no === me.no && rec.business_date === d.clock.today() && ageMs >= 0 && ageMs <= d.ownWithinMinutes * 60_000) {
        return { required: false, exception: 'own_recent' };
      }
    }
    return { required: true, exception: null };
  }
  return {
    need,
    /** before the action: nothing needed, or the token spent (throws APPROVAL_REQUIRED) */
    authorize(action: ApprovalAction, subject: string, token: string | null | undefined): Authorized {
      const n = need(action, subject);
      if (!n.required) return { approvedBy: null, exception: n.exception };
      return { approvedBy: d.approvals.consume(token, action, subject).no, exception: null };
    },
  };
}
export type ApprovalRules = ReturnType<typeof createApprovalRules>;
