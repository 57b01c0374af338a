/**
 * Parent side of the crash test: the out-of-process center simulator, the child terminal that is
 * SIGKILLed, the reading of the child's journal, and the two judgements — the local one after every
 * kill (what the child reported as confirmed is in terminal.db exactly once, whole) and the final
 * one against the center (its effective settlements match the terminal's one to one, to the fen).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '../..');

// ---------------------------------------------------------------- the simulator, out of process

export interface SimProcess {
  url: string;
  /** the simulator's admin token (X-Sim-Admin-Token), also given to the children in their environment */
  adminToken: string;
  people(): Promise<Array<{ psn_no: string; certno: string }>>;
  balance(psn_no: string): Promise<{ balc: number }>;
  setFaults(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** top up a personal account (fen) */
  setBalance(psn_no: string, balc: number): Promise<unknown>;
  settlements(): Promise<CenterSettlement[]>;
  close(): Promise<void>;
}

export interface CenterSettlement {
  setl_id: string;
  msgid: string;
  psn_no: string;
  mulaid_psn_no: string | null;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
  status: 'settled' | 'reversed';
}

/** `node --import tsx src/center-sim/main.ts --port 0 --db FILE`; the URL is read from its first line. */
export async function startSimProcess(opts: { db: string; dedupe: boolean }): Promise<SimProcess> {
  const args = ['--import', 'tsx', path.join(ROOT, 'src/center-sim/main.ts'), '--port', '0', '--db', opts.db];
  if (!opts.dedupe) args.push('--no-dedupe');
  const adminToken = crypto.randomBytes(18).toString('base64url');
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POS_SIM_ADMIN_TOKEN: adminToken } });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`the simulator did not start in 30 s: ${out}${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`the simulator exited (${code}): ${out}${err}`));
    });
  });
  proc.stdout!.resume();
  // never outlive the process that started it (a bench or test that throws)
  const reap = () => proc.kill('SIGKILL');
  process.once('exit', reap);
  const admin = async (p: string, body?: unknown) => {
    const headers = { 'x-sim-admin-token': adminToken };
    const res = await fetch(`${url}${p}`, body === undefined ? { headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${text}`);
    return JSON.parse(text);
  };
  return {
    url,
    adminToken,
    people: () => admin('/admin/people'),
    balance: (psn_no) => admin(`/admin/balance/${psn_no}`),
    setFaults: (patch) => admin('/admin/faults', patch),
    setBalance: (psn_no, balc) => admin(`/admin/balance/${psn_no}`, { balc }),
    settlements: () => admin('/admin/settlements'),
    async close() {
      process.off('exit', reap);
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

// ---------------------------------------------------------------- the child terminal

/**
 * The child bundled once with esbuild, so a restart costs node's start and the app's own start
 * (tsx would add about 1.5 s of compiling to every one of the hundred-odd restarts). The two export
 * libraries of the reconcile area (exceljs, pdfkit: ~0.4 s to load) are stubbed: the child never
 * exports a report, and the stub throws if anything touches it.
 */
export async function bundleChild(workerOverride = process.env.CRASH_CHILD_WORKER): Promise<{ file: string; cleanup(): void }> {
  const dir = path.join(ROOT, 'node_modules/.cache/crash-test');
  fs.mkdirSync(dir, { recursive: true });
  const stub = path.join(dir, `stub-${process.pid}.mjs`);
  fs.writeFileSync(stub, "export default new Proxy(function () {}, { get() { throw new Error('exceljs/pdfkit are stubbed in the crash-test child'); } });\n");
  const file = path.join(dir, `child-${process.pid}-${Date.now()}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/crash/child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: file,
    // pinyin-pro (a large dictionary) is loaded only when a catalog is imported: from node_modules, not parsed at every restart
    external: ['better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'electron', 'pinyin-pro'],
    alias: { exceljs: stub, pdfkit: stub },
    plugins: workerOverride ? [overrideWorker(workerOverride)] : [],
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return {
    file,
    cleanup() {
      fs.rmSync(file, { force: true });
      fs.rmSync(stub, { force: true });
    },
  };
}

/**
 * CRASH_CHILD_WORKER=FILE builds the child with another sync worker in place of src/main/sync/worker.ts
 * (a mutant without unknown-outcome resolution, say), to see that the test catches what it should.
 */
function overrideWorker(file: string): esbuild.Plugin {
  return {
    name: 'crash-test-worker-override',
    setup(build) {
      build.onResolve({ filter: /[\\/]sync[\\/]worker\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}src${path.sep}main${path.sep}`) ? { path: path.resolve(file) } : undefined,
      );
    },
  };
}

export interface ChildRun {
  proc: ChildProcess;
  /** resolves when the child printed 'ready' (rejects if it exits first) */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  stdout(): string;
}

export function spawnChild(bundle: string, args: { sim: string; simAdminToken: string; his: string; hisToken: string; data: string; journal: string; mode: 'loop' | 'drain'; seed: number; env?: Record<string, string> }): ChildRun {
  const proc = spawn(
    process.execPath,
    [bundle, '--sim', args.sim, '--his', args.his, '--his-token', args.hisToken, '--data', args.data, '--journal', args.journal, '--mode', args.mode, '--seed', String(args.seed)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POS_SIM_ADMIN_TOKEN: args.simAdminToken, ...args.env } },
  );
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('ready\n')) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`the child exited before it was ready (code ${code}, signal ${signal}): ${err.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, exited, stderr: () => err, stdout: () => out };
}

// ---------------------------------------------------------------- the journal (journal.ts)

export { readLife, type Bill, type Landing, type LifeReport } from './journal.js';
import type { Bill } from './journal.js';

// ---------------------------------------------------------------- judgement 1: after every kill

export interface Confirmed {
  id: string;
  bill: Bill | null;
}

/**
 * terminal.db as the killed child left it (opened read-only): every settlement the child reported
 * as confirmed is there exactly once, under its request id (its primary key), with its bill;
 * every settlement whole (items, its 2102, its audit entry); the file passes quick_check.
 */
export function checkLocal(dbFile: string, confirmed: ReadonlyMap<string, Confirmed>): { problems: string[]; settlements: number } {
  if (!fs.existsSync(dbFile)) {
    return { problems: confirmed.size > 0 ? [`terminal.db is missing but ${confirmed.size} settlements were reported confirmed`] : [], settlements: 0 };
  }
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') problems.push(`quick_check: ${String(check)}`);
    // a settlement's id is the request id it was confirmed under (its primary key): one request, one row
    const byId = db.prepare('SELECT id, psn_no, mulaid_psn_no FROM settlements WHERE id = ?');
    const items = db.prepare('SELECT code, cnt FROM settlement_items WHERE settlement_id = ? ORDER BY line_no');
    for (const [requestId, c] of confirmed) {
      if (c.id !== requestId) problems.push(`settlement ${c.id} was reported for request ${requestId}; its id must be the request id`);
      const rows = byId.all(requestId) as Array<{ psn_no: string; mulaid_psn_no: string | null }>;
      if (rows.length !== 1) {
        problems.push(`confirmed settlement ${c.id} (request ${requestId}) is there ${rows.length} times`);
        continue;
      }
      const r = rows[0];
      if (c.bill) {
        const got = (items.all(requestId) as Array<{ code: string; cnt: string }>).map((i) => `${i.code}x${i.cnt}`).sort();
        const want = c.bill.lines.map((l) => `${l.code}x${l.qty}`).sort();
        if (r.psn_no !== c.bill.psn_no || (r.mulaid_psn_no ?? null) !== c.bill.mulaidPsnNo || got.join() !== want.join()) {
          problems.push(`settlement ${c.id} is not the bill that was confirmed: ${r.psn_no}/${r.mulaid_psn_no} ${got.join()} vs ${c.bill.psn_no}/${c.bill.mulaidPsnNo} ${want.join()}`);
        }
      }
    }
    const torn = db
      .prepare(
        `SELECT s.id FROM settlements s WHERE
           NOT EXISTS (SELECT 1 FROM settlement_items i WHERE i.settlement_id = s.id)
        OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.settlement_id = s.id AND o.infno IN ('2102', '2207'))
        OR NOT EXISTS (SELECT 1 FROM audit a WHERE a.subject = s.id AND a.action = 'settlement.confirm')`,
      )
      .all() as Array<{ id: string }>;
    for (const t of torn) problems.push(`settlement ${t.id} was committed without its items, settle message or audit entry`);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM settlements').get() as { n: number };
    return { problems, settlements: n };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- judgement 2: after the final drain

const AMOUNTS = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay'] as const;

export interface FinalReport {
  problems: string[];
  terminalSettled: number;
  terminalReversed: number;
  centerEffective: number;
  centerReversed: number;
  /** settled at the terminal where the local preview differs from the center's split (the center's is kept) */
  previewDiffers: number;
  outbox: Record<string, number>;
  sendLog: Record<string, number>;
}

/**
 * The center's effective (settled, not reversed) settlements against the terminal's 'settled' ones,
 * matched by the center's setl_id: one to one, same person and co-pay authorizer, and the same
 * amounts to the fen (the bill total against the terminal's own total; the split against the split
 * the terminal recorded). Nothing may be left open or parked at the terminal.
 */
export function compareWithCenter(dbFile: string, center: CenterSettlement[]): FinalReport {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const rows = db.prepare('SELECT id, status, psn_no, mulaid_psn_no, medfee_sumamt, local_split, center_split, setl_id, last_error FROM settlements').all() as Array<{
      id: string;
      status: string;
      psn_no: string;
      mulaid_psn_no: string | null;
      medfee_sumamt: number;
      local_split: string;
      center_split: string | null;
      setl_id: string | null;
      last_error: string | null;
    }>;
    const outbox: Record<string, number> = {};
    for (const r of db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as Array<{ status: string; n: number }>) outbox[r.status] = r.n;
    const sendLog: Record<string, number> = {};
    const hasSendLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'send_log'").get();
    if (hasSendLog) {
      for (const r of db.prepare('SELECT infno, state, COUNT(*) AS n FROM send_log GROUP BY infno, state').all() as Array<{ infno: string; state: string; n: number }>) {
        sendLog[`${r.infno}:${r.state}`] = r.n;
      }
    }
    for (const [status, n] of Object.entries(outbox)) {
      if (status !== 'done') problems.push(`${n} outbox message(s) are '${status}' after the final drain`);
    }
    for (const p of db.prepare("SELECT settlement_id, infno, msgid, status, last_error FROM outbox WHERE status != 'done' LIMIT 10").all() as Array<Record<string, string>>) {
      problems.push(`  open: ${p.infno} ${p.msgid} of ${p.settlement_id} (${p.status}): ${p.last_error ?? ''}`);
    }

    const effective = center.filter((c) => c.status === 'settled');
    const centerById = new Map<string, CenterSettlement>();
    for (const c of center) {
      if (centerById.has(c.setl_id)) problems.push(`the center has setl_id ${c.setl_id} twice`);
      centerById.set(c.setl_id, c);
    }

    const settled = rows.filter((r) => r.status === 'settled');
    const reversed = rows.filter((r) => r.status === 'reversed');
    for (const r of rows) {
      if (r.status !== 'settled' && r.status !== 'reversed') problems.push(`terminal settlement ${r.id} is '${r.status}' after the final drain (${r.last_error ?? ''})`);
    }
    const terminalBySetl = new Map<string, (typeof rows)[number]>();
    let previewDiffers = 0;
    for (const r of settled) {
      if (!r.setl_id) {
        problems.push(`terminal settlement ${r.id} is settled without a setl_id`);
        continue;
      }
      if (terminalBySetl.has(r.setl_id)) problems.push(`setl_id ${r.setl_id} is on two terminal settlements`);
      terminalBySetl.set(r.setl_id, r);
      const c = centerById.get(r.setl_id);
      if (!c) {
        problems.push(`terminal settlement ${r.id} (setl_id ${r.setl_id}) is unknown to the center`);
        continue;
      }
      if (c.status !== 'settled') {
        problems.push(`terminal settlement ${r.id} is settled, the center has ${r.setl_id} ${c.status}`);
        continue;
      }
      if (c.psn_no !== r.psn_no || (c.mulaid_psn_no || null) !== (r.mulaid_psn_no || null)) {
        problems.push(`${r.setl_id}: person ${c.psn_no}/${c.mulaid_psn_no} at the center, ${r.psn_no}/${r.mulaid_psn_no} at the terminal`);
      }
      const split = r.center_split ? (JSON.parse(r.center_split) as Record<string, number>) : null;
      if (!split) {
        problems.push(`terminal settlement ${r.id} is settled without the center's split`);
        continue;
      }
      if (c.medfee_sumamt !== r.medfee_sumamt) problems.push(`${r.setl_id}: medfee_sumamt ${c.medfee_sumamt} at the center, ${r.medfee_sumamt} at the terminal`);
      for (const k of AMOUNTS) {
        if (c[k] !== split[k]) problems.push(`${r.setl_id}: ${k} ${c[k]} fen at the center, ${split[k]} fen at the terminal`);
      }
      const local = JSON.parse(r.local_split) as Record<string, number>;
      if (AMOUNTS.some((k) => local[k] !== split[k])) previewDiffers += 1;
    }
    for (const c of effective) {
      if (!terminalBySetl.has(c.setl_id)) {
        const owner = db.prepare('SELECT settlement_id, infno FROM outbox WHERE msgid = ?').get(c.msgid) as { settlement_id: string; infno: string } | undefined;
        const logged = hasSendLog ? (db.prepare('SELECT settlement_id, state, resolution FROM send_log WHERE msgid = ?').get(c.msgid) as Record<string, string> | undefined) : undefined;
        const ownerRow = logged?.settlement_id ?? owner?.settlement_id;
        const local = ownerRow ? rows.find((r) => r.id === ownerRow) : undefined;
        problems.push(
          `the center's effective settlement ${c.setl_id} (msgid ${c.msgid}, ${c.psn_no}, ${c.medfee_sumamt} fen) has no settled counterpart at the terminal` +
            (local ? ` — it came from terminal settlement ${local.id}, which is '${local.status}' with setl_id ${local.setl_id}` : '') +
            (logged ? ` — send log: ${logged.state}${logged.resolution ? `, resolution ${logged.resolution}` : ''}` : ''),
        );
      }
    }
    for (const r of reversed) {
      if (!r.setl_id) continue;
      const c = centerById.get(r.setl_id);
      if (!c) problems.push(`terminal settlement ${r.id} is reversed, its setl_id ${r.setl_id} is unknown to the center`);
      else if (c.status !== 'reversed') problems.push(`terminal settlement ${r.id} is reversed, the center still has ${r.setl_id} ${c.status}`);
    }
    return {
      problems,
      terminalSettled: settled.length,
      terminalReversed: reversed.length,
      centerEffective: effective.length,
      centerReversed: center.length - effective.length,
      previewDiffers,
      outbox,
      sendLog,
    };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- small things

// the parent's choices are replayable with CRASH_SEED
export { seededRandom } from './seeded-random.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
