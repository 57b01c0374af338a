/** The only two IPC channels; shared by the main side (ipc.ts) and the preload. */
export const CALL_CHANNEL = 'pos:call';
export const EVENT_CHANNEL = 'pos:event';
