/**
 * A hospital of three windows: three terminal processes (test/institution/window-child.ts), one
 * simulator, one real PostgreSQL. 300 settlements concurrently across the windows, with co-pay and
 * reversals approved by a supervisor; then every window's settlements are in the institution database
 * once, equal to that window's own store to the fen, and the institution's totals are the sum of the
 * windows'.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim } from '../../../src/center-sim/index.js';
import { reconcileInstitutionCommand } from '../../../src/main/cli/institution-eod.js';
// int8 columns read as numbers (the terminal's own connections do the same, connect.ts)
import '../../../src/main/institution/pg/connect.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const H = 'H53060200001';
const PER_WINDOW = 100;
const AMOUNTS = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay'] as const;
type Amounts = Record<(typeof AMOUNTS)[number], number>;
interface LocalRow extends Amounts {
  id: string;
  status: string;
  setl_id: string | null;
  copay: boolean;
}
interface WindowRun {
  terminal: string;
  reversals: number;
  rows: LocalRow[];
}

const tmp = tempDir('pos-three-windows-');
let inst: InstitutionPg;
let financeFile = '';
let sim: CenterSim;
const runs: WindowRun[] = [];

function runWindow(terminal: string, dbFile: string, seed: number): Promise<WindowRun> {
  const data = path.join(tmp.dir, terminal);
  fs.mkdirSync(data, { recursive: true });
  const args = ['--import', 'tsx', 'test/institution/window-child.ts', '--sim', sim.url, '--data', data, '--terminal', terminal, '--fixmedins', H, '--db', dbFile, '--count', String(PER_WINDOW), '--seed', String(seed)];
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POS_SIM_ADMIN_TOKEN: sim.adminToken } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += String(d)));
  proc.stderr.on('data', (d) => (err += String(d)));
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('done '));
      if (code !== 0 || !line) return reject(new Error(`window ${terminal} exited ${code}: ${err.slice(-3000)}`));
      resolve(JSON.parse(line.slice(5)) as WindowRun);
    });
  });
}

beforeAll(async () => {
  inst = await startInstitutionPg(path.join(tmp.dir, 'pg'));
  sim = await startCenterSim({ dbPath: path.join(tmp.dir, 'center.db') });
  // the co-pay authorizer pays for two relatives 300 times: enough in his account for the whole day
  const topUp = await fetch(`${sim.url}/admin/balance/530600000000000004`, { method: 'POST', headers: { 'x-sim-admin-token': sim.adminToken, 'content-type': 'application/json' }, body: JSON.stringify({ balc: 50_000_000 }) });
  expect(topUp.status).toBe(200);
  const files: string[] = [];
  for (const w of ['W01', 'W02', 'W03']) {
    const file = path.join(tmp.dir, `${w}.db.json`);
    fs.writeFileSync(file, JSON.stringify(asConfig(await inst.addWindow(w, H, `${w} 窗口`))));
    files.push(file);
  }
  financeFile = path.join(tmp.dir, 'supervisor.config.json');
  fs.writeFileSync(financeFile, JSON.stringify({ dataDir: path.join(tmp.dir, 'supervisor'), center: { url: sim.url }, terminal: { id: 'S01', fixmedins_code: H }, institution: { finance: asConfig(await inst.addFinance()) } }));
  // the three windows settle at the same time
  runs.push(...(await Promise.all(['W01', 'W02', 'W03'].map((w, i) => runWindow(w, files[i]!, 11 + i)))));
}, 300_000);

afterAll(async () => {
  await sim?.close();
  await inst?.close();
  tmp.cleanup();
});

describe('three windows, one institution', () => {
  it('300 settlements, with co-pay and reversals: each window settled everything it confirmed', () => {
    expect(runs.map((r) => r.rows.length)).toEqual([PER_WINDOW, PER_WINDOW, PER_WINDOW]);
    for (const r of runs) {
      expect(r.rows.every((x) => x.status === 'settled' || x.status === 'reversed')).toBe(true);
      expect(r.rows.filter((x) => x.status === 'reversed').length).toBe(r.reversals);
      expect(r.reversals).toBeGreaterThan(5);
      expect(r.rows.some((x) => x.copay && x.acct_mulaid_pay > 0)).toBe(true);
    }
  });

  it('every settlement is in PostgreSQL once, under its window, equal to the window’s store to the fen', async () => {
    const pg = (await inst.admin.query(`SELECT id, terminal_id, status, setl_id, ${AMOUNTS.join(', ')} FROM pos.settlements WHERE fixmedins_code = $1`, [H])).rows as Array<LocalRow & { terminal_id: string }>;
    expect(pg.length).toBe(3 * PER_WINDOW);
    const byId = new Map(pg.map((r) => [r.id, r]));
    for (const run of runs) {
      for (const local of run.rows) {
        const there = byId.get(local.id);
        expect(there, local.id).toBeDefined();
        expect({ terminal: there!.terminal_id, status: there!.status, setl_id: there!.setl_id, ...Object.fromEntries(AMOUNTS.map((f) => [f, there![f]])) }).toEqual({
          terminal: run.terminal,
          status: local.status,
          setl_id: local.setl_id,
          ...Object.fromEntries(AMOUNTS.map((f) => [f, local[f]])),
        });
      }
    }
    // every window told the institution it holds nothing more
    const status = (await inst.admin.query('SELECT terminal_id, backlog, acked_seq, local_seq FROM pos.window_status ORDER BY terminal_id')).rows;
    expect(status.map((s) => [s.terminal_id, s.backlog, s.acked_seq === s.local_seq])).toEqual([
      ['W01', 0, true],
      ['W02', 0, true],
      ['W03', 0, true],
    ]);
  });

  it("the institution's totals are the sum of the windows' to the fen, and the center holds the same", async () => {
    const sum = (rows: readonly Amounts[]) => Object.fromEntries(AMOUNTS.map((f) => [f, rows.reduce((t, r) => t + r[f], 0)]));
    const standing = (rows: readonly LocalRow[]) => rows.filter((r) => r.status === 'settled');
    const windows = runs.map((r) => sum(standing(r.rows)));
    const expected = Object.fromEntries(AMOUNTS.map((f) => [f, windows.reduce((t, w) => t + w[f]!, 0)]));
    const inPg = (await inst.admin.query(`SELECT ${AMOUNTS.map((f) => `SUM(${f})::bigint AS ${f}`).join(', ')} FROM pos.settlements WHERE fixmedins_code = $1 AND status = 'settled'`, [H])).rows[0];
    expect(inPg).toEqual(expected);
    // the center settled each of them once (a reversal leaves the original and its reversal)
    const atCenter = sim.settlements().filter((s) => runs.some((r) => r.rows.some((x) => x.setl_id === s.setl_id)));
    expect(atCenter.length).toBe(3 * PER_WINDOW);
  });

  it('one institution reconciliation over the three windows is balanced, every window named in it', async () => {
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (x: string) => out.push(x) > 0 }, stderr: { write: (x: string) => err.push(x) > 0 } };
    const code = await reconcileInstitutionCommand(['--institution', '--date', day, '--config', financeFile, '--json'], io);
    expect(err.join(''), out.join('')).toBe('');
    const r = JSON.parse(out.join('')) as { status: string; incomplete: unknown[]; windows: Array<{ terminal_id: string; local: { count: number; medfee_sumamt: number } }>; groups: Array<{ status: string; local: { count: number; medfee_sumamt: number } }> };
    expect(code).toBe(0);
    expect(r.status).toBe('balanced');
    expect(r.incomplete).toEqual([]);
    expect(new Set(r.windows.map((w) => w.terminal_id))).toEqual(new Set(['W01', 'W02', 'W03']));
    // the groups' totals are the windows' totals added up
    const byGroups = r.groups.reduce((t, g) => t + g.local.medfee_sumamt, 0);
    expect(r.windows.reduce((t, w) => t + w.local.medfee_sumamt, 0)).toBe(byGroups);
  });
});
