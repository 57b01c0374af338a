/**
 * Draining a backlog of 10,000 settlements to the simulator against bare HTTP POSTs.
 *
 *   node --import tsx bench/sync-drain.bench.ts          (or: npm run bench sync-drain)
 *
 * Target (the issue): the worker drains at least half the rate of bare HTTP POSTs to the same
 * loopback server. Rates are MESSAGES per second (a pharmacy settlement is two: 2101 → 2102).
 *
 * - The simulator runs OUT of process (src/center-sim/main.ts, its own SQLite with WAL +
 *   synchronous=FULL, dedupe on), so its CPU is not the terminal's.
 * - The terminal is the whole app (buildApp) pointed at it; its worker is stopped while 10,000
 *   settlements are committed through store.settlements.commitConfirmed from one real confirmed bill
 *   (fresh ids each), then `app.worker.drainNow()` is timed until the outbox is empty.
 * - Baseline: bare POSTs through the same HTTP stack the client uses (center/http/poster.ts:
 *   node:http with keep-alive), one after another like the worker, of the same 2101 envelope the
 *   terminal sends (captured from a real send by the same client code) under fresh msgids, so the
 *   center does the same work per request (parse, price, split, store the reply). Half of them
 *   before the drain, half after.
 *   For comparison also a 1101 (person query) envelope. Bills are class-C goods for a resident
 *   without an account, so the center's split always equals the preview (no conflicts raised).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/main/app.js';
import { createCenterClient, type HttpPost } from '../src/main/center/index.js';
import { createHttpPoster } from '../src/main/center/http/poster.js';
import { formatMsgid } from '../src/main/center/msgid.js';
import { bindLate, settlementMessages } from '../src/main/services/settlement/messages.js';
import type { SettlementRecord } from '../src/main/store/index.js';
import { startSimProcess } from '../test/crash/harness.js';
import { uuidV7 } from '../src/shared/uuid-v7.js';
import { call as callApp } from '../test/helpers/app-call.js';

const N = Number(process.env.BENCH_SETTLEMENTS ?? 10_000);
const BASELINE_POSTS = Number(process.env.BENCH_POSTS ?? 5_000);
const TARGET = 0.5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-drain-'));
const sim = await startSimProcess({ db: path.join(dir, 'center.db'), dedupe: true });
// Ctrl-C or a timeout: take the simulator process and the temp files along
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void sim.close().finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
const app = await buildApp({
  shell: 'browser',
  overrides: { dataDir: path.join(dir, 'terminal'), center: { url: sim.url, timeoutMs: 10_000 }, devices: { virtual: false } },
  log: () => undefined,
});
app.store.cashiers.seedDemoIfEmpty(); // a real center has no demo cashiers: the installer's, as `pos cashier` makes them

const call = (name: string, input: unknown) => callApp(app, name, input);

// the exact bodies the terminal's client code sends, captured on their way out
const poster = createHttpPoster();
const captured = new Map<string, string>();
const capturing: HttpPost = (url, req) => {
  const infno = (JSON.parse(req.body) as { infno?: string }).infno;
  if (infno && !captured.has(infno)) captured.set(infno, req.body);
  return poster.post(url, req);
};
const { terminal } = app.config;
const capturingClient = createCenterClient({ url: sim.url, fixmedins_code: terminal.fixmedins_code, fixmedins_name: terminal.fixmedins_name, mdtrtarea_admvs: terminal.mdtrtarea_admvs, opter: '1001', opter_name: '李收费', dev_no: terminal.id, post: capturing });

await call('session.login', { cashierNo: '1001', pin: '1234' });
const people = await sim.people();
const resident = people.find((p) => p.psn_no === '530600000000000003')!;
const person = await call('person.identify', { mdtrt_cert_type: '02', certno: resident.certno });
await app.worker.stop();
const first = await call('settle.confirm', {
  personRef: person.personRef,
  kind: 'pharmacy',
  med_type: '41',
  lines: [
    { code: 'XA11GAV017A001010100011', qty: '1' },
    { code: 'C1402010100000100021', qty: '2' },
  ],
  useAcct: false,
  mulaidPsnNo: null,
  his: null,
  requestId: uuidV7(),
});
const template = app.store.settlements.get(first.id)!;
const items = app.store.settlements.items(first.id);

// the backlog
const tc = performance.now();
for (let i = 1; i < N; i++) {
  const id = uuidV7(); // as the renderer makes request ids (the settlement's id)
  const rec: SettlementRecord = { ...template, id, created_at: new Date().toISOString() };
  app.store.settlements.commitConfirmed(rec, items, settlementMessages(rec), { actor: '1001', action: 'settlement.confirm', subject: id, detail: { bench: true } });
}
const commitMs = performance.now() - tc;
const depth = app.store.outbox.stats().depth;

// the baseline: bare POSTs of a captured envelope under fresh msgids
const endpoint = `${sim.url}/fsi/api/rsfComIfsService/callService`;
let msgSeq = 0;
const baseDate = new Date('2026-01-05T02:00:00Z');
function freshMsgid(): string {
  const n = msgSeq++;
  return formatMsgid('P53060200001', new Date(baseDate.getTime() + Math.floor(n / 9000) * 1000), (n % 9000) + 1);
}
async function barePosts(infno: string, body: string, n: number): Promise<number> {
  const envelope = JSON.parse(body) as Record<string, unknown>;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await poster.post(endpoint, {
      headers: { 'content-type': 'application/json;charset=utf-8' },
      body: JSON.stringify({ ...envelope, msgid: freshMsgid() }),
      signal: AbortSignal.timeout(10_000),
    });
    const reply = JSON.parse(res.text) as { infcode: number; err_msg: string | null };
    if (reply.infcode !== 0) throw new Error(`baseline ${infno} refused: ${reply.err_msg}`);
  }
  return performance.now() - t0;
}

// one real send of the first settlement's 2101 (and a 1101) so their bodies are captured, without the worker
const row2101 = app.store.outbox.forSettlement(first.id).find((r) => r.infno === '2101')!;
const input2101 = bindLate(row2101.payload, template, () => items); // with its fee lines, as the worker sends it
await capturingClient.call('2101', input2101 as Parameters<typeof capturingClient.pharmacyPreSettle2101>[0], { msgid: freshMsgid(), insuplc_admdvs: template.insuplc_admdvs });
await capturingClient.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: resident.certno }, { msgid: freshMsgid(), insuplc_admdvs: template.insuplc_admdvs });
const body2101 = captured.get('2101')!;
const body1101 = captured.get('1101')!;
const half = Math.floor(BASELINE_POSTS / 2);
const before2101 = await barePosts('2101', body2101, half);
const before1101 = await barePosts('1101', body1101, half);

// the drain
const td = performance.now();
await app.worker.drainNow();
const drainMs = performance.now() - td;
const after = app.store.db.prepare(`SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS depth, (SELECT COUNT(*) FROM outbox WHERE status = 'parked') AS parked`).get() as { depth: number; parked: number };
const settled = (app.store.db.prepare("SELECT COUNT(*) AS n FROM settlements WHERE status = 'settled'").get() as { n: number }).n;
const messages = (app.store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'done'").get() as { n: number }).n;

const after2101 = await barePosts('2101', body2101, BASELINE_POSTS - half);
const after1101 = await barePosts('1101', body1101, BASELINE_POSTS - half);

const workerRate = messages / (drainMs / 1000);
const rate2101 = BASELINE_POSTS / ((before2101 + after2101) / 1000);
const rate1101 = BASELINE_POSTS / ((before1101 + after1101) / 1000);
const ratio = workerRate / rate2101;
console.log(`sync-drain: ${N} settlements (${depth} pending before the drain), simulator out of process at ${sim.url}, terminal data in ${dir}`);
console.log(`  backlog committed in ${(commitMs / 1000).toFixed(1)} s (${(N / (commitMs / 1000)).toFixed(0)} settlements/s)`);
console.log(`  drain: ${messages} messages in ${(drainMs / 1000).toFixed(1)} s = ${workerRate.toFixed(0)} messages/s (${(settled / (drainMs / 1000)).toFixed(0)} settlements/s); settled ${settled}, messages left pending ${after.depth}, parked ${after.parked}`);
console.log(`  bare POST 2101 (same envelope, ${Buffer.byteLength(body2101)} bytes): ${rate2101.toFixed(0)} /s (before ${(half / (before2101 / 1000)).toFixed(0)}, after ${((BASELINE_POSTS - half) / (after2101 / 1000)).toFixed(0)})`);
console.log(`  bare POST 1101 (person query, ${Buffer.byteLength(body1101)} bytes): ${rate1101.toFixed(0)} /s (for comparison)`);
console.log(`  ratio worker / bare 2101 POSTs ${ratio.toFixed(2)}×; target ≥ ${TARGET}× → ${ratio >= TARGET ? 'PASS' : 'MISS'}`);
if (after.depth !== 0 || settled !== N) console.log(`  WARNING: the drain did not settle everything (${settled}/${N})`);

await app.close();
poster.close();
await sim.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(after.depth === 0 && settled === N ? 0 : 1);
