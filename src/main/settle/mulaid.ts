/** Family co-pay (家庭共济): may this authorizer's account pay for the user on a given day? */
import type { MulaidAuthorizer, MulaidUnusableReason } from '../../shared/domain.js';

/**
 * Why this authorizer cannot pay for the user on `date` (yyyy-MM-dd), or null when usable.
 * Order (the first that applies wins): not_employee (only an employee-basic 310 account can be shared; nothing
 * else matters then), binding_expired (outside [bind_begn_date, bind_end_date], both inclusive), zero_balance.
 * A lasting reason comes before one that a deposit could fix.
 */
export function authorizerUnusableReason(a: MulaidAuthorizer, date: string): MulaidUnusableReason | null {
  if (a.insutype !== '310') return 'not_employee';
  if (date < a.bind_begn_date || date > a.bind_end_date) return 'binding_expired';
  if (a.balc === 0) return 'zero_balance';
  return null;
}
