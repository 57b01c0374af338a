/** 9001 签到: the operator's sign_no (yyyyMMddHHmmss + a 6-digit counter), kept for requireSignIn. */
import { formatCompactTime, formatInfTime } from '../../main/center/time.js';
import type { Family, Handler } from './context.js';

const h9001: Handler<'9001'> = (input, ctx) => {
  const sign_no = `${formatCompactTime(ctx.now)}${String(ctx.store.counters.next('sign_no')).padStart(6, '0')}`;
  const sign_time = formatInfTime(ctx.now);
  ctx.store.signIns.add(sign_no, input.signIn.opter_no, sign_time);
  return { signinoutb: { sign_time, sign_no } };
};

export const signIn = { '9001': h9001 } satisfies Family;
