/**
 * Conflicts (migration 2): a settlement where the center and the terminal disagree, kept until a
 * person acts on it. Two kinds:
 *   split_differs  the center settled with other amounts than the local preview (the center's split
 *                  is authoritative and is what the settlement records)
 *   refused        the center refused a settlement the cashier had already confirmed (e.g. two
 *                  terminals offline overdrew a family co-pay account): the settlement stays visible
 *                  with the center's reason
 */
import type { Split } from '../../shared/domain.js';
import type { Db } from './db.js';

export type ConflictKind = 'split_differs' | 'refused';
export type ConflictState = 'open' | 'accepted' | 'reversed';

export interface ConflictRow {
  id: number;
  settlement_id: string;
  kind: ConflictKind;
  reason: string;
  fields: string[];
  local_split: Split;
  center_split: Split | null;
  state: ConflictState;
  raised_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  note: string | null;
}

type Raw = Omit<ConflictRow, 'fields' | 'local_split' | 'center_split'> & { fields: string; local_split: string; center_split: string | null };
const parse = (r: Raw): ConflictRow => ({
  ...r,
  fields: JSON.parse(r.fields),
  local_split: JSON.parse(r.local_split),
  center_split: r.center_split ? JSON.parse(r.center_split) : null,
});

export function createConflictRepo(db: Db, nowIso: () => string) {
  const insert = db.prepare(`INSERT INTO conflicts (settlement_id, kind, reason, fields, local_split, center_split, state, raised_at)
      VALUES (?, ?, ?, ?, ?, ?, 'open', ?)
    ON CONFLICT(settlement_id, kind) DO UPDATE SET reason = excluded.reason, fields = excluded.fields,
      center_split = excluded.center_split, state = 'open', raised_at = excluded.raised_at, resolved_at = NULL, resolved_by = NULL, note = NULL
    RETURNING id`);
  const byId = db.prepare('SELECT * FROM conflicts WHERE id = ?');
  const all = db.prepare('SELECT * FROM conflicts ORDER BY raised_at DESC, id DESC');
  const inState = db.prepare('SELECT * FROM conflicts WHERE state = ? ORDER BY raised_at DESC, id DESC');
  const ofSettlement = db.prepare('SELECT * FROM conflicts WHERE settlement_id = ? ORDER BY id');
  const resolveStmt = db.prepare('UPDATE conflicts SET state = ?, resolved_at = ?, resolved_by = ?, note = ? WHERE id = ?');
  const openCount = db.prepare("SELECT COUNT(*) AS n FROM conflicts WHERE state = 'open'").pluck();
  const repo = {
    /** in the caller's transaction; raising the same kind again for a settlement re-opens it */
    raise(c: { settlement_id: string; kind: ConflictKind; reason: string; fields: string[]; local: Split; center: Split | null }): number {
      const r = insert.get(c.settlement_id, c.kind, c.reason, JSON.stringify(c.fields), JSON.stringify(c.local), c.center ? JSON.stringify(c.center) : null, nowIso()) as { id: number };
      return r.id;
    },
    get(id: number): ConflictRow | null {
      const r = byId.get(id) as Raw | undefined;
      return r ? parse(r) : null;
    },
    list(state: ConflictState | 'all' = 'open'): ConflictRow[] {
      const rows = (state === 'all' ? all.all() : inState.all(state)) as Raw[];
      return rows.map(parse);
    },
    forSettlement(settlementId: string): ConflictRow[] {
      return (ofSettlement.all(settlementId) as Raw[]).map(parse);
    },
    resolve(id: number, state: Exclude<ConflictState, 'open'>, by: string, note: string | null): void {
      resolveStmt.run(state, nowIso(), by, note, id);
    },
    openCount(): number {
      return openCount.get() as number;
    },
  };
  return repo;
}
export type ConflictRepo = ReturnType<typeof createConflictRepo>;
