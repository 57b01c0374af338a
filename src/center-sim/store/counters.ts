/** Named counters, persistent so ids stay unique across restarts. */
import type { SimDb } from './db.js';

export function createCounterRepo(db: SimDb) {
  return {
    next(name: string): number {
      db.prepare('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT(name) DO NOTHING').run(name);
      db.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(name);
      return (db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number }).value;
    },
  };
}
