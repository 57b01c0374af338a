/**
 * A throwaway institution on this machine: PostgreSQL in a temp directory (pg-cluster.ts), the
 * institution schema migrated, three windows and a finance user provisioned, the institution's demo
 * cashiers written by the owner (the demo-only path: against an external center a terminal never
 * seeds demo cashiers itself, config.ts refuses it; here the institution has them and every window
 * pulls them), one external center simulator, and three terminals in browser mode on loopback ports,
 * all with the same fixmedins_code. The first window also has the finance connection (the windows
 * overview, the institution's end of day).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startCenterSim, type CenterSim } from '../center-sim/index.js';
import { startBrowserMode, type BrowserModeHandle } from '../main/browser-mode.js';
import { ownerAddCashier } from '../main/institution/pg/cashiers-sql.js';
import { migrateInstitution } from '../main/institution/pg/migrate.js';
import { provisionFinance, provisionWindow } from '../main/institution/pg/provision.js';
import { DEMO_CASHIERS } from '../main/store/cashiers.js';
import { hashPin } from '../main/store/pin-hash.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

export const DEMO_FIXMEDINS_CODE = 'P53060200001';
export const DEMO_WINDOWS = [
  { id: 'W01', label: '门诊收费一 outpatient 1' },
  { id: 'W02', label: '门诊收费二 outpatient 2' },
  { id: 'W03', label: '药房 pharmacy' },
] as const;

export interface DemoWindow {
  id: string;
  label: string;
  url: string;
  newLaunchUrl(): string;
  finance: boolean;
}

export interface InstitutionDemo {
  dir: string;
  pgPort: number;
  centerUrl: string;
  windows: DemoWindow[];
  cashiers: ReadonlyArray<{ no: string; name: string; role: string; pin: string }>;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** where everything lives (removed by close unless keep) */
  dir: string;
  /** first window's port; the others follow (0: any free ports) */
  basePort: number;
  staticDir: string;
  keep?: boolean;
  log(line: string): void;
}

export async function startInstitutionDemo(o: DemoOptions): Promise<InstitutionDemo> {
  fs.mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  let cluster: PgCluster | null = null;
  let sim: CenterSim | null = null;
  const terminals: BrowserModeHandle[] = [];
  const close = async () => {
    for (const t of terminals.splice(0).reverse()) await t.close().catch((e) => o.log(`[demo] closing a window: ${(e as Error).message}`));
    await sim?.close().catch(() => undefined);
    sim = null;
    cluster?.destroy();
    cluster = null;
    if (!o.keep) fs.rmSync(o.dir, { recursive: true, force: true });
  };
  try {
    o.log('[demo] starting PostgreSQL in a temp directory…');
    cluster = await startPgCluster({ fsync: false });
    const c0 = new pg.Client({ connectionString: cluster.url() });
    await c0.connect();
    await c0.query('CREATE DATABASE institution');
    await c0.end();
    const owner = new pg.Client({ connectionString: cluster.url('institution') });
    await owner.connect();
    const conn = (role: string, password: string) => {
      const passwordFile = path.join(o.dir, `${role}.pw`);
      fs.writeFileSync(passwordFile, password, { mode: 0o600 });
      return { url: `postgres://${role}@127.0.0.1:${cluster!.port}/institution`, passwordFile, tls: { mode: 'disable' as const } };
    };
    const secret = () => `demo-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    const databases: Record<string, ReturnType<typeof conn>> = {};
    let finance: ReturnType<typeof conn>;
    try {
      const m = await migrateInstitution(owner);
      o.log(`[demo] institution schema at version ${m.version}`);
      for (const w of DEMO_WINDOWS) {
        const role = `pos_w_${w.id.toLowerCase()}`;
        const pw = secret();
        await provisionWindow(owner, { terminalId: w.id, fixmedinsCode: DEMO_FIXMEDINS_CODE, role, password: pw, label: w.label });
        databases[w.id] = conn(role, pw);
      }
      const finPw = secret();
      await provisionFinance(owner, { role: 'pos_fin', password: finPw });
      finance = conn('pos_fin', finPw);
      const created = new Date().toISOString();
      for (const c of DEMO_CASHIERS) await ownerAddCashier(owner, DEMO_FIXMEDINS_CODE, { no: c.no, name: c.name, role: c.role, pinHash: hashPin(c.pin), createdAt: created }, 'demo');
    } finally {
      await owner.end();
    }

    sim = await startCenterSim({ dbPath: path.join(o.dir, 'center-sim.db'), port: 0, host: '127.0.0.1' });
    o.log(`[demo] center simulator at ${sim.url}`);
    const windows: DemoWindow[] = [];
    for (const [i, w] of DEMO_WINDOWS.entries()) {
      const t = await startBrowserMode({
        staticDir: o.staticDir,
        port: o.basePort === 0 ? 0 : o.basePort + i,
        log: (line) => o.log(`[${w.id}] ${line}`),
        overrides: {
          dataDir: path.join(o.dir, w.id),
          terminal: { id: w.id, fixmedins_code: DEMO_FIXMEDINS_CODE, msgidSlot: i + 1 },
          center: { url: sim.url },
          institution: { database: databases[w.id], ...(i === 0 ? { finance: finance! } : {}), replication: { heartbeatMs: 5_000, staleAfterMs: 60_000 } },
        },
      });
      terminals.push(t);
      windows.push({ id: w.id, label: w.label, url: t.url, newLaunchUrl: t.newLaunchUrl, finance: i === 0 });
    }
    return { dir: o.dir, pgPort: cluster.port, centerUrl: sim.url, windows, cashiers: DEMO_CASHIERS, close };
  } catch (e) {
    await close();
    throw e;
  }
}
