/**
 * The preload: exposes exactly one object, `window.pos`, which satisfies the PosBridge contract.
 * Sandboxed preloads are bundled into one CJS file that may only require 'electron'
 * (scripts/build-electron.mjs); hence only a type import from the contract.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PosBridge } from '../../shared/api.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';

const bridge = {
  call: (name, input) => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  on: (name, listener) => {
    const handler = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload as never);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies PosBridge;

contextBridge.exposeInMainWorld('pos', bridge);
