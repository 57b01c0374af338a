/**
 * Supervisor approval: a supervisor gives his number and PIN at the window for ONE action on ONE
 * subject (reverse settlement X, remove HIS line Y). The PIN is checked here on the main side (the
 * pin gate: lockout, integrity, audit), and the answer is a one-time token valid for
 * `approvalSeconds`, bound to the action, its subject and the cashier who asked. The action's own
 * service consumes it (`consume`), so one main-side check serves every action that needs it.
 */
import crypto from 'node:crypto';
import type { Role } from '../../shared/domain.js';
import { roleAtLeast } from '../../shared/limits.js';
import type { ApprovalAction } from '../../shared/api-security.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { Cashier } from '../store/cashiers.js';
import type { PinGate } from './pin-gate.js';

interface Grant {
  action: ApprovalAction;
  subject: string;
  requestedBy: string;
  supervisor: Cashier;
  expiresAt: number;
}

export interface ApprovalDeps {
  store: Pick<Store, 'audit'>;
  gate: PinGate;
  ttlMs: number;
  now(): number;
  /** the cashier at the window */
  actor(): { no: string; role: Role } | null;
}

const MAX_OPEN = 100;

export function createApprovals(d: ApprovalDeps) {
  const grants = new Map<string, Grant>();
  const prune = () => {
    const t = d.now();
    for (const [k, g] of grants) if (g.expiresAt <= t || grants.size > MAX_OPEN) grants.delete(k);
  };
  const required = () => new AppError('APPROVAL_REQUIRED', "this action needs a supervisor's approval");

  return {
    /** a supervisor's number and PIN for this action on this subject → a one-time token */
    grant(i: { action: ApprovalAction; subject: string; supervisorNo: string; pin: string }): { token: string; expiresAt: string; supervisor: { no: string; name: string } } {
      const actor = d.actor();
      if (!actor) throw new AppError('AUTH', 'not logged in');
      const sup = d.gate.check(i.supervisorNo, i.pin, 'approval');
      if (!roleAtLeast(sup.role, 'supervisor')) {
        d.store.audit.append({ actor: sup.no, action: 'approval.refused', subject: i.subject, detail: { action: i.action, requested_by: actor.no, reason: 'not_supervisor' } });
        throw new AppError('AUTH', `cashier ${sup.no} is not a supervisor`, 'supervisorNo', null, { reason: 'not_supervisor' });
      }
      prune();
      const token = crypto.randomBytes(24).toString('base64url');
      const expiresAt = d.now() + d.ttlMs;
      grants.set(token, { action: i.action, subject: i.subject, requestedBy: actor.no, supervisor: sup, expiresAt });
      d.store.audit.append({ actor: sup.no, action: 'approval.granted', subject: i.subject, detail: { action: i.action, requested_by: actor.no, expires_at: new Date(expiresAt).toISOString() } });
      return { token, expiresAt: new Date(expiresAt).toISOString(), supervisor: { no: sup.no, name: sup.name } };
    },
    /**
     * The approving supervisor for this action on this subject by the cashier at the window; the token
     * is spent. Throws APPROVAL_REQUIRED when there is none, it expired, or it was given for something else.
     */
    consume(token: string | null | undefined, action: ApprovalAction, subject: string): Cashier {
      if (!token) throw required();
      const g = grants.get(token);
      grants.delete(token);
      const actor = d.actor();
      if (!g || g.expiresAt <= d.now() || g.action !== action || g.subject !== subject || !actor || g.requestedBy !== actor.no) throw required();
      return g.supervisor;
    },
  };
}
export type Approvals = ReturnType<typeof createApprovals>;
