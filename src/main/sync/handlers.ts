/** Calls of the sync area (src/shared/api-sync.ts). */
import type { syncCalls } from '../../shared/api-sync.js';
import type { AppContext, AreaHandlers } from '../app-context.js';

export function createSyncHandlers(ctx: AppContext): AreaHandlers<typeof syncCalls> {
  void ctx;
  return {};
}
