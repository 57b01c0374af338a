import type { Db } from './db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  detail?: unknown;
}

/** Append-only audit log. Callers pass masked data only. */
export function createAuditRepo(db: Db, nowIso: () => string) {
  const ins = db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)');
  return {
    append(e: AuditEntry): void {
      ins.run(nowIso(), e.actor, e.action, e.subject ?? null, e.detail === undefined ? null : JSON.stringify(e.detail));
    },
    list(subject?: string): Array<{ id: number; at: string; actor: string; action: string; subject: string | null; detail: string | null }> {
      return subject
        ? (db.prepare('SELECT * FROM audit WHERE subject = ? ORDER BY id').all(subject) as never)
        : (db.prepare('SELECT * FROM audit ORDER BY id').all() as never);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
