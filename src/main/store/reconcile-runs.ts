/** Reconciliation results kept in terminal.db (migration 3), so an export can show the last one. */
import { ReconcileResult } from '../../shared/api-reconcile.js';
import type { Db } from './db.js';

export function createRunRepo(db: Db) {
  const ins = db.prepare('INSERT INTO reconcile_runs (id, date_from, date_to, at, operator, status, result) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const last = db.prepare('SELECT result FROM reconcile_runs WHERE date_from = ? AND date_to = ? ORDER BY at DESC, rowid DESC LIMIT 1');
  return {
    save(r: ReconcileResult): void {
      ins.run(r.id, r.date_from, r.date_to, r.at, r.operator.no, r.status, JSON.stringify(r));
    },
    last(from: string, to: string): ReconcileResult | null {
      const row = last.get(from, to) as { result: string } | undefined;
      return row ? ReconcileResult.parse(JSON.parse(row.result)) : null;
    },
  };
}
export type RunRepo = ReturnType<typeof createRunRepo>;
