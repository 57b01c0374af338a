/**
 * THE place where the tamper-evident audit chain's head (store/audit.ts, issue 13) joins the till and
 * the slips: every hand-over records it (handovers.audit_chain_head) and prints it, and every slip
 * prints it in its footer, so a later edit of the log is detectable from paper (`pos audit verify
 * --expect "<head>"`).
 */
import type { Store } from '../store/index.js';

export function auditChainHead(store: Pick<Store, 'audit'>): string | null {
  return store.audit.headLine();
}
