import type { Db } from './db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  detail?: unknown;
}

/** An entry ready to write: at, actor, action, subject, detail (JSON) */
export type AuditRow = [string, string, string, string | null, string | null];

export interface AuditListRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** Append-only audit log. Callers pass masked data only. */
export function createAuditRepo(db: Db, nowIso: () => string) {
  const ins = db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)');
  const bySubject = db.prepare('SELECT * FROM audit WHERE subject = ? ORDER BY id');
  const all = db.prepare('SELECT * FROM audit ORDER BY id');
  const row = (e: AuditEntry): AuditRow => [nowIso(), e.actor, e.action, e.subject ?? null, e.detail === undefined ? null : JSON.stringify(e.detail)];
  return {
    append(e: AuditEntry): void {
      ins.run(...row(e));
    },
    /** the entry serialized and stamped now, to be written later inside a transaction (insert) */
    row,
    insert(r: AuditRow): void {
      ins.run(...r);
    },
    list(subject?: string): AuditListRow[] {
      return (subject ? bySubject.all(subject) : all.all()) as AuditListRow[];
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
