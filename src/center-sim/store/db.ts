/**
 * The simulator's own SQLite file: people, bindings, year-to-date counters, visits, fee lines,
 * settlements, reversals and the reply of every msgid (deduplication). WAL, synchronous=FULL.
 * Only this folder holds SQL (test/unit/center/sim-sql-in-store.test.ts).
 */
import Database from 'better-sqlite3';
import { SIM_SCHEMA } from './schema.js';
import { SIM_NATIONAL_SCHEMA } from './national-catalog.js';
import { seedIfEmpty } from './seed-rows.js';

export type SimDb = Database.Database;

export function openSimDb(dbPath: string, seedYear: number): SimDb {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // a center is a server: its end of day pages through a day of a million records, which the default 2 MB cache re-reads from the file
  db.pragma('cache_size = -131072');
  db.pragma('mmap_size = 268435456');
  db.exec(SIM_SCHEMA);
  db.exec(SIM_NATIONAL_SCHEMA);
  addColumnIfMissing(db, 'fee_lines', 'hosp_appr_flag', "TEXT NOT NULL DEFAULT ''");
  // the institution a settlement belongs to (the settling message's envelope): end of day is per institution
  addColumnIfMissing(db, 'settlements', 'fixmedins_code', "TEXT NOT NULL DEFAULT ''");
  seedIfEmpty(db, seedYear);
  return db;
}

/** A column added since a file was made (CREATE … IF NOT EXISTS does not add columns to a table that exists). */
function addColumnIfMissing(db: SimDb, table: string, column: string, decl: string): void {
  const cols = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
  if (!cols.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${decl}`);
}
