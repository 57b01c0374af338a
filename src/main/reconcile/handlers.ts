/** Calls of the end-of-day area (src/shared/api-reconcile.ts). */
import type { reconcileCalls } from '../../shared/api-reconcile.js';
import type { AppContext, AreaHandlers } from '../app-context.js';

export function createReconcileHandlers(ctx: AppContext): AreaHandlers<typeof reconcileCalls> {
  void ctx;
  return {};
}
