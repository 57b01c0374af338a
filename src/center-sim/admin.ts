/**
 * The simulator's /admin/* endpoints (testers, the developer panel, scripts): GET/POST faults, GET/POST national (catalog version, mapping rule),
 * GET people and settlements, GET a balance and POST a top-up. Reachable while the national
 * service is "down", so a fault can be switched back off. Every request needs the simulator's admin
 * token in X-Sim-Admin-Token, and a POST a JSON body: a web page cannot send that header cross-origin
 * without a CORS preflight (which is never answered), so no page on the Internet can set a balance.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { CenterFaults } from '../shared/api.js';
import { describeIssue } from '../main/center/wire.js';
import type { SimState } from './index.js';
import { json, type Reply } from './reply.js';

const error = (status: number, message: string) => json(status, JSON.stringify({ error: message }));

/** The JSON body checked by schema (an empty body reads as {}), or the 400 reply. */
function bodyOf<T>(body: string, schema: z.ZodType<T>): { ok: true; data: T } | { ok: false; reply: Reply } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    return { ok: false, reply: error(400, 'body is not JSON') };
  }
  const p = schema.safeParse(parsed);
  return p.success ? { ok: true, data: p.data } : { ok: false, reply: error(400, describeIssue(p.error).message) };
}

export const ADMIN_TOKEN_HEADER = 'x-sim-admin-token';

const sameToken = (given: unknown, token: string) => {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, crypto.createHash('sha256').update(token).digest());
};

/** The refusal of an admin request without the token, or of a POST that is not JSON; null when it may go on. */
export function adminGuard(req: IncomingMessage, token: string): Reply | null {
  if (!sameToken(req.headers[ADMIN_TOKEN_HEADER], token)) return error(401, `the admin endpoints need the ${ADMIN_TOKEN_HEADER} header`);
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'POST' && type !== 'application/json') return error(415, 'content-type must be application/json');
  return null;
}

const TopUp = z.object({ balc: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict();
const NationalSwitch = z.object({ publish: z.number().int().min(1).optional(), requireMapping: z.boolean().optional() }).strict();

/** the national catalog: which version is published, whether uploaded mappings are required, the mappings */
function nationalReply(state: SimState, method: string | undefined, body: string): Reply {
  const view = () =>
    json(200, JSON.stringify({ published: state.national.published(), requireMapping: state.national.requireMapping(), mappings: state.store.national.mappings() }));
  if (method === 'GET') return view();
  if (method !== 'POST') return error(405, 'GET or POST');
  const patch = bodyOf(body, NationalSwitch);
  if (!patch.ok) return patch.reply;
  try {
    if (patch.data.publish !== undefined) state.national.publish(patch.data.publish);
  } catch (e) {
    return error(400, (e as Error).message);
  }
  if (patch.data.requireMapping !== undefined) state.national.setRequireMapping(patch.data.requireMapping);
  return view();
}

export function adminReply(state: SimState, method: string | undefined, path: string, body: string): Reply {
  if (path === '/admin/faults') {
    if (method === 'GET') return json(200, JSON.stringify(state.faults));
    if (method === 'POST') {
      const patch = bodyOf(body, CenterFaults.partial().strict());
      if (!patch.ok) return patch.reply;
      state.faults = { ...state.faults, ...patch.data };
      state.dedupe = state.faults.dedupe;
      return json(200, JSON.stringify(state.faults));
    }
    return error(405, 'GET or POST');
  }
  if (path === '/admin/national') return nationalReply(state, method, body);
  const m = path.match(/^\/admin\/balance\/([^/]+)$/);
  // a tester's top-up of a personal account: POST {"balc": fen}
  if (m && method === 'POST') {
    const topUp = bodyOf(body, TopUp);
    if (!topUp.ok) return topUp.reply;
    const psn_no = decodeURIComponent(m[1]);
    if (!state.setBalance(psn_no, topUp.data.balc)) return error(404, `unknown psn_no ${psn_no}`);
    return json(200, JSON.stringify({ psn_no, balc: topUp.data.balc }));
  }
  if (method !== 'GET') return error(405, 'GET only');
  if (path === '/admin/people') return json(200, JSON.stringify(state.people()));
  if (path === '/admin/settlements') return json(200, JSON.stringify(state.settlements()));
  if (m) {
    const psn_no = decodeURIComponent(m[1]);
    const balc = state.balance(psn_no);
    if (balc === null) return error(404, `unknown psn_no ${psn_no}`);
    return json(200, JSON.stringify({ psn_no, balc }));
  }
  return error(404, 'not found');
}
