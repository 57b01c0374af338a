/** Calls of the devices area (src/shared/api-devices.ts). */
import type { devicesCalls } from '../../shared/api-devices.js';
import type { AppContext, AreaHandlers } from '../app-context.js';

export function createDevicesHandlers(ctx: AppContext): AreaHandlers<typeof devicesCalls> {
  void ctx;
  return {};
}
