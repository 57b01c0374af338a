/** The stored reply of every msgid, so a repeated message gets its first answer (deduplication). */
import type { SimDb } from './db.js';

export function createMessageRepo(db: SimDb) {
  return {
    get: (msgid: string) => db.prepare('SELECT infno, reply FROM messages WHERE msgid = ?').get(msgid) as { infno: string; reply: string } | undefined,
    /** the first reply wins: a later one for the same msgid is ignored */
    save: (msgid: string, infno: string, reply: string, at: string) =>
      void db.prepare('INSERT OR IGNORE INTO messages (msgid, infno, reply, created_at) VALUES (?, ?, ?, ?)').run(msgid, infno, reply, at),
    count: () => (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n,
  };
}
