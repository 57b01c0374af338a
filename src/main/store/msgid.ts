import type { Db } from './db.js';

/**
 * msgid = institution code (12) + yyyyMMddHHmmss + 4-digit sequence (DOMAIN.md "The interface envelope").
 *
 * The sequence lives in memory: msgids only ever increase within a process (a clock that steps back
 * keeps the last stamp; more than 9999 in one second borrow the next second), so allocating one costs
 * no database write on the confirm path. A restart must not repeat a msgid the previous process used,
 * so the first msgid of a process is in a later second than all of
 *   - every msgid the database knows (the send log, and the pending outbox rows not yet sent),
 *   - the first second of the previous process (kv 'msgid.first', written once per process), and
 *   - the wall clock now: messages that are never stored (1101 queries, 9001 sign-in) were stamped
 *     by the previous process no later than its first second or its clock when it stopped.
 * The first msgids after a start therefore carry a stamp one second ahead of the clock. (A clock
 * stepped back across a restart is covered for stored messages only.)
 *
 * Many windows of one institution share the code and the clock's seconds: each then takes a slot
 * (terminal.msgidSlot, 0–99) and numbers within it, so the sequence is the slot's two digits and
 * 01–99 (99 a second; more borrow the next second). Without a slot the whole 0001–9999 is this
 * terminal's (a terminal that is its own institution).
 */
export function createMsgidAllocator(db: Db, fixmedinsCode: string, stamp14: () => string, slot: number | null = null) {
  if (fixmedinsCode.length !== 12) throw new Error('fixmedins_code must be 12 characters for msgid');
  if (slot !== null && !(Number.isInteger(slot) && slot >= 0 && slot <= 99)) throw new Error(`msgid slot must be 0..99: ${slot}`);
  const maxSeq = slot === null ? 9999 : 99;
  const emit = (n: number) => (slot === null ? n : slot * 100 + n);
  let stamp = '';
  let seq = 0;
  const getFirst = db.prepare<[], { value: string }>("SELECT value FROM kv WHERE key = 'msgid.first'");
  // in the caller's transaction when there is one: the msgid and the record that this second is taken commit together
  const setFirst = db.prepare<[string]>("INSERT INTO kv (key, value) VALUES ('msgid.first', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");

  /** the highest stamp a stored msgid carries, or '' */
  function lastStoredStamp(): string {
    const row = db
      .prepare(
        `SELECT MAX(m) AS m FROM (
           SELECT MAX(msgid) AS m FROM send_log
           UNION ALL SELECT MAX(msgid) FROM outbox WHERE status = 'pending'
           UNION ALL SELECT MAX(reversal_msgid) FROM outbox WHERE status = 'pending')`,
      )
      .get() as { m: string | null };
    return row.m ? row.m.slice(12, 26) : '';
  }

  return {
    next(): string {
      const now = stamp14();
      if (stamp === '') {
        // first msgid of this process: every second up to here may have been used by an earlier one
        stamp = [now, lastStoredStamp(), getFirst.get()?.value ?? ''].reduce((a, b) => (b > a ? b : a));
        seq = maxSeq;
        setFirst.run(nextSecond(stamp));
      }
      if (now > stamp) {
        stamp = now;
        seq = 1;
      } else if (++seq > maxSeq) {
        stamp = nextSecond(stamp);
        seq = 1;
      }
      return `${fixmedinsCode}${stamp}${String(emit(seq)).padStart(4, '0')}`;
    },
  };
}
export type MsgidAllocator = ReturnType<typeof createMsgidAllocator>;

/** yyyyMMddHHmmss one second later, on the calendar (the stamp is a wall time; no zone is involved) */
export function nextSecond(stamp: string): string {
  const n = (a: number, b: number) => Number(stamp.slice(a, b));
  const d = new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)) + 1000);
  const p = (x: number, w = 2) => String(x).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
