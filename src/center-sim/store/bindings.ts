/** Family co-pay bindings (家庭共济): which user may pay from which authorizer's account. */
import type { SimDb } from './db.js';

export interface BindingRow {
  user_psn_no: string;
  authorizer_psn_no: string;
  relation: 'spouse' | 'child' | 'parent';
  begn_date: string;
  end_date: string;
}

export function createBindingRepo(db: SimDb) {
  return {
    ofUser: (user: string) =>
      db.prepare('SELECT * FROM bindings WHERE user_psn_no = ? ORDER BY begn_date, authorizer_psn_no').all(user) as BindingRow[],
    get: (user: string, authorizer: string) =>
      db.prepare('SELECT * FROM bindings WHERE user_psn_no = ? AND authorizer_psn_no = ?').get(user, authorizer) as BindingRow | undefined,
  };
}
