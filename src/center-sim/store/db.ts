/**
 * The simulator's own SQLite file: people, bindings, year-to-date counters, visits, fee lines,
 * settlements, reversals and the reply of every msgid (deduplication). WAL, synchronous=FULL.
 * Only this folder holds SQL (test/unit/center/sim-sql-in-store.test.ts).
 */
import Database from 'better-sqlite3';
import { SIM_SCHEMA } from './schema.js';
import { seedIfEmpty } from './seed-rows.js';

export type SimDb = Database.Database;

export function openSimDb(dbPath: string, seedYear: number): SimDb {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SIM_SCHEMA);
  seedIfEmpty(db, seedYear);
  return db;
}
