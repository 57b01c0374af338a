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
import type { Db } from '../store/db.js';

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

/** The split fields whose amounts differ, in the split's own order. */
export function diffSplits(local: Split, center: Split): Array<keyof Split> {
  return (Object.keys(local) as Array<keyof Split>).filter((k) => (local[k] ?? 0) !== (center[k] ?? 0));
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
  const repo = {
    /** in the caller's transaction; raising the same kind again for a settlement re-opens it */
    raise(c: { settlement_id: string; kind: ConflictKind; reason: string; fields: string[]; local: Split; center: Split | null }): number {
      const r = insert.get(c.settlement_id, c.kind, c.reason, JSON.stringify(c.fields), JSON.stringify(c.local), c.center ? JSON.stringify(c.center) : null, nowIso()) as { id: number };
      return r.id;
    },
    get(id: number): ConflictRow | null {
      const r = db.prepare('SELECT * FROM conflicts WHERE id = ?').get(id) as Raw | undefined;
      return r ? parse(r) : null;
    },
    list(state: ConflictState | 'all' = 'open'): ConflictRow[] {
      const rows = state === 'all'
        ? (db.prepare('SELECT * FROM conflicts ORDER BY raised_at DESC, id DESC').all() as Raw[])
        : (db.prepare('SELECT * FROM conflicts WHERE state = ? ORDER BY raised_at DESC, id DESC').all(state) as Raw[]);
      return rows.map(parse);
    },
    forSettlement(settlementId: string): ConflictRow[] {
      return (db.prepare('SELECT * FROM conflicts WHERE settlement_id = ? ORDER BY id').all(settlementId) as Raw[]).map(parse);
    },
    resolve(id: number, state: Exclude<ConflictState, 'open'>, by: string, note: string | null): void {
      db.prepare('UPDATE conflicts SET state = ?, resolved_at = ?, resolved_by = ?, note = ? WHERE id = ?').run(state, nowIso(), by, note, id);
    },
    openCount(): number {
      return (db.prepare("SELECT COUNT(*) AS n FROM conflicts WHERE state = 'open'").get() as { n: number }).n;
    },
  };
  return repo;
}
export type ConflictRepo = ReturnType<typeof createConflictRepo>;
