/**
 * THE place where the tamper-evident audit chain's head (issue 13) joins the till and the slips.
 * That work exposes the head through one function; at the merge it is called here, and every
 * hand-over records it (handovers.audit_chain_head) and prints it, and every slip prints it in its
 * footer. Until then there is no chain, so there is no head: null, and nothing is printed.
 */
import type { Store } from '../store/index.js';

export function auditChainHead(_store: Pick<Store, 'audit'>): string | null {
  return null;
}
