/**
 * A supervisor's approval of one action on one subject, as the HIS area needs it (removing a line of
 * an HIS bill). The supervisor's number and PIN arrive with the request itself, so the approval is
 * bound to that action and subject and spent by it; the PIN is checked by the terminal's one pin gate
 * (services/pin-gate.ts: per-cashier lockout, integrity of the cashier row, every refusal audited),
 * the same door the reversal's approval goes through.
 */
import { roleAtLeast } from '../../shared/limits.js';
import { AppError } from '../errors.js';
import type { PinGate } from '../services/pin-gate.js';
import type { Store } from '../store/index.js';

export type ApprovalActionName = 'his.remove_line';

/** what the cashier hands over for the approval: the supervisor's number and PIN */
export interface ApprovalGrant {
  supervisorNo: string;
  pin: string;
}

export interface SupervisorApproval {
  /** the approving supervisor's number, or throws AUTH / LOCKED_OUT (audited either way) */
  approve(action: ApprovalActionName, subject: string, grant: ApprovalGrant): { approvedBy: string };
}

export function createGateApproval(gate: PinGate, store: Pick<Store, 'audit'>, requestedBy: () => string): SupervisorApproval {
  return {
    approve(action, subject, grant) {
      const asker = requestedBy();
      const sup = gate.check(grant.supervisorNo, grant.pin, 'approval');
      if (!roleAtLeast(sup.role, 'supervisor')) {
        store.audit.append({ actor: sup.no, action: 'approval.refused', subject, detail: { action, requested_by: asker, reason: 'not_supervisor' } });
        throw new AppError('AUTH', `cashier ${sup.no} is not a supervisor`, 'supervisorNo', null, { reason: 'not_supervisor' });
      }
      store.audit.append({ actor: sup.no, action: 'approval.granted', subject, detail: { action, requested_by: asker } });
      return { approvedBy: sup.no };
    },
  };
}
