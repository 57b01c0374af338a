/**
 * Crash test: a child terminal confirms settlements and drains its outbox against an out-of-process
 * center simulator; it is SIGKILLed at random moments and restarted, many times, in both simulator
 * modes (the center deduplicates msgids / the center applies a repeated msgid again).
 *
 * After every kill: every settlement the child reported as confirmed is in terminal.db exactly once,
 * with its first slip job exactly once, and no slip is on the printer's paper twice (print-judge.ts).
 * At the end (one more child drains the outbox and the print queue until both are empty): the center's
 * effective settlements and the terminal's settled ones match one to one, to the fen; every slip went;
 * and every settlement of an HIS bill the center confirmed (about a third of the bills) reached the HIS
 * exactly once, its reversal too, while the HIS (in this process, with its own SQLite file) was now and
 * then refusing, slow or dropping the connection after applying.
 *
 * Each child also replicates to the institution's PostgreSQL (one real cluster for the file, a window per
 * mode): after every kill the changes there run 1..n with no gap and never behind what the window acked;
 * at the end pos.settlements holds each settlement exactly once, in its final state, with the local amounts
 * to the fen, and every change once.
 *
 * CRASH_INSTITUTION=0 runs the children without it (to compare).
 *
 * CRASH_KILLS (per mode, default 50) and CRASH_SEED (default: the time) make a run larger or replayable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHisSim } from '../../../src/his-sim/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { expectRowsEqualLocal, FIXMEDINS } from '../institution/replication-helpers.js';
import { createStore } from '../../../src/main/store/index.js';
import { compareWithHis, hisPending } from '../../crash/his-judgement.js';
import { checkPrinting } from '../../crash/print-judge.js';
import {
  bundleChild,
  checkLocal,
  compareWithCenter,
  readLife,
  seededRandom,
  sleep,
  spawnChild,
  startSimProcess,
  type Bill,
  type Confirmed,
  type Landing,
  type SimProcess,
} from '../../crash/harness.js';

const KILLS_PER_MODE = Number(process.env.CRASH_KILLS ?? 50);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000_007);

type Mode = 'dedupe' | 'no-dedupe';

/** What the simulator is doing while a life runs: mostly healthy, sometimes slow, sometimes losing replies after applying them. */
function chooseFaults(rand: () => number, supported: Set<string>): { label: string; patch: Record<string, unknown> } {
  const r = rand();
  const has = (k: string) => supported.has(k);
  if (r < 0.45) return { label: 'none', patch: {} };
  if (r < 0.65) return { label: 'slow', patch: { delayMs: 20 + Math.floor(rand() * 180) } };
  if (r < 0.8 && has('timeoutAfterCommit')) {
    const only = rand();
    const onlyInfno = only < 0.5 ? '2102' : only < 0.7 ? '2103' : null;
    return { label: `timeoutAfterCommit(${onlyInfno ?? 'all'})`, patch: has('onlyInfno') ? { timeoutAfterCommit: true, onlyInfno } : { timeoutAfterCommit: true } };
  }
  if (r < 0.92) return { label: 'reply-after-timeout', patch: { delayMs: 600 + Math.floor(rand() * 300) } };
  return { label: 'down', patch: { down: true } };
}

/** What the HIS is doing while a life runs: mostly healthy; sometimes refusing, slow past the terminal's timeout, or applying and dropping the answer. */
function chooseHisFaults(rand: () => number): { label: string; patch: { refuse?: boolean; delayMs?: number; drop?: boolean } } {
  const r = rand();
  if (r < 0.6) return { label: 'none', patch: {} };
  if (r < 0.75) return { label: 'drop', patch: { drop: true } };
  if (r < 0.88) return { label: 'refuse', patch: { refuse: true } };
  return { label: 'slow', patch: { delayMs: 600 } };
}
const HIS_HEALTHY = { refuse: false, delayMs: 0, drop: false, garbage: false };

async function healthy(sim: SimProcess, supported: Set<string>, mode: Mode) {
  const clean: Record<string, unknown> = { down: false, delayMs: 0, garbage: false };
  for (const [k, v] of Object.entries({ timeoutAfterCommit: false, http500: false, businessError: null, driftedPolicy: false, onlyInfno: null })) {
    if (supported.has(k)) clean[k] = v;
  }
  if (supported.has('dedupe')) clean.dedupe = mode === 'dedupe';
  await sim.setFaults(clean);
}

/** the promise's value, or 'late' after ms (the timer does not outlive the race) */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** the family co-pay authorizer of the seeded people (the child's bills name him) */
const AUTHORIZER = '530600000000000004';

async function crashRun(mode: Mode, bundle: string, seed: number, inst: InstitutionPg) {
  const t = tempDir(`pos-crash-${mode}-`);
  const terminalId = mode === 'dedupe' ? 'CRASH_D' : 'CRASH_N';
  const database = asConfig(await inst.addWindow(terminalId, FIXMEDINS));
  const withInstitution = process.env.CRASH_INSTITUTION !== '0';
  const env: Record<string, string> = !withInstitution ? {} : { POS_CRASH_INSTITUTION: JSON.stringify({ terminal: { id: terminalId, msgidSlot: mode === 'dedupe' ? 1 : 2 }, institution: { database, replication: { batchSize: 20, retryBaseMs: 50, retryMaxMs: 200, heartbeatMs: 1_000 } } }) };
  const pgSeqs = async () => (await inst.admin.query<{ seq: number }>('SELECT seq FROM pos.settlement_changes WHERE terminal_id = $1 ORDER BY seq', [terminalId])).rows.map((r) => r.seq);
  const rand = seededRandom(seed);
  const sim = await startSimProcess({ db: path.join(t.dir, 'center.db'), dedupe: mode === 'dedupe' });
  const his = await startHisSim({ dbPath: path.join(t.dir, 'his.db'), token: `crash-${mode}` });
  const started = Date.now();
  try {
    const supported = new Set(Object.keys(await sim.setFaults({})));
    // the family co-pay authorizer pays for three of the seven kinds of bill: a run of a few hundred
    // settlements would empty the seeded 5,120.00 and the center would rightly refuse the rest
    await sim.setBalance(AUTHORIZER, 100_000_000);
    const dataDir = path.join(t.dir, 'terminal');
    const dbFile = path.join(dataDir, 'terminal.db');
    const paperFile = path.join(dataDir, 'paper.bin');
    const journal = path.join(t.dir, 'journal.log');
    fs.writeFileSync(journal, '');

    const confirmed = new Map<string, Confirmed>();
    const bills = new Map<string, Bill>();
    const landed: Record<Landing, number> = { confirm: 0, send: 0, drain: 0, idle: 0 };
    const inFlightAtKill: Record<string, number> = {};
    const faultsUsed: Record<string, number> = {};
    const hisFaultsUsed: Record<string, number> = {};
    let hisOwedAtKill = 0;
    let hisInFlightAtKill = 0;
    let startupKills = 0;
    let retriedConfirms = 0;
    let kills = 0;
    let settlements = 0;

    for (let life = 0; life < KILLS_PER_MODE; life++) {
      await healthy(sim, supported, mode);
      his.setFaults(HIS_HEALTHY);
      const offset = fs.statSync(journal).size;
      const child = spawnChild(bundle, { sim: sim.url, simAdminToken: sim.adminToken, his: his.url, hisToken: his.token!, data: dataDir, journal, mode: 'loop', seed: Math.floor(rand() * 0xffffffff), env });
      // now and then the kill lands while the terminal is starting: recovery of interrupted sends, sign-in, identification
      if (life > 0 && rand() < 0.2) {
        await Promise.race([sleep(300 + Math.floor(rand() * 800)), child.exited]);
      } else {
        if ((await within(child.ready.then(() => 'ready' as const), 30_000)) === 'late') {
          child.proc.kill('SIGKILL');
          throw new Error(`life ${life}: the child was not ready after 30 s: ${child.stderr().slice(-2000)}`);
        }
        const f = chooseFaults(rand, supported);
        faultsUsed[f.label] = (faultsUsed[f.label] ?? 0) + 1;
        if (Object.keys(f.patch).length > 0) await sim.setFaults(f.patch);
        const hf = chooseHisFaults(rand);
        hisFaultsUsed[hf.label] = (hisFaultsUsed[hf.label] ?? 0) + 1;
        his.setFaults(hf.patch);
        await Promise.race([sleep(50 + Math.floor(rand() * 350)), child.exited]);
      }
      if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
        throw new Error(`life ${life}: the child died on its own: ${child.stderr().slice(-3000)}`);
      }
      child.proc.kill('SIGKILL');
      await child.exited;
      kills += 1;

      const lifeText = fs.readFileSync(journal).subarray(offset).toString('utf8');
      const report = readLife(lifeText);
      landed[report.landed] += 1;
      if (report.startup) startupKills += 1;
      if (report.landed === 'send') for (const i of report.inFlight) inFlightAtKill[i] = (inFlightAtKill[i] ?? 0) + 1;
      for (const [requestId, bill] of report.started) bills.set(requestId, bill);
      for (const c of report.confirmed) {
        const before = confirmed.get(c.requestId);
        if (before && before.id !== c.id) throw new Error(`request ${c.requestId} was confirmed as ${before.id} and again as ${c.id}`);
        if (c.retried) retriedConfirms += 1;
        confirmed.set(c.requestId, { id: c.id, bill: bills.get(c.requestId) ?? null });
      }

      if (report.hisInFlight > 0) hisInFlightAtKill += 1;
      if (hisPending(dbFile) > 0) hisOwedAtKill += 1;
      const local = checkLocal(dbFile, confirmed);
      settlements = local.settlements;
      expect(local.problems, `after kill ${kills} (${mode}, seed ${seed}), landed in ${report.landed}`).toEqual([]);
      if (fs.existsSync(dbFile)) expect(checkPrinting(dbFile, paperFile, confirmed.keys()).problems, `slips after kill ${kills} (${mode}, seed ${seed})`).toEqual([]);
      const seqs = withInstitution ? await pgSeqs() : [];
      expect(seqs, `institution changes after kill ${kills} (${mode})`).toEqual(seqs.map((_, k) => k + 1));
    }

    // the end: a healthy center, and one more child that drains until nothing is open
    await healthy(sim, supported, mode);
    his.setFaults(HIS_HEALTHY);
    const drainer = spawnChild(bundle, { sim: sim.url, simAdminToken: sim.adminToken, his: his.url, hisToken: his.token!, data: dataDir, journal, mode: 'drain', seed: 1, env });
    const end = await within(drainer.exited, 90_000);
    if (end === 'late') {
      drainer.proc.kill('SIGKILL');
      throw new Error(`the final drain did not finish in 90 s: ${drainer.stdout()} ${drainer.stderr().slice(-2000)}`);
    }
    const afterDrain = checkLocal(dbFile, confirmed);
    expect(afterDrain.problems, `after the final drain (${mode})`).toEqual([]);
    const final = compareWithCenter(dbFile, await sim.settlements());
    // the audit hash chain holds through every kill (each entry is chained inside its own transaction)
    const audited = createStore(dbFile, { fixmedinsCode: 'P53060200001', stamp14: () => '00000000000000' });
    try {
      const chain = await audited.auditVerifier.verify();
      expect(chain.broken, `audit chain after the kills (${mode})`).toBeNull();
      expect(audited.cashiers.tampered()).toEqual([]);
    } finally {
      audited.close();
    }
    // the institution's PostgreSQL: each settlement once, final state, the local amounts; every change once
    const replicated = createStore(dbFile, { fixmedinsCode: 'P53060200001', stamp14: () => '00000000000000' });
    let institutionRows = 0;
    try {
      if (withInstitution) institutionRows = await expectRowsEqualLocal(inst.admin, { app: { store: replicated } } as unknown as Parameters<typeof expectRowsEqualLocal>[1], terminalId);
      if (withInstitution) {
        expect(await pgSeqs(), `institution changes after the final drain (${mode})`).toEqual(Array.from({ length: replicated.replication.counts().local_seq }, (_, k) => k + 1));
        expect(institutionRows).toBe(afterDrain.settlements);
      }
    } finally {
      replicated.close();
    }
    const hisFinal = compareWithHis(dbFile, his.results());
    const printing = checkPrinting(dbFile, paperFile, confirmed.keys(), true);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const authorizer = await sim.balance(AUTHORIZER);
    console.log(
      `crash test (${mode}): ${kills} kills; landed: confirm=${landed.confirm}, send=${landed.send}, drain=${landed.drain}, idle=${landed.idle}; settlements=${afterDrain.settlements}\n` +
        `  seed ${seed}, ${seconds} s; ${startupKills} kills during start-up; in flight at a 'send' kill: ${JSON.stringify(inFlightAtKill)}; ` +
        `confirms retried after a kill: ${retriedConfirms}; faults per life: ${JSON.stringify(faultsUsed)}\n` +
        `  terminal settled=${final.terminalSettled} reversed=${final.terminalReversed}; center effective=${final.centerEffective} reversed=${final.centerReversed}; ` +
        `preview≠center split (center's kept)=${final.previewDiffers}; co-pay authorizer's balance left ${authorizer.balc} fen\n` +
        `  outbox ${JSON.stringify(final.outbox)}; send log ${JSON.stringify(final.sendLog)}\n` +
        `  HIS: settled ${hisFinal.settled} (reversed ${hisFinal.reversed}) → results applied ${hisFinal.applied}, each once; redelivered after a kill or a lost answer ${hisFinal.redelivered} (most deliveries of one ${hisFinal.maxDeliveries}); ` +
        `kills with results owed to the HIS ${hisOwedAtKill}, with a result in flight ${hisInFlightAtKill}; HIS faults per life ${JSON.stringify(hisFaultsUsed)}` +
        `\n  print jobs ${JSON.stringify(printing.jobs)}; slips on the paper ${printing.slipsOnPaper}, drawer pulses ${printing.drawerKicks}` +
        `\n  institution PostgreSQL: ${institutionRows} settlements, each once, equal to the local store` +
        (final.problems.length ? `\n  PROBLEMS (${final.problems.length}):\n    ${final.problems.slice(0, 25).join('\n    ')}` : '') +
        (hisFinal.problems.length ? `\n  HIS PROBLEMS (${hisFinal.problems.length}):\n    ${hisFinal.problems.slice(0, 25).join('\n    ')}` : ''),
    );
    expect(drainer.proc.exitCode, `drain child: ${drainer.stdout()} ${drainer.stderr().slice(-2000)}`).toBe(0);
    expect(final.problems, `center vs terminal (${mode}, seed ${seed})`).toEqual([]);
    expect(printing.problems, `slips after the final drain (${mode}, seed ${seed})`).toEqual([]);
    expect(kills).toBe(KILLS_PER_MODE);
    expect(confirmed.size).toBeGreaterThan(0);
    expect(landed.send + landed.confirm).toBeGreaterThan(0);
    expect(final.terminalSettled).toBe(final.centerEffective);
    expect(hisFinal.problems, `terminal vs HIS (${mode}, seed ${seed})`).toEqual([]);
    expect(hisFinal.settled).toBeGreaterThan(0);
    expect(hisFinal.applied).toBe(hisFinal.settled + hisFinal.reversed);
    return { kills, settlements };
  } finally {
    await sim.close();
    await his.close();
    if (!process.env.CRASH_KEEP) t.cleanup();
    else console.log(`crash test (${mode}): kept ${t.dir}`);
  }
}

describe('crash test: SIGKILL the terminal at random moments', () => {
  let bundle: Awaited<ReturnType<typeof bundleChild>>;
  const pgDir = tempDir('pos-crash-pg-');
  let inst: InstitutionPg;
  beforeAll(async () => {
    bundle = await bundleChild();
    inst = await startInstitutionPg(pgDir.dir);
  }, 60_000);
  afterAll(async () => {
    bundle?.cleanup();
    await inst?.close();
    pgDir.cleanup();
  });

  // both modes at once: each has its own simulator process, data directory and child
  it.concurrent('center deduplicates msgids', async () => {
    await crashRun('dedupe', bundle.file, SEED, inst);
  }, 300_000);
  it.concurrent('center applies a repeated msgid again (no dedupe)', async () => {
    await crashRun('no-dedupe', bundle.file, SEED + 1, inst);
  }, 300_000);
});
