import { Person } from '../../shared/domain.js';
import type { Db } from './db.js';

/** Last 1101 answer per person, so the terminal can identify and preview offline (marked stale). */
export function createPersonCache(db: Db, nowIso: () => string) {
  const upsert = db.prepare(`INSERT INTO person_cache (psn_no, certno, card_no, data, fetched_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(psn_no) DO UPDATE SET certno = excluded.certno, card_no = COALESCE(excluded.card_no, person_cache.card_no),
      data = excluded.data, fetched_at = excluded.fetched_at`);
  const fetchedAt = db.prepare('SELECT fetched_at FROM person_cache WHERE psn_no = ?').pluck();
  const byCertno = db.prepare('SELECT data, fetched_at FROM person_cache WHERE certno = ?');
  const byCard = db.prepare('SELECT data, fetched_at FROM person_cache WHERE card_no = ?');
  const find = (stmt: typeof byCertno, key: string) => {
    const r = stmt.get(key) as { data: string; fetched_at: string } | undefined;
    if (!r) return null;
    const parsed = Person.safeParse(JSON.parse(r.data));
    return parsed.success ? { person: parsed.data, fetchedAt: r.fetched_at } : null;
  };
  return {
    put(person: Person, cardNo: string | null): void {
      upsert.run(person.psn_no, person.certno, cardNo, JSON.stringify(person), nowIso());
    },
    byCertno: (certno: string) => find(byCertno, certno),
    byCardNo: (cardNo: string) => find(byCard, cardNo),
    /** when the cached answer for a person was fetched, or null */
    fetchedAt: (psnNo: string): string | null => (fetchedAt.get(psnNo) as string | undefined) ?? null,
  };
}
export type PersonCache = ReturnType<typeof createPersonCache>;
