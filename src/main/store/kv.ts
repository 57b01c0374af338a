/** Small settings the terminal keeps across restarts (device selection, msgid start, sign_no). */
import type { Db } from './db.js';

export function createKv(db: Db) {
  const get = db.prepare('SELECT value FROM kv WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string): string | null => (get.get(key) as string | undefined) ?? null,
    set: (key: string, value: string): void => {
      set.run(key, value);
    },
  };
}
