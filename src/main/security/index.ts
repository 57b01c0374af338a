/**
 * The security area, wired by app.ts in a few lines: what happens at start (data directory, the
 * store on a full disk, which cashiers may exist), the parts the core needs (pin gate, error log),
 * and the parts of the whole terminal (approvals, cashier administration, the security light).
 */
import path from 'node:path';
import type { AppConfig } from '../config.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../event-bus.js';
import { createApprovals } from '../services/approval.js';
import { createPinGate } from '../services/pin-gate.js';
import type { SessionService } from '../services/session.js';
import { isStorageFull, type Store } from '../store/index.js';
import { createApprovalRules } from './approval-rules.js';
import { createCashierAdmin } from './cashier-admin.js';
import { freeBytes, secureDataDir } from './data-dir.js';
import { createSecurityHandlers } from './handlers.js';
import { createLogFile, type LogFile } from './log-file.js';
import { createSecurityMonitor } from './monitor.js';

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

const mb = (n: number | null) => (n === null ? '?' : `${Math.floor(n / (1024 * 1024))} MB`);

/** `open()` (a database the terminal starts with), or a plain "the disk is full" instead of SQLite's code */
export async function guardStorage<T>(dataDir: string, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (e) {
    if (isStorageFull(e)) throw new StartupError(`the disk holding ${dataDir} is full (${mb(freeBytes(dataDir))} free): free some space, then start the terminal again`);
    throw e;
  }
}

/** Permissions of the data directory tightened and said; the store opened (guardStorage). */
export async function openTerminalStore(config: AppConfig, open: () => Store, log: (line: string) => void): Promise<{ store: Store; dataDirProblems: string[] }> {
  const dataDirProblems = secureDataDir(config.dataDir);
  for (const p of dataDirProblems) log(`[security] ${p}`);
  return { store: await guardStorage(config.dataDir, open), dataDirProblems };
}

const DEMO_SEEDED = 'security.demo_seeded';

/**
 * Demo cashiers exist only in the embedded default. A database the embedded default seeded, started
 * against a real center later, gets its demo accounts that still have their published PINs disabled
 * (audited, logged).
 */
export function cashiersAtStart(store: Store, config: AppConfig, embedded: boolean, log: (line: string) => void): void {
  if (embedded) {
    if (config.seedDemoCashiers && store.cashiers.seedDemoIfEmpty() > 0) store.kv.set(DEMO_SEEDED, '1');
    return;
  }
  const demo = store.kv.get(DEMO_SEEDED) === '1' ? store.cashiers.demoWithDefaultPins() : [];
  for (const no of demo) {
    store.transaction(() => {
      store.cashiers.setActive(no, false);
      store.audit.append({ actor: 'system', action: 'cashier.disable', subject: no, detail: { reason: 'demo PIN against a real center' } });
    });
    log(`[security] demo cashier ${no} still had its published PIN and was disabled (real center)`);
  }
  if (store.cashiers.count() === 0) log('[security] no cashier exists yet: the first administrator is created at the login screen, or with `pos cashier init`');
}

/** What the core needs: the pin gate (per-cashier lockout), the error log, the person cache kept short. */
export function securityCore(d: { config: AppConfig; store: Store; clock: Clock }) {
  const sec = d.config.security;
  const logFile: LogFile = createLogFile(path.join(d.config.dataDir, 'logs'), sec.log);
  const gate = createPinGate({
    store: d.store,
    lockout: { maxFailed: sec.lockout.maxFailed, lockMs: sec.lockout.minutes * 60_000 },
    now: () => d.clock.now().getTime(),
    timeOfDay: (ms) => d.clock.stamp14(new Date(ms)).replace(/^\d{8}(\d{2})(\d{2})\d{2}$/, '$1:$2'),
  });
  const purge = () => {
    try {
      d.store.personCache.purgeOlderThan(new Date(d.clock.now().getTime() - sec.personCacheDays * 86_400_000).toISOString());
    } catch (e) {
      logFile.write(`[security] person cache not purged: ${(e as Error).stack ?? String(e)}`);
    }
  };
  purge();
  const daily = setInterval(purge, 86_400_000);
  daily.unref();
  return { gate, logFile, stop: () => clearInterval(daily) };
}
export type SecurityCore = ReturnType<typeof securityCore>;

/** The whole terminal's part: approvals, rules, cashier administration, the security light, its calls. */
export function securityApp(d: { config: AppConfig; store: Store; clock: Clock; core: SecurityCore; session: SessionService; bus: EventBus; dataDirProblems: string[]; log(line: string): void }) {
  const sec = d.config.security;
  const now = () => d.clock.now().getTime();
  const approvals = createApprovals({ store: d.store, gate: d.core.gate, ttlMs: sec.approvalSeconds * 1000, now, actor: () => d.session.current() });
  const rules = createApprovalRules({ store: d.store, approvals, current: () => d.session.current(), clock: d.clock, ownWithinMinutes: sec.reversal.ownWithinMinutes });
  const admin = createCashierAdmin({ store: d.store, now });
  const monitor = createSecurityMonitor({
    store: d.store,
    dataDir: d.config.dataDir,
    dataDirProblems: d.dataDirProblems,
    minFreeBytes: sec.minFreeDiskMb * 1024 * 1024,
    bus: d.bus,
    log: (line) => {
      d.log(line);
      d.core.logFile.write(line);
    },
    nowIso: () => d.clock.now().toISOString(),
  });
  if (monitor.diskLow()) {
    d.log(`[security] the disk holding ${d.config.dataDir} is nearly full (${mb(monitor.freeBytes())} free, security.minFreeDiskMb ${sec.minFreeDiskMb}): settlements are refused until space is freed`);
  }
  return {
    handlers: createSecurityHandlers({ session: d.session, approvals, rules, admin, monitor }),
    rules,
    monitor,
    /** a confirm is refused plainly while the disk is nearly full (nothing is written) */
    beforeConfirm() {
      if (!monitor.diskLow()) return;
      const free = monitor.freeBytes();
      throw new AppError('STORAGE_FULL', `the disk is nearly full (${mb(free)} free): nothing was written`, null, null, { freeMb: String(free === null ? '' : Math.floor(free / (1024 * 1024))) });
    },
  };
}

