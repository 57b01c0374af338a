/**
 * HTTP side of the simulator: the national service path, the admin endpoints (admin.ts) and the
 * reply faults. A message is answered by process.ts, which changes the state and stores the reply
 * (for dedupe) in ONE SQLite transaction; the delay fault applies after that, so a client that
 * times out leaves a settlement behind exactly like a slow real link does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CENTER_PATH } from '../main/center/transport.js';
import { adminGuard, adminReply } from './admin.js';
import type { SimState } from './index.js';
import { createMessageProcessor } from './process.js';
import { json, type Reply } from './reply.js';

const MAX_BODY = 5 * 1024 * 1024;
const GARBAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/** The infno of a request body, without validating it (faults are chosen before processing). */
function peekInfno(body: string): string | null {
  try {
    const j = JSON.parse(body) as { infno?: unknown } | null;
    return j && typeof j.infno === 'string' ? j.infno : null;
  } catch {
    return null;
  }
}

export function createRequestHandler(state: SimState) {
  const pending = new Set<NodeJS.Timeout>();
  const processMessage = createMessageProcessor(state);

  function later(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        pending.delete(t);
        resolve();
      }, ms);
      pending.add(t);
    });
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  }

  function readBody(req: IncomingMessage): Promise<string | null> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          resolve(null);
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', () => resolve(null));
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => undefined);
    const path = (req.url ?? '/').split('?')[0];
    const isAdmin = path.startsWith('/admin/');
    // down: the link is dead for the national service (admin stays reachable so it can be switched back on)
    if (!isAdmin && state.faults.down) {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      send(res, json(413, JSON.stringify({ error: 'body too large' })));
      return;
    }
    if (isAdmin) {
      send(res, adminGuard(req, state.adminToken) ?? adminReply(state, req.method, path, body));
      return;
    }
    // a gateway that routes by transaction takes {url}/{infno} (tif-header with postToInfno)
    const routed = state.security?.tif?.postToInfno === true && /^\/\d{4}$/.test(path);
    if (path !== CENTER_PATH && !routed) {
      send(res, json(404, JSON.stringify({ error: `not found; the service is POST ${CENTER_PATH}` })));
      return;
    }
    if (req.method !== 'POST') {
      send(res, json(405, JSON.stringify({ error: 'POST only' })));
      return;
    }
    const f = state.faults;
    const infno = peekInfno(body);
    if (routed && infno !== null && path.slice(1) !== infno) {
      send(res, json(400, JSON.stringify({ code: 400, message: `地址中的交易编号 ${path.slice(1)} 与报文 infno ${infno} 不符` })));
      return;
    }
    // reply faults hit every transaction, or only the one named in onlyInfno
    const hit = f.onlyInfno === null || f.onlyInfno === infno;
    if (hit && f.garbage) {
      await later(f.delayMs);
      send(res, { status: 200, body: GARBAGE, contentType: 'text/html' });
      return;
    }
    if (hit && f.http500) {
      await later(f.delayMs);
      send(res, json(500, JSON.stringify({ infcode: -1, err_msg: '医保中心服务暂时不可用 (HTTP 500)', output: null })));
      return;
    }
    // a business refusal spares sign-in (9001) unless 9001 is named, so the terminal can still sign in
    const refuseWith = hit && f.businessError && (infno !== '9001' || f.onlyInfno === '9001') ? f.businessError : null;
    const reply = processMessage({ body, headers: req.headers }, refuseWith);
    if (hit) await later(f.delayMs);
    // timeoutAfterCommit: the message was applied (and stored), the reply never leaves
    if ((hit && state.faults.timeoutAfterCommit) || state.faults.down) {
      req.socket.destroy();
      return;
    }
    send(res, reply);
  }

  return {
    handle: (req: IncomingMessage, res: ServerResponse) => {
      // a fault of the simulator itself (its SQLite file on a full disk …) is a 500, never an unhandled rejection
      handle(req, res).catch((err: unknown) => {
        const code = (err as { code?: string } | null)?.code;
        if (res.headersSent) return void res.destroy();
        send(res, json(500, JSON.stringify({ infcode: -1, err_msg: `模拟医保中心内部错误 (${code ?? 'error'})`, output: null })));
      });
    },
    cancelPending: () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
