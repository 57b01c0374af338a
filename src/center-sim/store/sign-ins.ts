/** Operator sign-ins (9001): the sign_no a business message must carry when sign-in is required. */
import type { SimDb } from './db.js';

export function createSignInRepo(db: SimDb) {
  return {
    add: (sign_no: string, opter: string, sign_time: string) =>
      void db.prepare('INSERT INTO sign_ins (sign_no, opter, sign_time) VALUES (?, ?, ?)').run(sign_no, opter, sign_time),
    known: (sign_no: string) => db.prepare('SELECT 1 FROM sign_ins WHERE sign_no = ?').get(sign_no) !== undefined,
  };
}
