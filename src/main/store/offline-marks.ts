/**
 * Settlements confirmed while the center was unreachable (migration 2, offline_confirms): marked in the
 * transaction of their commit, so the list, the receipt and end of day show them pending the center,
 * and the day's offline total can be held to its limit.
 */
import type { Db } from './db.js';

export interface OfflineMarkRow {
  settlement_id: string;
  business_date: string;
  /** what the center is expected to pay: fund + own account + co-pay account */
  insured_fen: number;
  person_fetched_at: string | null;
  confirmed_at: string;
}

export function createOfflineMarks(db: Db) {
  const usedOn = db.prepare('SELECT COALESCE(SUM(insured_fen), 0) FROM offline_confirms WHERE business_date = ?').pluck();
  const onDate = db.prepare('SELECT * FROM offline_confirms WHERE business_date = ? ORDER BY confirmed_at');
  const has = db.prepare('SELECT 1 FROM offline_confirms WHERE settlement_id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO offline_confirms (settlement_id, business_date, insured_fen, person_fetched_at, confirmed_at) VALUES (@settlement_id, @business_date, @insured_fen, @person_fetched_at, @confirmed_at)',
  );
  return {
    /** the insured amount confirmed offline on a business date */
    usedOn: (date: string): number => usedOn.get(date) as number,
    onDate: (date: string): OfflineMarkRow[] => onDate.all(date) as OfflineMarkRow[],
    has: (settlementId: string): boolean => has.get(settlementId) !== undefined,
    /** in the caller's transaction (the settlement's commit) */
    insert(m: OfflineMarkRow): void {
      insert.run(m);
    },
  };
}
export type OfflineMarks = ReturnType<typeof createOfflineMarks>;
