/** A conflict as the sync screen shows it: both splits, the settlement it concerns, what may be done. */
import type { ConflictView } from '../../shared/api-sync.js';
import { AppError } from '../errors.js';
import type { ConflictRow } from '../store/conflicts.js';
import type { Store } from '../store/index.js';

export function conflictView(store: Pick<Store, 'settlements' | 'offlineMarks'>, c: ConflictRow): ConflictView {
  const rec = store.settlements.get(c.settlement_id);
  if (!rec) throw new AppError('NOT_FOUND', `the settlement of conflict ${c.id} is missing`, 'id');
  const actions: ConflictView['actions'] = [];
  if (c.state === 'open') {
    actions.push('accept');
    // reversing makes sense only for what the center settled
    if (c.kind === 'split_differs' && rec.status === 'settled') actions.push('reverse');
  }
  return {
    id: c.id,
    settlement_id: c.settlement_id,
    kind: c.kind,
    reason: c.reason,
    fields: c.fields,
    local: c.local_split,
    center: c.center_split,
    state: c.state,
    raised_at: c.raised_at,
    resolved_at: c.resolved_at,
    resolved_by: c.resolved_by,
    note: c.note,
    actions,
    settlement: {
      kind: rec.kind,
      status: rec.status,
      created_at: rec.created_at,
      psn_name_masked: rec.psn_name_masked,
      certno_masked: rec.certno_masked,
      mulaid_name_masked: rec.mulaid_name_masked,
      setl_id: rec.setl_id,
      offline: store.offlineMarks.has(rec.id),
    },
  };
}
