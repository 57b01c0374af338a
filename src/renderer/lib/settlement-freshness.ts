/**
 * A call's answer (confirm → 'queued', reverse → 'reversing') can be overtaken by the settlement.updated
 * event that followed it: the sync worker may settle before the renderer has even read the answer, and
 * a screen that then shows the answer would stick at the older status. Every settlement.updated event
 * is remembered here from the start, and the screens take the further-along of the answer and the
 * last event for that settlement.
 */
import type { SettlementStatus, SettlementView } from '../../shared/domain.js';
import { getBridge } from '../bridge.js';

/** how far along a settlement's life a status is; a later event never moves a settlement back */
const RANK: Record<SettlementStatus, number> = { queued: 0, settled: 1, refused: 1, reversing: 2, reversed: 3 };

const lastSeen = new Map<string, SettlementView>();
let listening = false;

export function rememberSettlementEvents(): void {
  if (listening) return;
  listening = true;
  getBridge().on('settlement.updated', (v) => {
    const prev = lastSeen.get(v.id);
    if (!prev || RANK[v.status] >= RANK[prev.status]) lastSeen.set(v.id, v);
    if (lastSeen.size > 500) lastSeen.delete(lastSeen.keys().next().value as string);
  });
}

/** the further-along of a call's answer and the last event seen for the same settlement */
export function freshest(view: SettlementView): SettlementView {
  const seen = lastSeen.get(view.id);
  return seen && RANK[seen.status] > RANK[view.status] ? seen : view;
}
