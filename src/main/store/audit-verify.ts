/**
 * Checking the audit chain (audit.ts) and the cashier rows' integrity checks. Read in pages of
 * `pageSize` by id, so the terminal can check at start in the background (yielding between pages)
 * and `pos audit verify` can check a year of entries in constant memory.
 */
import type { Db } from './db.js';
import { AUDIT_GENESIS, auditHash, type AuditHead, type AuditListRow, type AuditRow } from './audit.js';
import { macEquals } from './seal.js';

export interface AuditBreak {
  /** the id of the first entry that does not fit (or that is missing) */
  id: number;
  kind: 'missing' | 'mismatch' | 'unsealed';
  /** for people: which entry, what is wrong, what it suggests */
  message: string;
}

export interface AuditVerdict {
  ok: boolean;
  checked: number;
  head: AuditHead | null;
  broken: AuditBreak | null;
  /** the expected head (from paper) was found in the chain; null when none was given */
  expectedFound: boolean | null;
}

type Row = AuditListRow;

const describe = (r: Row) => `audit #${r.id} (${r.at} ${r.action} by ${r.actor}${r.subject ? `, ${r.subject}` : ''})`;

export function createAuditVerifier(db: Db, integrityKey: () => Buffer) {
  const page = db.prepare('SELECT id, at, actor, action, subject, detail, hash FROM audit WHERE id > ? ORDER BY id LIMIT ?');

  /**
   * Walks the chain; yields after each page (the caller decides whether to wait between pages).
   * `expect` is a head from paper ("#id hashprefix"): the chain must hold exactly that entry.
   */
  async function* walk(opts: { pageSize?: number; expect?: { id: number; hashPrefix: string } } = {}): AsyncGenerator<number, AuditVerdict> {
    const size = opts.pageSize ?? 5000;
    let prevHash = AUDIT_GENESIS;
    let expectedId = 1;
    let checked = 0;
    let last: Row | null = null;
    let expectedFound: boolean | null = opts.expect ? false : null;
    const key = integrityKey();
    const verdict = (broken: AuditBreak | null): AuditVerdict => ({
      ok: broken === null && expectedFound !== false,
      checked,
      head: last && last.hash ? { id: last.id, hash: last.hash, at: last.at } : null,
      broken,
      expectedFound,
    });
    for (;;) {
      const rows = page.all(expectedId - 1, size) as Row[];
      for (const r of rows) {
        if (r.id !== expectedId) {
          return verdict({ id: expectedId, kind: 'missing', message: `audit #${expectedId} is missing (deleted): the entry after #${expectedId - 1} is #${r.id}` });
        }
        if (r.hash === null) return verdict({ id: r.id, kind: 'unsealed', message: `${describe(r)} carries no chain hash (written outside the terminal)` });
        const fields: AuditRow = [r.at, r.actor, r.action, r.subject, r.detail];
        if (!macEquals(r.hash, auditHash(key, prevHash, r.id, fields))) {
          return verdict({
            id: r.id,
            kind: 'mismatch',
            message: `${describe(r)} does not match its chain hash: this entry was edited, or entries were inserted or reordered before it`,
          });
        }
        if (opts.expect && r.id === opts.expect.id) expectedFound = r.hash.startsWith(opts.expect.hashPrefix.toLowerCase());
        prevHash = r.hash;
        expectedId = r.id + 1;
        checked += 1;
        last = r;
      }
      if (rows.length < size) break;
      yield checked;
    }
    if (opts.expect && expectedFound === false) {
      const m =
        opts.expect.id > (last?.id ?? 0)
          ? `the chain ends at #${last?.id ?? 0}, before #${opts.expect.id} printed on paper: entries were cut off the end`
          : `audit #${opts.expect.id} is not the entry printed on paper (${opts.expect.hashPrefix}): the chain was rewritten`;
      return { ...verdict(null), ok: false, broken: { id: opts.expect.id, kind: 'mismatch', message: m } };
    }
    return verdict(null);
  }

  return {
    walk,
    /** the whole chain at once (tests, the CLI) */
    async verify(opts: { pageSize?: number; expect?: { id: number; hashPrefix: string } } = {}): Promise<AuditVerdict> {
      const it = walk(opts);
      for (;;) {
        const n = await it.next();
        if (n.done) return n.value;
      }
    },
  };
}
export type AuditVerifier = ReturnType<typeof createAuditVerifier>;

/** "#1234 3f2a91bc5e7d0a14" (as printed) → {id, hashPrefix}, or null */
export function parseAuditHead(text: string): { id: number; hashPrefix: string } | null {
  const m = /^#?(\d+)[\s:]+([0-9a-f]{8,64})$/i.exec(text.trim());
  return m ? { id: Number(m[1]), hashPrefix: m[2].toLowerCase() } : null;
}
