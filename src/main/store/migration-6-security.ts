/**
 * Migration 6 (security): roles and stored lockout on cashiers, the audit hash chain, and personal data
 * sealed at rest. The SQL reshapes the tables; `adopt` (run by the store in the same transaction, with
 * the keys) seals what earlier versions wrote in plain text: cashier MACs, the chain over the existing
 * audit entries, the settlements' credential numbers, the person cache. It runs once, with the
 * migration: afterwards a row without its MAC or hash is a row written outside the terminal.
 */
import type { Db } from './db.js';
import { AUDIT_GENESIS, auditHash, type AuditRow } from './audit.js';
import { cashierMac } from './cashiers.js';
import { LATE_CERT_NO } from './outbox.js';
import type { Sealer } from './seal.js';
import { sealedCredential } from './settlement-credential.js';

export const migration6Security = {
  version: 6,
  sql: `
-- cashiers: the administrator role, the lockout kept across restarts, the row's MAC. Rebuilt the way
-- SQLite documents (new table, copy, drop, rename; db.ts runs migrations with foreign keys off and
-- checks them before commit), so a table of another area that references cashiers(no) keeps working.
CREATE TABLE cashiers_v6 (
  no TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier','supervisor','administrator')),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  mac TEXT
);
INSERT INTO cashiers_v6 (no, name, role, pin_hash, active, created_at) SELECT no, name, role, pin_hash, active, created_at FROM cashiers;
DROP TABLE cashiers;
ALTER TABLE cashiers_v6 RENAME TO cashiers;

-- the audit chain: HMAC over the previous hash, the id and the entry
ALTER TABLE audit ADD COLUMN hash TEXT;

-- the person cache: the answer sealed, found by keyed hashes of the ID and card numbers (filled from
-- the old table by adoptPlainRows, which then puts it in the old one's place)
CREATE TABLE person_cache_v6 (
  psn_no TEXT PRIMARY KEY,
  certno_key TEXT NOT NULL,
  card_key TEXT,
  data TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

-- the outbox carries no credential number: it is bound from the settlement (sealed there) at send time
UPDATE outbox SET payload = json_set(payload, '$.data.mdtrt_cert_no', '${LATE_CERT_NO}')
  WHERE json_type(payload, '$.data.mdtrt_cert_no') = 'text';
`,
};

/** Seal what the earlier schema kept in plain text (inside migration 6's transaction). */
export function adoptPlainRows(db: Db, keys: { integrity: Buffer; sealer: Sealer }): void {
  const cashiers = db.prepare('SELECT no, name, role, pin_hash, active, created_at FROM cashiers').all() as Parameters<typeof cashierMac>[1][];
  const setMac = db.prepare('UPDATE cashiers SET mac = ? WHERE no = ?');
  for (const c of cashiers) setMac.run(cashierMac(keys.integrity, c), c.no);

  let prev = AUDIT_GENESIS;
  const setHash = db.prepare('UPDATE audit SET hash = ? WHERE id = ?');
  const auditPage = db.prepare('SELECT id, at, actor, action, subject, detail FROM audit WHERE id > ? ORDER BY id LIMIT 1000');
  for (let after = 0; ; ) {
    const rows = auditPage.all(after) as Array<{ id: number } & Record<string, string | null>>;
    if (rows.length === 0) break;
    for (const r of rows) {
      const fields: AuditRow = [r.at!, r.actor!, r.action!, r.subject, r.detail];
      prev = auditHash(keys.integrity, prev, r.id, fields);
      setHash.run(prev, r.id);
    }
    after = rows[rows.length - 1]!.id;
  }

  // in pages by rowid: a long history is sealed without holding it all in memory
  const setCred = db.prepare('UPDATE settlements SET mdtrt_cert_no = ?, card_sn = ? WHERE rowid = ?');
  const credPage = db.prepare('SELECT rowid AS r, id, mdtrt_cert_no, card_sn FROM settlements WHERE rowid > ? ORDER BY rowid LIMIT 1000');
  for (let after = 0; ; ) {
    const rows = credPage.all(after) as Array<{ r: number; id: string; mdtrt_cert_no: string; card_sn: string | null }>;
    if (rows.length === 0) break;
    for (const s of rows) {
      const sealed = sealedCredential(keys.sealer, s.id, { mdtrt_cert_no: s.mdtrt_cert_no, card_sn: s.card_sn });
      setCred.run(sealed.mdtrt_cert_no, sealed.card_sn, s.r);
    }
    after = rows[rows.length - 1]!.r;
  }

  const put = db.prepare('INSERT INTO person_cache_v6 (psn_no, certno_key, card_key, data, fetched_at) VALUES (?, ?, ?, ?, ?)');
  for (const p of db.prepare('SELECT psn_no, certno, card_no, data, fetched_at FROM person_cache').all() as Array<Record<string, string | null>>) {
    put.run(
      p.psn_no,
      keys.sealer.lookup('certno', p.certno!),
      p.card_no ? keys.sealer.lookup('card', p.card_no) : null,
      keys.sealer.seal(p.data!, `person_cache.data|${p.psn_no}`),
      p.fetched_at,
    );
  }
  db.exec(`DROP TABLE person_cache;
    ALTER TABLE person_cache_v6 RENAME TO person_cache;
    CREATE INDEX person_cache_certno ON person_cache (certno_key);
    CREATE INDEX person_cache_card ON person_cache (card_key);`);
}
