/**
 * `/api/events`: every router event goes to every connected socket as `{event, payload}`.
 * The socket is one-way: incoming messages are ignored (calls go over HTTP).
 */
import { WebSocketServer, WebSocket } from 'ws';
import type { ApiRouter } from '../router.js';

export interface EventSockets {
  wss: WebSocketServer;
  close(): Promise<void>;
}

export function createEventSockets(router: ApiRouter, pingIntervalMs = 20_000): EventSockets {
  // noServer: the host's 'upgrade' handler runs the token/Host/Origin checks before handing over
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', () => {
      /* ignored on purpose */
    });
    ws.on('error', () => ws.terminate());
  });

  const unsubscribe = router.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of wss.clients) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    }
  });

  // a socket that missed the last ping's pong is gone (sleeping laptop, killed tab)
  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, pingIntervalMs);
  ping.unref();

  return {
    wss,
    close() {
      unsubscribe();
      clearInterval(ping);
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
