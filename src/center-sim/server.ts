/**
 * HTTP side of the simulator: the national service path, the admin endpoints, faults and msgid
 * deduplication. A reply is built, stored (for dedupe) and the state changed in ONE SQLite
 * transaction; the delay fault applies after that, so a client that times out leaves a settlement
 * behind exactly like a slow real link does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CenterFaults } from '../shared/api.js';
import { RequestEnvelope, INFVER, type ResponseEnvelopeOut } from '../main/center/envelope.js';
import { isValidMsgid } from '../main/center/msgid.js';
import { centerTransactions, isInfno, type Infno } from '../main/center/registry.js';
import { formatCompactTime, formatCstDate, formatMillisTime } from '../main/center/time.js';
import { CENTER_PATH } from '../main/center/transport.js';
import { describeIssue } from '../main/center/wire.js';
import type { HandlerContext } from './transactions/context.js';
import { runTransaction } from './transactions/registry.js';
import { SimRefusal } from './refusal.js';
import { driftedOf } from './drift.js';
import type { SimState } from './index.js';

const MAX_BODY = 5 * 1024 * 1024;
const GARBAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

interface Reply {
  status: number;
  body: string;
  contentType: string;
}

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

  function refMsgId(division: string): string {
    return `${division}${formatCompactTime(state.now())}${String(state.store.counters.next('inf_refmsgid')).padStart(10, '0')}`;
  }

  function envelopeText(receivedAt: Date, division: string, infcode: number, err_msg: string | null, output: unknown): string {
    const env: ResponseEnvelopeOut = {
      infcode,
      inf_refmsgid: refMsgId(division),
      refmsg_time: formatMillisTime(receivedAt),
      respond_time: formatMillisTime(state.now()),
      err_msg,
      warn_msg: null,
      cainfo: null,
      signtype: null,
      output,
    };
    return JSON.stringify(env);
  }

  const json = (status: number, body: string): Reply => ({ status, body, contentType: 'application/json;charset=utf-8' });

  /** One national message → the reply text. Never throws. */
  function processMessage(bodyText: string, refuseWith: { infcode: number; err_msg: string } | null = null): Reply {
    const receivedAt = state.now();
    let raw: unknown;
    try {
      raw = JSON.parse(bodyText);
    } catch {
      return json(200, envelopeText(receivedAt, '530600', -1, '报文不是合法的JSON', null));
    }
    const parsed = RequestEnvelope.safeParse(raw);
    if (!parsed.success) {
      const { message } = describeIssue(parsed.error);
      return json(200, envelopeText(receivedAt, '530600', -1, `报文头校验失败: ${message}`, null));
    }
    const env = parsed.data;
    const division = env.mdtrtarea_admvs;
    const refusal = (msg: string) => json(200, envelopeText(receivedAt, division, -1, msg, null));
    if (env.infver !== INFVER) return refusal(`接口版本号 ${env.infver} 不支持，应为 ${INFVER} (infver)`);
    if (!isValidMsgid(env.msgid)) return refusal('报文ID格式错误: 应为定点医药机构编号(12位)+yyyyMMddHHmmss+4位顺序号 (msgid)');
    if (env.fixmedins_code.length === 12 && !env.msgid.startsWith(env.fixmedins_code)) {
      return refusal('报文ID前12位与定点医药机构编号不符 (msgid)');
    }
    if (!isInfno(env.infno)) return refusal(`不支持的交易编号 ${env.infno} (infno)`);
    const infno: Infno = env.infno;

    if (state.faults.dedupe) {
      const seen = state.store.messages.get(env.msgid);
      if (seen) {
        if (seen.infno !== infno) return refusal(`报文ID ${env.msgid} 已用于交易 ${seen.infno}，不能用于 ${infno} (msgid)`);
        return json(200, seen.reply);
      }
    }
    // the businessError fault: a refusal with the chosen infcode, nothing applied or stored
    if (refuseWith) return json(200, envelopeText(receivedAt, division, refuseWith.infcode, refuseWith.err_msg, null));
    if (state.requireSignIn && infno !== '9001') {
      if (!state.store.signIns.known(env.sign_no)) return refusal('未签到或签到编号无效，请先签到 (sign_no)');
    }

    const tx = centerTransactions[infno];
    const decoded = z.safeDecode(tx.input as z.ZodType, env.input);
    const store = (reply: Reply): Reply => {
      state.store.messages.save(env.msgid, infno, reply.body, formatMillisTime(receivedAt));
      return reply;
    };
    if (!decoded.success) {
      const { message } = describeIssue(decoded.error, 'input');
      return store(refusal(`${infno} ${tx.name} 入参校验失败: ${message}`));
    }
    const ctx: HandlerContext = {
      store: state.store,
      catalog: state.catalog,
      policyFor: (region) => {
        const p = state.policies.get(region) ?? state.policy;
        return state.faults.driftedPolicy ? driftedOf(p) : p;
      },
      hospLevel: state.hospLevel,
      date: formatCstDate(receivedAt),
      mdtrtarea_admvs: env.mdtrtarea_admvs,
      env,
      now: receivedAt,
    };
    try {
      return state.store.transaction((): Reply => {
        const output = runTransaction(infno, decoded.data, ctx);
        const wire = z.safeEncode(tx.output as z.ZodType, output);
        if (!wire.success) {
          // a simulator bug: answer like a broken center would (HTTP 500), change nothing
          throw new Error(`output encoding failed: ${describeIssue(wire.error, 'output').message}`);
        }
        return store(json(200, envelopeText(receivedAt, division, 0, null, wire.data)));
      });
    } catch (e) {
      if (e instanceof SimRefusal) return store(refusal(e.err_msg));
      return json(500, envelopeText(receivedAt, division, -1, `医保中心内部错误: ${(e as Error).message}`, null));
    }
  }

  function admin(req: IncomingMessage, path: string, body: string): Reply {
    if (path === '/admin/faults') {
      if (req.method === 'GET') return json(200, JSON.stringify(state.faults));
      if (req.method === 'POST') {
        let patch: unknown;
        try {
          patch = JSON.parse(body || '{}');
        } catch {
          return json(400, JSON.stringify({ error: 'body is not JSON' }));
        }
        const p = CenterFaults.partial().strict().safeParse(patch);
        if (!p.success) return json(400, JSON.stringify({ error: describeIssue(p.error).message }));
        state.faults = { ...state.faults, ...p.data };
        state.dedupe = state.faults.dedupe;
        return json(200, JSON.stringify(state.faults));
      }
      return json(405, JSON.stringify({ error: 'GET or POST' }));
    }
    const m = path.match(/^\/admin\/balance\/([^/]+)$/);
    // a tester's top-up of a personal account: POST {"balc": fen}
    if (m && req.method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body || '{}');
      } catch {
        return json(400, JSON.stringify({ error: 'body is not JSON' }));
      }
      const p = z.object({ balc: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict().safeParse(parsed);
      if (!p.success) return json(400, JSON.stringify({ error: describeIssue(p.error).message }));
      const psn_no = decodeURIComponent(m[1]);
      if (!state.setBalance(psn_no, p.data.balc)) return json(404, JSON.stringify({ error: `unknown psn_no ${psn_no}` }));
      return json(200, JSON.stringify({ psn_no, balc: p.data.balc }));
    }
    if (req.method !== 'GET') return json(405, JSON.stringify({ error: 'GET only' }));
    if (path === '/admin/people') return json(200, JSON.stringify(state.people()));
    if (path === '/admin/settlements') return json(200, JSON.stringify(state.settlements()));
    if (m) {
      const psn_no = decodeURIComponent(m[1]);
      const balc = state.balance(psn_no);
      if (balc === null) return json(404, JSON.stringify({ error: `unknown psn_no ${psn_no}` }));
      return json(200, JSON.stringify({ psn_no, balc }));
    }
    return json(404, JSON.stringify({ error: 'not found' }));
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
      send(res, admin(req, path, body));
      return;
    }
    if (path !== CENTER_PATH) {
      send(res, json(404, JSON.stringify({ error: `not found; the service is POST ${CENTER_PATH}` })));
      return;
    }
    if (req.method !== 'POST') {
      send(res, json(405, JSON.stringify({ error: 'POST only' })));
      return;
    }
    const f = state.faults;
    const infno = peekInfno(body);
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
    const reply = processMessage(body, refuseWith);
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
      void handle(req, res);
    },
    cancelPending: () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
