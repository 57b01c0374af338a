import type { Db } from './db.js';

/**
 * msgid = institution code (12) + yyyyMMddHHmmss + 4-digit sequence (DOMAIN.md "The interface envelope").
 * The sequence is kept in SQLite so that a restart within the same second never repeats a msgid.
 * Call inside the transaction that writes the message, so the msgid and the message commit together.
 */
export function createMsgidAllocator(db: Db, fixmedinsCode: string, stamp14: () => string) {
  if (fixmedinsCode.length !== 12) throw new Error('fixmedins_code must be 12 characters for msgid');
  const upsert = db.prepare(
    `INSERT INTO msgid_seq (stamp, seq) VALUES (?, 1)
     ON CONFLICT(stamp) DO UPDATE SET seq = seq + 1 RETURNING seq`,
  );
  const prune = db.prepare('DELETE FROM msgid_seq WHERE stamp < ?');
  return {
    next(): string {
      let stamp = stamp14();
      let { seq } = upsert.get(stamp) as { seq: number };
      // more than 9999 messages in one second: borrow the next second rather than wrap
      while (seq > 9999) {
        stamp = String(Number(stamp) + 1);
        ({ seq } = upsert.get(stamp) as { seq: number });
      }
      if (seq === 1) prune.run(stamp.slice(0, 8));
      return `${fixmedinsCode}${stamp}${String(seq).padStart(4, '0')}`;
    },
  };
}
export type MsgidAllocator = ReturnType<typeof createMsgidAllocator>;
