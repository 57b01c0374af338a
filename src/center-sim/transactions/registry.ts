/**
 * The simulator's transactions by infno: one line per family, one file per family beside this one
 * (as the terminal's schemas are in src/main/center/transactions/). A new family — e.g. the
 * national catalog download (paged) and catalog mapping upload — is a file exporting
 * `{ '<infno>': handler, … } satisfies Family` and a line here; tsc refuses the build while an
 * infno of the terminal's registry has no handler.
 */
import type { Infno } from '../../main/center/registry.js';
import type { HandlerContext, Handlers } from './context.js';
import { signIn } from './9001-sign-in.js';
import { personInfo } from './1101-person-info.js';
import { outpatient } from './2201-2208-outpatient.js';
import { pharmacy } from './2101-2103-pharmacy.js';
import { reversal } from './2601-reversal.js';
import { reconcile } from './3201-3202-reconcile.js';
import { catalog } from './1312-3302-catalog.js';

const handlers = {
  ...signIn,
  ...personInfo,
  ...outpatient,
  ...pharmacy,
  ...reversal,
  ...reconcile,
  ...catalog,
} satisfies Handlers;

/** Runs the handler of infno on its decoded input; a refusal throws SimRefusal (../refusal.ts). */
export function runTransaction(infno: Infno, input: unknown, ctx: HandlerContext): unknown {
  // the input was decoded with infno's own schema (../process.ts), so it has the handler's type
  return (handlers[infno] as (input: unknown, ctx: HandlerContext) => unknown)(input, ctx);
}
