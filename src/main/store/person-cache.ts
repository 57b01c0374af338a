import { Person } from '../../shared/domain.js';
import type { Db } from './db.js';

/** Last 1101 answer per person, so the terminal can identify and preview offline (marked stale). */
export function createPersonCache(db: Db, nowIso: () => string) {
  const upsert = db.prepare(`INSERT INTO person_cache (psn_no, certno, card_no, data, fetched_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(psn_no) DO UPDATE SET certno = excluded.certno, card_no = COALESCE(excluded.card_no, person_cache.card_no),
      data = excluded.data, fetched_at = excluded.fetched_at`);
  const find = (sql: string, key: string) => {
    const r = db.prepare(sql).get(key) as { data: string; fetched_at: string } | undefined;
    if (!r) return null;
    const parsed = Person.safeParse(JSON.parse(r.data));
    return parsed.success ? { person: parsed.data, fetchedAt: r.fetched_at } : null;
  };
  return {
    put(person: Person, cardNo: string | null): void {
      upsert.run(person.psn_no, person.certno, cardNo, JSON.stringify(person), nowIso());
    },
    byCertno: (certno: string) => find('SELECT data, fetched_at FROM person_cache WHERE certno = ?', certno),
    byCardNo: (cardNo: string) => find('SELECT data, fetched_at FROM person_cache WHERE card_no = ?', cardNo),
  };
}
export type PersonCache = ReturnType<typeof createPersonCache>;
