/** Calls of the security area (src/shared/api-security.ts) and the session calls it owns in api.ts. */
import type { securityCalls } from '../../shared/api-security.js';
import { AppError } from '../errors.js';
import type { AreaHandlers, Handlers } from '../router.js';
import type { Approvals } from '../services/approval.js';
import type { SessionService } from '../services/session.js';
import type { ApprovalRules } from './approval-rules.js';
import type { CashierAdmin } from './cashier-admin.js';
import type { SecurityMonitor } from './monitor.js';

export interface SecurityAreaDeps {
  session: SessionService;
  approvals: Approvals;
  rules: ApprovalRules;
  admin: CashierAdmin;
  monitor: SecurityMonitor;
}

type SessionCalls = 'session.supervisorUnlock' | 'session.changePin' | 'setup.firstAdmin';

export function createSecurityHandlers(d: SecurityAreaDeps): AreaHandlers<typeof securityCalls> & Pick<Handlers, SessionCalls> {
  const actor = () => {
    const c = d.session.current();
    if (!c) throw new AppError('AUTH', 'not logged in');
    return c.no;
  };
  return {
    'session.supervisorUnlock': (i) => d.session.supervisorUnlock(i.supervisorNo, i.pin, i.mode),
    'session.changePin': (i) => d.session.changePin(i.oldPin, i.newPin),
    'setup.firstAdmin': async (i) => {
      d.admin.firstAdmin('setup', { no: i.cashierNo, name: i.name }, i.pin);
      return d.session.login(i.cashierNo, i.pin);
    },
    'approval.needed': (i) => d.rules.need(i.action, i.subject),
    'approval.grant': (i) => d.approvals.grant(i),
    'cashier.list': () => d.admin.list(),
    'cashier.add': (i) => d.admin.add(actor(), { no: i.cashierNo, name: i.name, role: i.role }, i.pin),
    'cashier.setActive': (i) => {
      if (i.cashierNo === actor() && !i.active) throw new AppError('CONFLICT', 'you cannot disable yourself', 'cashierNo');
      return d.admin.setActive(actor(), i.cashierNo, i.active);
    },
    'cashier.resetPin': (i) => d.admin.resetPin(actor(), i.cashierNo, i.pin),
    'cashier.setRole': (i) => d.admin.setRole(actor(), i.cashierNo, i.role),
    'cashier.clearLockout': (i) => d.admin.clearLockout(actor(), i.cashierNo),
    'security.status': () => d.monitor.status(),
    'security.verifyAudit': () => d.monitor.verifyNow(),
  };
}
