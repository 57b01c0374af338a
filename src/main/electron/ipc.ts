/** Electron transport: one invoke channel for calls, one send channel for events. No business logic. */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult } from '../../shared/api.js';
import type { ApiRouter } from '../router.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';
import { isTrustedSender } from './security.js';

const UNTRUSTED: ApiResult<never> = {
  ok: false,
  error: { code: 'AUTH', message: 'IPC 来源不可信 (untrusted sender)', field: null },
};

/** Registers the handler and the event forwarding; returns a function that undoes both. */
export function registerIpc(
  ipcMain: IpcMain,
  router: ApiRouter,
  getMainWebContents: () => WebContents | null,
  trustedPrefix: string,
): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const main = getMainWebContents();
    // both the frame's URL and the web contents must be ours: a stray window or iframe gets nothing
    if (!isTrustedSender(event, trustedPrefix) || (main !== null && event.sender !== main)) return UNTRUSTED;
    try {
      return await router.call(name, input);
    } catch {
      // the router answers every error itself; this is a last resort, and says nothing raw to the page
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error', field: null } };
    }
  });

  const unsubscribe = router.subscribe((name, payload) => {
    const wc = getMainWebContents();
    if (!wc || wc.isDestroyed()) return;
    // never send data to a page that is not the app's (navigation is blocked; this is the second lock)
    if (!wc.getURL().startsWith(trustedPrefix)) return;
    wc.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
