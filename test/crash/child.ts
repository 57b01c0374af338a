/**
 * The crash-test child: a whole terminal (buildApp, real SQLite) against an out-of-process center
 * simulator, confirming pharmacy settlements in a loop while the sync worker drains in the
 * background. The parent (test/integration/crash/crash.test.ts) SIGKILLs it at random moments.
 *
 *   node --import tsx test/crash/child.ts --sim URL --his URL --his-token T --data DIR --journal FILE [--mode loop|drain] [--seed N]
 *
 * Everything the parent needs to judge a kill is written to an append-only journal with
 * writeSync (it survives SIGKILL: the bytes are in the kernel before the call returns):
 *   start <pid> <mode>            the process began
 *   ready                         logged in, people identified; the loop starts
 *   confirming <requestId> <json> a settle.confirm call is about to start (json: the bill, by psn_no)
 *   confirmed <id> <requestId>    settle.confirm RETURNED (so the SQLite commit happened); fsynced
 *   confirm-failed <requestId> <code>
 *   send <infno> <msgid> / recv <infno> <msgid> / fail <infno> <msgid>   an HTTP call to the center
 *   his-send <key> / his-recv <key> / his-fail <key>   a result on its way to the HIS
 *   reversing <id> / reverse-queued <id> / reverse-failed <id> <code>
 *   draining / drained            app.worker.drainNow() began / ended
 *   drain-done <json>             (drain mode) the outbox and the print queue are empty, the HIS acknowledged every result and
 *                                 the institution's PostgreSQL (POS_CRASH_INSTITUTION) has every change; json: outbox stats
 * About a third of the bills are outpatient bills of the HIS (a prescription the HIS simulator makes,
 * loaded by its number), whose results go back to the HIS. Slips go to a plain file standing in for the
 * printer's device node (<data>/paper.bin): the parent reads it back (test/crash/print-judge.ts).
 * A confirm that was interrupted by the previous kill is retried at start with the SAME requestId
 * and bill (a renderer retry after a crash), which must not make a second settlement.
 */
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/main/app.js';
import catalogDoc from '../../src/main/settle/data/catalog-530600.json' with { type: 'json' };
import { yuanToFen } from '../../src/shared/money.js';
import { uuidV7 } from '../../src/shared/uuid-v7.js';
import { seededRandom } from './seeded-random.js';

const { values } = parseArgs({
  options: {
    sim: { type: 'string' },
    his: { type: 'string' },
    'his-token': { type: 'string', default: '' },
    data: { type: 'string' },
    journal: { type: 'string' },
    mode: { type: 'string', default: 'loop' },
    seed: { type: 'string', default: '1' },
    'drain-timeout-ms': { type: 'string', default: '60000' },
  },
});
if (!values.sim || !values.his || !values.data || !values.journal) {
  console.error('usage: child.ts --sim URL --his URL --his-token T --data DIR --journal FILE [--mode loop|drain] [--seed N]');
  process.exit(2);
}
const mode = values.mode === 'drain' ? 'drain' : 'loop';

// --- journal ---------------------------------------------------------------------------------
const journalFd = fs.openSync(values.journal, 'a');
function mark(line: string, durable = false): void {
  fs.writeSync(journalFd, `${line}\n`);
  if (durable) fs.fsyncSync(journalFd);
}

/** What earlier lives left: confirmed request ids, and the last confirm that never returned. */
function readJournal(): { interrupted: { requestId: string; bill: Bill } | null } {
  const lines = fs.readFileSync(values.journal!, 'utf8').split('\n');
  const done = new Set<string>();
  let last: { requestId: string; bill: Bill } | null = null;
  for (const l of lines) {
    const [tag, a, b] = l.split(' ');
    if (tag === 'confirming') last = { requestId: a, bill: JSON.parse(l.slice(tag.length + a.length + 2)) as Bill };
    else if (tag === 'confirmed') done.add(b);
    else if (tag === 'confirm-failed') done.add(a);
  }
  return { interrupted: last && !done.has(last.requestId) ? last : null };
}

// --- a seeded random source, so a failing run can be replayed with its seed ---------------------
const rand = seededRandom(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// --- watch every result on its way to the HIS (its sender uses the global fetch) -------------
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  let infno = '?';
  let msgid = '?';
  let hisKey: string | null = null;
  try {
    const body = JSON.parse(String(init?.body ?? '')) as { infno?: string; msgid?: string; format?: string; key?: string };
    infno = body.infno ?? '?';
    msgid = body.msgid ?? '?';
    if (body.format === 'yb-pos-his-result/1') hisKey = body.key ?? '?';
  } catch {
    /* not an envelope */
  }
  const [sent, got, failed] = hisKey ? [`his-send ${hisKey}`, `his-recv ${hisKey}`, `his-fail ${hisKey}`] : [`send ${infno} ${msgid}`, `recv ${infno} ${msgid}`, `fail ${infno} ${msgid}`];
  if (hisKey || infno !== '?') mark(sent);
  try {
    const res = await realFetch(input, init);
    if (hisKey || infno !== '?') mark(got);
    return res;
  } catch (e) {
    if (hisKey || infno !== '?') mark(failed);
    throw e;
  }
};

// --- watch every HTTP call to the center (the client's poster uses node:http's request) ----------
const realRequest = http.request;
(http as { request: typeof http.request }).request = ((...args: Parameters<typeof http.request>) => {
  const req = realRequest(...args);
  const realEnd = req.end.bind(req) as (body?: unknown) => http.ClientRequest;
  (req as { end: unknown }).end = (body?: unknown) => {
    let infno = '?';
    let msgid = '?';
    try {
      const env = JSON.parse(String(body ?? '')) as { infno?: string; msgid?: string };
      infno = env.infno ?? '?';
      msgid = env.msgid ?? '?';
    } catch {
      /* not an envelope */
    }
    if (infno !== '?') {
      mark(`send ${infno} ${msgid}`);
      req.once('response', () => mark(`recv ${infno} ${msgid}`));
      req.once('error', () => mark(`fail ${infno} ${msgid}`));
    }
    return realEnd(body);
  };
  return req;
}) as typeof http.request;

// --- the bills ------------------------------------------------------------------------------
interface Bill {
  psn_no: string;
  lines: Array<{ code: string; qty: string; pric?: number; name?: string }>;
  useAcct: boolean;
  mulaidPsnNo: string | null;
  /** an outpatient bill of the HIS, loaded by its number */
  his?: { his_bill_no: string; dept_name: string; doctor_name: string; diagnosis: Array<{ diag_code: string; diag_name: string }>; med_type: '11' | '14' };
  /** the main side's seal of the HIS lines as loaded (they cannot be edited) */
  hisFingerprint?: string;
}

const AUTHORIZER = '530600000000000004';
/** who comes to the counter: employee with an account, resident, the authorizer, his bound daughter (with and without co-pay) */
const VISITORS: ReadonlyArray<Omit<Bill, 'lines'>> = [
  { psn_no: '530600000000000001', useAcct: true, mulaidPsnNo: null },
  { psn_no: '530600000000000001', useAcct: false, mulaidPsnNo: null },
  { psn_no: '530600000000000003', useAcct: true, mulaidPsnNo: null },
  { psn_no: AUTHORIZER, useAcct: true, mulaidPsnNo: null },
  { psn_no: '530600000000000006', useAcct: true, mulaidPsnNo: AUTHORIZER },
  { psn_no: '530600000000000006', useAcct: true, mulaidPsnNo: AUTHORIZER },
  { psn_no: '530600000000000005', useAcct: true, mulaidPsnNo: AUTHORIZER },
];
// cheap boxed goods only (≤ 25 yuan), so no account runs dry during a run and no co-pay is refused for a zero balance
const GOODS = (catalogDoc as { items: Array<{ med_list_codg: string | null; kind: string; price: number; whole_units: boolean }> }).items
  .filter((i) => i.kind !== 'service' && i.whole_units && i.price <= 2500 && i.med_list_codg)
  .map((i) => i.med_list_codg as string);

const hisHeaders = { 'x-his-token': values['his-token']!, 'content-type': 'application/json' };

/** a prescription the HIS makes now, loaded by its number as the cashier types it */
async function newHisBill(): Promise<Bill | null> {
  const made = (await (await realFetch(`${values.his}/admin/bills/demo`, { method: 'POST', headers: hisHeaders, body: '{}' })).json()) as { his_bill_no: string };
  const r = await call('his.loadBill', { billNo: made.his_bill_no });
  if (!r.ok) {
    mark(`his-load-failed ${made.his_bill_no} ${r.error.code}`);
    return null;
  }
  const b = r.data.bill as { his_bill_no: string; med_type: '11' | '14'; dept_name: string; doctor_name: string; diagnosis: NonNullable<Bill['his']>['diagnosis']; fingerprint: string; lines: Array<{ med_list_codg: string; name: string; pric: string | number; cnt: string | number }> };
  const v = pick(VISITORS.filter((x) => x.mulaidPsnNo === null));
  return {
    ...v,
    lines: b.lines.map((l) => ({ code: l.med_list_codg, qty: String(l.cnt), pric: yuanToFen(l.pric), name: l.name })),
    his: { his_bill_no: b.his_bill_no, dept_name: b.dept_name, doctor_name: b.doctor_name, diagnosis: b.diagnosis, med_type: b.med_type },
    hisFingerprint: b.fingerprint,
  };
}

function newBill(): Bill {
  const v = pick(VISITORS);
  const n = 1 + Math.floor(rand() * 3);
  const codes = new Set<string>();
  while (codes.size < n) codes.add(pick(GOODS));
  return { ...v, lines: [...codes].map((code) => ({ code, qty: String(1 + Math.floor(rand() * 2)) })) };
}

// --- the terminal -------------------------------------------------------------------------------
const bootAt = Date.now();
/** start-up stages with milliseconds since the process began (for the report; the parent ignores them) */
const stage = (name: string) => mark(`stage ${name} ${Date.now() - bootAt} ${Math.round(process.uptime() * 1000)}`);
mark(`start ${process.pid} ${mode}`);
const app = await buildApp({
  shell: 'browser',
  overrides: {
    dataDir: values.data,
    center: { url: values.sim, timeoutMs: 500, retryBaseMs: 50, retryMaxMs: 200 },
    his: { source: 'http', url: values.his, headers: { 'x-his-token': values['his-token'] }, timeoutMs: 500, retryBaseMs: 50, retryMaxMs: 200 },
    devices: { virtual: false },
    // the receipt printer: a plain file standing in for /dev/usb/lp0 (the paper roll the parent reads back);
    // a short wait for the center so most slips print with its answer and some as not confirmed yet
    printer: { kind: 'usb', usb: { device: `${values.data}/paper.bin` }, width: 80, waitForCenterMs: 150, retryMs: 100, drawer: { onCash: true } },
    // the institution's PostgreSQL, when the parent runs one: { terminal: { id }, institution: { database, replication } }
    ...(process.env.POS_CRASH_INSTITUTION ? (JSON.parse(process.env.POS_CRASH_INSTITUTION) as Record<string, unknown>) : {}),
  },
  log: () => undefined,
});
stage('built');
const call = async (name: string, input: unknown) =>
  (await app.router.call(name, input)) as { ok: boolean; data: any; error: { code: string; message: string } };

// a real center has no demo cashiers: the installer's cashiers (as `pos cashier` creates them)
app.store.cashiers.seedDemoIfEmpty();
const login = await call('session.login', { cashierNo: '1001', pin: '1234' });
if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
stage('logged-in');

if (mode === 'drain') {
  // drain until nothing is open; the worker's own backoff and unknown-outcome resolution do the work
  const deadline = Date.now() + Number(values['drain-timeout-ms']);
  let stats = app.store.outbox.stats();
  let unacked = app.store.his.unacked().count;
  while (Date.now() < deadline) {
    mark('draining');
    await app.worker.drainNow();
    mark('drained');
    stats = app.store.outbox.stats();
    // then what the HIS is owed (the answers just applied queued some)
    unacked = ((await call('his.retryNow', {})).data as { unacked: number }).unacked;
    // the slips too: every one held for the center's answer has been released (or its wait is over) and printed
    await app.receipts.print.worker.idle();
    const slips = app.store.printJobs.counts();
    // and every change replicated to the institution's PostgreSQL (nothing is queued without one)
    const replicating = app.store.replication.counts().backlog;
    if (stats.depth === 0 && unacked === 0 && slips.held + slips.ready + slips.sending === 0 && replicating === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const replBacklog = app.store.replication.counts().backlog;
  mark(`drain-done ${JSON.stringify({ ...stats, hisUnacked: unacked, replBacklog })}`, true);
  await app.close();
  process.stdout.write(`drain-done ${JSON.stringify({ ...stats, hisUnacked: unacked, replBacklog })}\n`);
  process.exit(stats.depth === 0 && unacked === 0 && replBacklog === 0 ? 0 : 1);
}

// identify everyone who will come (the people list comes from the simulator's admin endpoint)
const people = (await (await realFetch(`${values.sim}/admin/people`, { headers: { 'x-sim-admin-token': process.env.POS_SIM_ADMIN_TOKEN ?? '' } })).json()) as Array<{ psn_no: string; certno: string }>;
const refs = new Map<string, string>();
await Promise.all(
  [...new Set(VISITORS.map((v) => v.psn_no))].map(async (psn_no) => {
    const p = people.find((x) => x.psn_no === psn_no);
    if (!p) throw new Error(`the simulator has no person ${psn_no}`);
    const r = await call('person.identify', { mdtrt_cert_type: '02', certno: p.certno });
    if (!r.ok) throw new Error(`identify ${psn_no} failed: ${r.error.message}`);
    refs.set(psn_no, r.data.personRef as string);
  }),
);
stage('identified');

async function confirm(requestId: string, bill: Bill, retried: boolean): Promise<string | null> {
  if (!retried) mark(`confirming ${requestId} ${JSON.stringify(bill)}`);
  const his = bill.his ? (({ med_type: _m, ...h }) => h)(bill.his) : null;
  const r = await call('settle.confirm', {
    personRef: refs.get(bill.psn_no),
    kind: bill.his ? 'outpatient' : 'pharmacy',
    med_type: bill.his?.med_type ?? '41',
    lines: bill.lines,
    useAcct: bill.useAcct,
    mulaidPsnNo: bill.mulaidPsnNo,
    his,
    ...(bill.hisFingerprint ? { hisFingerprint: bill.hisFingerprint } : {}),
    requestId,
  });
  if (!r.ok) {
    mark(`confirm-failed ${requestId} ${r.error.code}`, true);
    return null;
  }
  mark(`confirmed ${r.data.id} ${requestId}${retried ? ' retried' : ''}`, true);
  return r.data.id as string;
}

// a confirm the previous life did not see return: the cashier presses F9 again (same requestId)
const { interrupted } = readJournal();
if (interrupted) await confirm(interrupted.requestId, interrupted.bill, true);

stage('ready');
mark('ready');
process.stdout.write('ready\n');

for (;;) {
  const bill = rand() < 0.35 ? await newHisBill() : newBill();
  if (bill) await confirm(uuidV7(), bill, false); // as the renderer makes request ids
  const dice = rand();
  if (dice < 0.1) {
    // reverse one of today's standing settlements (possibly still queued, possibly mid-send)
    const list = await call('settle.list', {});
    const standing = list.ok ? (list.data as Array<{ id: string; status: string }>).filter((s) => s.status === 'settled' || s.status === 'queued') : [];
    if (standing.length > 0) {
      const id = pick(standing).id;
      mark(`reversing ${id}`);
      // a reversal needs the supervisor's approval, given at the window
      const g = await call('approval.grant', { action: 'settlement.reverse', subject: id, supervisorNo: '9001', pin: '9999' });
      const r = await call('settle.reverse', { id, reason: '崩溃测试冲销', approval: g.ok ? (g.data as { token: string }).token : undefined });
      mark(r.ok ? `reverse-queued ${id}` : `reverse-failed ${id} ${r.error.code}`, true);
    }
  } else if (dice < 0.25) {
    mark('draining');
    await app.worker.drainNow();
    mark('drained');
  }
  await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)));
}
