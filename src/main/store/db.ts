/**
 * The terminal's SQLite file. WAL + synchronous=FULL: a committed settlement survives a power cut
 * (DESIGN.md "Durability first"). Migrations are plain SQL, applied in order, once.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/**
 * The pragmas every connection to a terminal database uses (benchmarks use the same function, so their
 * baselines run under exactly these). WAL checkpoints are taken off the confirm path: SQLite's automatic
 * checkpoint would run inside whichever commit crosses 1000 WAL pages, making that cashier wait; the
 * store checkpoints from a timer instead (see startCheckpoints).
 */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * The file is created 0600 in a 0700 folder before SQLite opens it (SQLite gives its -wal and -shm the
 * file's own permissions), so no other local user can read the database with sqlite3.
 */
export function openDatabase(file: string, hooks: MigrationHooks = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db, hooks);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** JS steps a migration needs beside its SQL (migration 6 seals plain rows with the keys), by version */
export type MigrationHooks = Record<number, (db: Db) => void>;

/**
 * Checkpoint the WAL into the database file every `everyMs` (PASSIVE: never waits for readers), so the
 * WAL stays small without a commit paying for it. Returns a stop function that takes a last checkpoint.
 */
export function startCheckpoints(db: Db, everyMs = 2_000): () => void {
  const tick = () => {
    try {
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy or closing: the next tick tries again
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    try {
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // a reader still holds the WAL: it is checkpointed at the next open
    }
  };
}

/**
 * Migrations 1–3 were rewritten before the first release (2026-11-26, the lean confirm path). A file made
 * by a build from before then has the old tables under the same version numbers: say so plainly instead
 * of failing later on a missing column. Only development and test data can be in such a file.
 */
function refusePreReleaseSchema(db: Db, current: number): void {
  if (current < 1) return;
  const cols = db.prepare("SELECT name FROM pragma_table_info('settlements')").pluck().all() as string[];
  if (cols.includes('request_id') || !cols.includes('items')) {
    throw new Error(
      `${db.name} was made by a pre-release build whose tables differ under the same schema version; nothing in it can have reached a real center. Move the file (and its -wal/-shm) away and start again.`,
    );
  }
}

/**
 * Pending migrations in version order, each in its own transaction with its hook. Foreign keys are off
 * while they run and checked before each commits (SQLite's documented way to rebuild a table that
 * other tables reference).
 *
 * Areas own reserved numbers, so a lower number can land after a higher one has (7 after 9): which
 * migrations a file has is kept as a set (schema_migrations), not as one number. A file from before the
 * set was kept has only schema_version: every listed migration up to it counts as applied, except
 * those marked `late` (landed below the newest number; written to run again harmlessly), which run.
 */
export function migrate(db: Db, hooks: MigrationHooks = {}): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  refusePreReleaseSchema(db, current);
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  const hadSet = Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get());
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  if (!hadSet) {
    const mark = db.prepare('INSERT OR IGNORE INTO schema_migrations (version) VALUES (?)');
    for (const m of migrations) if (m.version <= current && !m.late) mark.run(m.version);
  }
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  // in version order whatever the order areas appended them in
  const pending = [...migrations].sort((x, y) => x.version - y.version).filter((m) => !applied.has(m.version));
  if (pending.length === 0) return;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        hooks[m.version]?.(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`migration ${m.version} leaves ${broken.length} row(s) whose foreign key points nowhere`);
        db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(m.version);
        db.prepare('UPDATE schema_version SET version = MAX(version, ?)').run(m.version);
      })();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** SQLite (or the OS) said the disk or the database is full: the statement and its transaction were rolled back */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_SHMSIZE';
}
