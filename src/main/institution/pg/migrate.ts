/**
 * Apply the institution database's migrations (schema.ts) that are not yet applied, each in its own
 * transaction, under an advisory lock so two windows or admins starting at once do not race. Run by
 * the schema's owner (`pos institution init`); a window's role only checks the version it needs.
 */
import type pg from 'pg';
import { pgMigrations, type PgMigration } from './schema.js';

/** the advisory lock key: "pos" + migrations, any fixed 64-bit number the hospital's other software will not use */
const LOCK_KEY = 0x706f735f6d6967n;

export async function migrateInstitution(client: pg.ClientBase, migrations: readonly PgMigration[] = pgMigrations): Promise<{ applied: number[]; version: number }> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY.toString()]);
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS pos');
    await client.query('CREATE TABLE IF NOT EXISTS pos.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM pos.migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO pos.migrations (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`institution database migration ${m.version} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      applied.push(m.version);
    }
    return { applied, version: await schemaVersion(client) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY.toString()]);
  }
}

/** the newest applied migration (0: none; the pos schema missing reads as 0) */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query("SELECT to_regclass('pos.migrations') AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM pos.migrations');
  return r.rows[0]?.v ?? 0;
}
