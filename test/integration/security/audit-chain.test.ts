/**
 * The audit log is a hash chain and the cashier rows carry integrity checks: every way of changing the
 * file behind the terminal's back — edit, delete, insert, reorder an audit entry, copy a PIN hash from
 * one cashier to another, cut entries off the end — is detected and named.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/main/store/index.js';
import { tempDir } from '../../helpers/tmp.js';

let t: ReturnType<typeof tempDir>;
let file: string;
const open = () => createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });

/** a store with ten entries and the demo cashiers, closed; `edit` runs raw SQL on the file; the verdict of a fresh store */
async function tamper(edit: (db: Database.Database) => void) {
  const db = new Database(file);
  edit(db);
  db.close();
  const s = open();
  try {
    return { audit: await s.auditVerifier.verify({ pageSize: 3 }), cashiers: s.cashiers.tampered(), store: s };
  } finally {
    s.close();
  }
}

beforeEach(() => {
  t = tempDir('pos-audit-');
  file = path.join(t.dir, 'terminal.db');
  const s: Store = open();
  s.cashiers.seedDemoIfEmpty();
  for (let i = 1; i <= 10; i++) s.audit.append({ actor: '1001', action: 'test.entry', subject: `S${i}`, detail: { n: i } });
  s.close();
});
afterEach(() => t.cleanup());

describe('the audit hash chain', () => {
  it('an untouched chain verifies, across pages, and names its head', async () => {
    const { audit, cashiers } = await tamper(() => undefined);
    expect(audit).toMatchObject({ ok: true, checked: 10, broken: null });
    expect(audit.head?.id).toBe(10);
    expect(cashiers).toEqual([]);
  });

  it('an edited entry is the first broken link', async () => {
    const { audit } = await tamper((db) => db.prepare(`UPDATE audit SET detail = '{"n":999}' WHERE id = 4`).run());
    expect(audit.ok).toBe(false);
    expect(audit.broken).toMatchObject({ id: 4, kind: 'mismatch' });
    expect(audit.broken!.message).toMatch(/audit #4 .*test\.entry.*edited/);
  });

  it('an edit that also recomputes a plain SHA-256 does not pass (the chain is keyed)', async () => {
    const { audit } = await tamper((db) => {
      db.prepare(`UPDATE audit SET actor = '9001' WHERE id = 7`).run();
      db.prepare(`UPDATE audit SET hash = lower(hex(randomblob(32))) WHERE id = 7`).run();
    });
    expect(audit.broken).toMatchObject({ id: 7, kind: 'mismatch' });
  });

  it('a deleted entry is named as missing', async () => {
    const { audit } = await tamper((db) => db.prepare('DELETE FROM audit WHERE id = 5').run());
    expect(audit.broken).toMatchObject({ id: 5, kind: 'missing' });
    expect(audit.broken!.message).toMatch(/#5 is missing/);
  });

  it('an inserted entry (later ones renumbered to make room) breaks the chain where it went in', async () => {
    const { audit } = await tamper((db) => {
      db.exec('UPDATE audit SET id = id + 100 WHERE id >= 6; UPDATE audit SET id = id - 99 WHERE id >= 106;');
      const prev = db.prepare('SELECT hash FROM audit WHERE id = 5').pluck().get();
      db.prepare("INSERT INTO audit (id, at, actor, action, subject, detail, hash) VALUES (6, '2026-11-26T00:00:00Z', '1001', 'settlement.reverse', 'X', NULL, ?)").run(prev);
    });
    expect(audit.broken).toMatchObject({ id: 6, kind: 'mismatch' });
  });

  it('an entry appended without the key does not pass', async () => {
    const { audit } = await tamper((db) =>
      db.prepare("INSERT INTO audit (id, at, actor, action, subject, detail, hash) VALUES (11, '2026-11-26T00:00:00Z', '1001', 'x', NULL, NULL, ?)").run('0'.repeat(64)),
    );
    expect(audit.broken).toMatchObject({ id: 11, kind: 'mismatch' });
  });

  it('two entries swapped (content and hashes) are found at the first of them', async () => {
    const { audit } = await tamper((db) => {
      db.exec(`UPDATE audit SET id = -3 WHERE id = 3; UPDATE audit SET id = 3 WHERE id = 8; UPDATE audit SET id = 8 WHERE id = -3;`);
    });
    expect(audit.broken).toMatchObject({ id: 3, kind: 'mismatch' });
  });

  it('entries cut off the end are found against the head printed on paper', async () => {
    const s = open();
    const head = s.audit.head()!;
    s.close();
    const expect_ = { id: head.id, hashPrefix: head.hash.slice(0, 16) };
    const db = new Database(file);
    db.prepare('DELETE FROM audit WHERE id >= 9').run();
    db.close();
    const s2 = open();
    const v = await s2.auditVerifier.verify({ expect: expect_ });
    s2.close();
    expect(v.ok).toBe(false);
    expect(v.broken!.message).toMatch(/ends at #8, before #10 printed on paper/);
  });

  it('keeps chaining correctly after a restart and from another connection', async () => {
    const a = open();
    const b = open();
    a.audit.append({ actor: '1001', action: 'one' });
    b.audit.append({ actor: '1002', action: 'two' });
    a.audit.append({ actor: '1001', action: 'three' });
    const v = await a.auditVerifier.verify();
    a.close();
    b.close();
    expect(v).toMatchObject({ ok: true, checked: 13 });
  });
});

describe('cashier rows', () => {
  it('a PIN hash copied from the supervisor to a cashier is detected and does not log in', async () => {
    const { cashiers, store } = await tamper((db) =>
      db.prepare("UPDATE cashiers SET pin_hash = (SELECT pin_hash FROM cashiers WHERE no = '9001') WHERE no = '1001'").run(),
    );
    expect(cashiers).toEqual(['1001']);
    const s = open();
    try {
      expect(s.cashiers.check('1001', '9999', Date.now())).toEqual({ kind: 'tampered', no: '1001' });
      expect(s.cashiers.check('1002', '2345', Date.now()).kind).toBe('ok');
    } finally {
      s.close();
    }
    expect(store).toBeDefined();
  });

  it('a cashier promoted in the file is detected', async () => {
    const { cashiers } = await tamper((db) => db.prepare("UPDATE cashiers SET role = 'administrator' WHERE no = '1002'").run());
    expect(cashiers).toEqual(['1002']);
  });

  it('a cashier row inserted in the file (with a valid scrypt hash) is detected', async () => {
    const { cashiers } = await tamper((db) =>
      db.prepare("INSERT INTO cashiers (no, name, role, pin_hash, active, created_at) SELECT '7777', 'x', 'administrator', pin_hash, 1, created_at FROM cashiers WHERE no = '1001'").run(),
    );
    expect(cashiers).toEqual(['7777']);
  });

  it('the key files are 0600 in a 0700 folder', () => {
    const keys = path.join(t.dir, 'keys');
    expect(fs.statSync(keys).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(keys)) expect(fs.statSync(path.join(keys, f)).mode & 0o777, f).toBe(0o600);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
