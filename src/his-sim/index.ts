/**
 * A small hospital information system (HIS) simulator: a loopback HTTP server with its own SQLite
 * file, for the embedded default and the tests. It lives apart from the insurance-center simulator
 * because it is the other party of the terminal (the hospital, not the insurance center): its own
 * storage, its own token, its own faults.
 *
 *   GET  /bills/{no}     a bill by its number (yb-pos-his-bill/1, with status open | paid)
 *   POST /results        a settlement result (yb-pos-his-result/1), applied once per idempotency key
 *                        (header `idempotency-key`, equal to the body's `key`); answers {ok, key, duplicate}
 *   /admin/faults        GET / POST {refuse, delayMs, drop, garbage}
 *   /admin/bills         GET the bills, POST one (a bill document); POST /admin/bills/demo makes a new demo bill
 *   /admin/results       GET the results applied, with the number of deliveries of each
 * Every request needs the header `x-his-token` when the simulator was started with a token.
 *
 * Faults: `refuse` answers 503 without applying; `drop` applies, then drops the connection without an
 * answer; `garbage` applies, then answers an HTML page; `delayMs` answers late (after applying).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { demoBill, SAMPLE_BILL } from './demo-bills.js';
import { openHisSimStore, type SimBillRow, type SimResultRow } from './store.js';

export const HisSimFaults = z.object({ refuse: z.boolean(), delayMs: z.number().int().min(0).max(120_000), drop: z.boolean(), garbage: z.boolean() });
export type HisSimFaults = z.infer<typeof HisSimFaults>;

const ResultBody = z
  .object({
    format: z.literal('yb-pos-his-result/1'),
    key: z.string().min(1).max(100),
    kind: z.enum(['settled', 'reversed']),
    his_bill_no: z.string().min(1).max(40),
    settlement_id: z.string().min(1),
    setl_id: z.string().nullable(),
    terminal_id: z.string(),
    at: z.string(),
  })
  .passthrough();

export interface HisSim {
  readonly url: string;
  readonly token: string | null;
  addBill(doc: { his_bill_no: string } & Record<string, unknown>): void;
  /** a new demo bill; its number */
  newDemoBill(patient_certno?: string): string;
  bill(no: string): SimBillRow | null;
  results(): SimResultRow[];
  getFaults(): HisSimFaults;
  setFaults(f: Partial<HisSimFaults>): HisSimFaults;
  close(): Promise<void>;
}

export async function startHisSim(opts: { dbPath: string; port?: number; host?: string; token?: string | null; now?: () => Date }): Promise<HisSim> {
  const now = opts.now ?? (() => new Date());
  const store = openHisSimStore(opts.dbPath);
  const token = opts.token ?? null;
  let faults: HisSimFaults = { refuse: false, delayMs: 0, drop: false, garbage: false };
  if (store.billCount() === 0) store.putBill(SAMPLE_BILL.his_bill_no, JSON.stringify(SAMPLE_BILL));
  const pending = new Set<NodeJS.Timeout>();
  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => {
        pending.delete(t);
        resolve();
      }, ms);
      pending.add(t);
    });

  function newDemoBill(patient_certno?: string): string {
    const n = store.next('demo');
    const d = now().toISOString().slice(0, 10).replace(/-/g, '');
    const no = `MZ${d}${String(n).padStart(6, '0')}`;
    store.putBill(no, JSON.stringify(demoBill(no, n, patient_certno)));
    return no;
  }

  function billAnswer(row: SimBillRow): string {
    const doc = JSON.parse(row.doc) as Record<string, unknown>;
    return JSON.stringify({ ...doc, status: row.status, ...(row.paid ? { paid: JSON.parse(row.paid) } : {}) });
  }

  /** apply a result (once per key); the answer to send */
  function applyResult(key: string | undefined, text: string): { status: number; body: unknown } {
    let body: z.infer<typeof ResultBody>;
    try {
      body = ResultBody.parse(JSON.parse(text));
    } catch (e) {
      return { status: 400, body: { ok: false, error: `not a yb-pos-his-result/1: ${(e as Error).message.slice(0, 200)}` } };
    }
    if (key !== body.key) return { status: 400, body: { ok: false, error: 'the idempotency-key header must equal the body key' } };
    if (!store.bill(body.his_bill_no)) return { status: 404, body: { ok: false, error: `no bill ${body.his_bill_no}` } };
    const paid =
      body.kind === 'settled'
        ? { status: 'paid' as const, paid: JSON.stringify({ setl_id: body.setl_id, settlement_id: body.settlement_id, terminal_id: body.terminal_id, settled_at: body.at }) }
        : { status: 'open' as const, paid: null };
    const applied = store.apply({ key: body.key, kind: body.kind, his_bill_no: body.his_bill_no, settlement_id: body.settlement_id, payload: text, received_at: now().toISOString() }, paid);
    return { status: 200, body: { ok: true, key: body.key, duplicate: !applied } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown, type = 'application/json;charset=utf-8') => {
      if (res.destroyed) return;
      const s = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(s) });
      res.end(s);
    };
    const url = new URL(req.url ?? '/', 'http://his.local');
    if (token && req.headers['x-his-token'] !== token) return send(401, { ok: false, error: 'x-his-token required' });
    if (url.pathname.startsWith('/admin/')) return admin(req.method ?? 'GET', url.pathname, text, send);
    const bill = /^\/bills\/([^/]+)$/.exec(url.pathname);
    if (bill && req.method === 'GET') {
      if (faults.refuse) return send(503, { ok: false, error: 'HIS busy' });
      const row = store.bill(decodeURIComponent(bill[1]));
      await later(faults.delayMs);
      return row ? send(200, billAnswer(row)) : send(404, { ok: false, error: 'no such bill' });
    }
    if (url.pathname === '/results' && req.method === 'POST') {
      if (faults.refuse) return send(503, { ok: false, error: 'HIS refuses for now' });
      const key = req.headers['idempotency-key'];
      const answer = applyResult(typeof key === 'string' ? key : undefined, text);
      await later(faults.delayMs);
      if (faults.drop) return void req.socket.destroy();
      if (faults.garbage) return send(200, '<html><body>502 Bad Gateway</body></html>', 'text/html');
      return send(answer.status, answer.body);
    }
    return send(404, { ok: false, error: 'not found' });
  }

  function admin(method: string, p: string, text: string, send: (s: number, b: unknown) => void): void {
    try {
      if (p === '/admin/faults') {
        if (method === 'POST') faults = HisSimFaults.parse({ ...faults, ...HisSimFaults.partial().strict().parse(JSON.parse(text || '{}')) });
        return send(200, faults);
      }
      if (p === '/admin/bills' && method === 'GET') return send(200, store.bills());
      if (p === '/admin/bills' && method === 'POST') {
        const doc = z.object({ his_bill_no: z.string().min(1).max(40) }).passthrough().parse(JSON.parse(text));
        store.putBill(doc.his_bill_no, JSON.stringify(doc));
        return send(200, { ok: true, his_bill_no: doc.his_bill_no });
      }
      if (p === '/admin/bills/demo' && method === 'POST') {
        const b = z.object({ patient_certno: z.string().max(18).optional() }).strict().parse(JSON.parse(text || '{}'));
        return send(200, { ok: true, his_bill_no: newDemoBill(b.patient_certno) });
      }
      if (p === '/admin/results' && method === 'GET') return send(200, store.results());
      return send(404, { ok: false, error: 'not found' });
    } catch (e) {
      return send(400, { ok: false, error: (e as Error).message.slice(0, 300) });
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    token,
    addBill: (doc) => store.putBill(doc.his_bill_no, JSON.stringify(doc)),
    newDemoBill,
    bill: (no) => store.bill(no),
    results: () => store.results(),
    getFaults: () => ({ ...faults }),
    setFaults(f) {
      faults = HisSimFaults.parse({ ...faults, ...f });
      return { ...faults };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of pending) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      store.close();
    },
  };
}
