/**
 * Last 1101 answer per person, so the terminal can identify and preview offline (marked stale).
 * The answer (name, ID number, birth date, balances …) is sealed (seal.ts); the ID and card numbers
 * it is found by are stored only as keyed lookup hashes. Entries older than the configured number of
 * days are purged (purgeOlderThan, at start and daily).
 */
import { Person } from '../../shared/domain.js';
import type { Db } from './db.js';
import type { Sealer } from './seal.js';

const context = (psnNo: string) => `person_cache.data|${psnNo}`;

export function createPersonCache(db: Db, nowIso: () => string, sealer: Sealer) {
  const upsert = db.prepare(`INSERT INTO person_cache (psn_no, certno_key, card_key, data, fetched_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(psn_no) DO UPDATE SET certno_key = excluded.certno_key, card_key = COALESCE(excluded.card_key, person_cache.card_key),
      data = excluded.data, fetched_at = excluded.fetched_at`);
  const fetchedAt = db.prepare('SELECT fetched_at FROM person_cache WHERE psn_no = ?').pluck();
  const byCertno = db.prepare('SELECT psn_no, data, fetched_at FROM person_cache WHERE certno_key = ?');
  const byCard = db.prepare('SELECT psn_no, data, fetched_at FROM person_cache WHERE card_key = ?');
  const purge = db.prepare('DELETE FROM person_cache WHERE fetched_at < ?');
  const find = (stmt: typeof byCertno, key: string) => {
    const r = stmt.get(key) as { psn_no: string; data: string; fetched_at: string } | undefined;
    if (!r) return null;
    let doc: unknown;
    try {
      doc = JSON.parse(sealer.open(r.data, context(r.psn_no)));
    } catch {
      return null; // a row that does not open is as good as absent: the center is asked when it returns
    }
    const parsed = Person.safeParse(doc);
    return parsed.success ? { person: parsed.data, fetchedAt: r.fetched_at } : null;
  };
  return {
    put(person: Person, cardNo: string | null): void {
      upsert.run(
        person.psn_no,
        sealer.lookup('certno', person.certno),
        cardNo === null ? null : sealer.lookup('card', cardNo),
        sealer.seal(JSON.stringify(person), context(person.psn_no)),
        nowIso(),
      );
    },
    byCertno: (certno: string) => find(byCertno, sealer.lookup('certno', certno)),
    byCardNo: (cardNo: string) => find(byCard, sealer.lookup('card', cardNo)),
    /** when the cached answer for a person was fetched, or null */
    fetchedAt: (psnNo: string): string | null => (fetchedAt.get(psnNo) as string | undefined) ?? null,
    /** drop entries fetched before `isoCutoff`; returns how many */
    purgeOlderThan(isoCutoff: string): number {
      return purge.run(isoCutoff).changes;
    },
  };
}
export type PersonCache = ReturnType<typeof createPersonCache>;
