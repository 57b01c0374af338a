/**
 * The audit log: append-only and a hash chain. Each entry's hash is an HMAC (the terminal's integrity
 * key) over the previous entry's hash, its own id and its canonical fields, so editing, deleting,
 * inserting or reordering an entry breaks the chain at that point (audit-verify.ts finds it), and
 * nobody without the key can re-seal a chain they changed. The head (last id and hash) is printed on
 * the end-of-day report and the shift hand-over, so even a cut-off tail shows against the paper.
 * Appending costs one primary-key probe of the last row and one HMAC inside the caller's transaction.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Db } from './db.js';
import { macHex } from './seal.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  detail?: unknown;
}

/** An entry ready to write: at, actor, action, subject, detail (JSON) */
export type AuditRow = [string, string, string, string | null, string | null];

export interface AuditListRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
  hash: string | null;
}

export interface AuditHead {
  id: number;
  hash: string;
  at: string;
}

/** the "previous hash" of the first entry */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The chain hash of one entry: what audit-verify.ts recomputes. */
export function auditHash(key: Buffer | KeyObject, prev: string, id: number, r: AuditRow): string {
  return macHex(key, [prev, id, ...r]);
}

/** The head as printed on paper: "#1234 3f2a91bc5e7d0a14" (64 bits of the hash are plenty to compare by eye). */
export function auditHeadLine(head: AuditHead | null): string {
  return head ? `#${head.id} ${head.hash.slice(0, 16)}` : '#0 (empty)';
}

/** Append-only audit log. Callers pass masked data only. */
export function createAuditRepo(db: Db, nowIso: () => string, integrityKey: () => Buffer) {
  const ins = db.prepare('INSERT INTO audit (id, at, actor, action, subject, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const last = db.prepare('SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1');
  const bySubject = db.prepare('SELECT * FROM audit WHERE subject = ? ORDER BY id');
  const all = db.prepare('SELECT * FROM audit ORDER BY id');
  const row = (e: AuditEntry): AuditRow => [nowIso(), e.actor, e.action, e.subject ?? null, e.detail === undefined ? null : JSON.stringify(e.detail)];
  let key: KeyObject | null = null; // made once: a KeyObject saves the HMAC a key import on every append
  /** in a write transaction: the chain continues from the row this transaction sees last */
  function insert(r: AuditRow): void {
    const l = last.get() as { id: number; hash: string | null } | undefined;
    const id = (l?.id ?? 0) + 1;
    ins.run(id, ...r, auditHash((key ??= createSecretKey(integrityKey())), l?.hash ?? AUDIT_GENESIS, id, r));
  }
  const appendTx = db.transaction(insert);
  const head = (): AuditHead | null => {
    const l = last.get() as { id: number; hash: string | null; at: string } | undefined;
    return l && l.hash ? { id: l.id, hash: l.hash, at: l.at } : null;
  };
  return {
    append(e: AuditEntry): void {
      const r = row(e);
      // outside a transaction, take the write lock first: another process appending meanwhile must not fork the chain
      if (db.inTransaction) insert(r);
      else appendTx.immediate(r);
    },
    /** the entry serialized and stamped now, to be written later inside a transaction (insert) */
    row,
    /** inside the caller's write transaction */
    insert,
    list(subject?: string): AuditListRow[] {
      return (subject ? bySubject.all(subject) : all.all()) as AuditListRow[];
    },
    /** the last entry's id and hash (null: empty log) */
    head,
    /**
     * THE chain head for paper — the end-of-day report, the shift hand-over — as "#1234 3f2a91bc5e7d0a14";
     * `pos audit verify --expect "<it>"` later proves the log still holds exactly that entry.
     */
    headLine(): string {
      return auditHeadLine(head());
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
