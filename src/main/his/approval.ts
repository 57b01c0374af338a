/**
 * A supervisor's approval of one action on one subject, as the HIS area needs it (removing a line
 * of an HIS bill). The area depends on this small interface only; the implementation here checks the
 * supervisor's number and PIN through the store's cashier repository on the main side and audits
 * the outcome. The security area's reusable approval (one-time token, short-lived, bound to action,
 * subject and the asking cashier) plugs in behind the same `approve` when the two are joined.
 */
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';

export type ApprovalActionName = 'his.remove_line';

/** what the cashier hands over for the approval: the supervisor's number and PIN (or, later, a token) */
export interface ApprovalGrant {
  supervisorNo: string;
  pin: string;
}

export interface SupervisorApproval {
  /** the approving supervisor's number, or throws AUTH (wrong PIN, not a supervisor: audited either way) */
  approve(action: ApprovalActionName, subject: string, grant: ApprovalGrant): { approvedBy: string };
}

export function createStoreApproval(store: Pick<Store, 'cashiers' | 'audit'>, requestedBy: () => string): SupervisorApproval {
  return {
    approve(action, subject, grant) {
      const asker = requestedBy();
      const sup = store.cashiers.verify(grant.supervisorNo, grant.pin);
      if (!sup) {
        store.audit.append({ actor: grant.supervisorNo, action: 'approval.refused', subject, detail: { action, requested_by: asker, reason: 'wrong_pin' } });
        throw new AppError('AUTH', '主管工号或密码不正确 / wrong supervisor number or PIN', 'pin');
      }
      if (sup.role !== 'supervisor') {
        store.audit.append({ actor: sup.no, action: 'approval.refused', subject, detail: { action, requested_by: asker, reason: 'not_supervisor' } });
        throw new AppError('AUTH', `${sup.name}（${sup.no}）不是主管，不能授权 / not a supervisor`, 'supervisorNo');
      }
      store.audit.append({ actor: sup.no, action: 'approval.granted', subject, detail: { action, requested_by: asker } });
      return { approvedBy: sup.no };
    },
  };
}
