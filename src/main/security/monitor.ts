/**
 * What the status bar's security light shows: the audit chain checked at start (in the background,
 * a page at a time, so a long history never delays the counter), the cashier rows' integrity, the data
 * directory's permissions and the free disk space. Red when the chain or a cashier row is broken.
 */
import type { SecurityStatus } from '../../shared/api-security.js';
import type { EventBus } from '../event-bus.js';
import type { Store } from '../store/index.js';
import { auditHeadLine } from '../store/audit.js';
import { freeBytes } from './data-dir.js';

export interface MonitorDeps {
  store: Pick<Store, 'audit' | 'auditVerifier' | 'cashiers' | 'keys'>;
  dataDir: string;
  /** permission problems found (and fixed where possible) at start */
  dataDirProblems: string[];
  minFreeBytes: number;
  bus?: Pick<EventBus, 'emit'>;
  log(line: string): void;
  nowIso(): string;
}

export function createSecurityMonitor(d: MonitorDeps) {
  let audit: SecurityStatus['audit'] = { state: 'checking', message: null, checked: 0, head: auditHeadLine(d.store.audit.head()), checkedAt: null };
  let running: Promise<SecurityStatus> | null = null;
  let stopped = false;

  const free = () => freeBytes(d.dataDir);
  const status = (): SecurityStatus => {
    const f = free();
    return {
      audit: { ...audit, head: auditHeadLine(d.store.audit.head()) },
      cashiersTampered: d.store.cashiers.tampered(),
      dataDir: d.dataDirProblems,
      disk: { freeMb: f === null ? null : Math.floor(f / (1024 * 1024)), low: f !== null && f < d.minFreeBytes },
      keyProtection: d.store.keys.dataProtection(),
    };
  };
  const emit = () => {
    if (!stopped) d.bus?.emit('security.changed', status());
  };

  async function verify(): Promise<SecurityStatus> {
    audit = { ...audit, state: 'checking', message: null };
    emit();
    const it = d.store.auditVerifier.walk({ pageSize: 5000 });
    let r = await it.next();
    while (!r.done) {
      if (stopped) return status();
      // a page at a time: the counter's calls go between pages
      await new Promise((resolve) => setImmediate(resolve));
      r = await it.next();
    }
    const v = r.value;
    audit = { state: v.ok ? 'ok' : 'broken', message: v.broken?.message ?? null, checked: v.checked, head: auditHeadLine(v.head), checkedAt: d.nowIso() };
    if (!v.ok) d.log(`[security] AUDIT CHAIN BROKEN: ${v.broken?.message}`);
    const tampered = d.store.cashiers.tampered();
    if (tampered.length) d.log(`[security] cashier rows failing their integrity check: ${tampered.join(', ')}`);
    emit();
    return status();
  }

  return {
    status,
    /** check the chain now (again); concurrent callers share one run */
    verifyNow(): Promise<SecurityStatus> {
      running ??= verify()
        .catch((e) => {
          audit = { ...audit, state: 'broken', message: `the audit could not be read: ${(e as Error).message}` };
          emit();
          return status();
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    /** below the configured free space: confirms are refused */
    diskLow(): boolean {
      const f = free();
      return f !== null && f < d.minFreeBytes;
    },
    freeBytes: free,
    emit,
    stop() {
      stopped = true;
    },
  };
}
export type SecurityMonitor = ReturnType<typeof createSecurityMonitor>;
