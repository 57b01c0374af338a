/**
 * End of day as a service, used by the api handlers and by the `pos reconcile` / `pos export`
 * commands: run a reconciliation (one at a time), keep its result, export a period.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { ExportFormat, ExportInfo, ReconcileProgress, ReconcileResult } from '../../shared/api-reconcile.js';
import type { TxInput, TxOutput } from '../center/registry.js';
import type { AuditEntry } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { exportFileName, exportPeriod } from './export.js';
import type { Period } from './local.js';
import { runReconcile } from './reconcile.js';
import { createRunRepo } from './runs.js';

export class ReconcileBusyError extends Error {
  constructor() {
    super('对账正在进行中 / a reconciliation is already running');
    this.name = 'ReconcileBusyError';
  }
}

export interface ReconcileServiceDeps {
  db: Db;
  audit(e: AuditEntry): void;
  centerCall(infno: '3201' | '3202', input: unknown): Promise<unknown>;
  institution: ReconcileResult['institution'];
  setl_optins: string;
  operator(): { no: string; name: string };
  nowIso(): string;
  exportsDir: string;
  onProgress?(p: ReconcileProgress): void;
}

export function createReconcileService(deps: ReconcileServiceDeps) {
  const runs = createRunRepo(deps.db);
  let running: Promise<ReconcileResult> | null = null;

  async function run(p: Period): Promise<ReconcileResult> {
    if (running) throw new ReconcileBusyError();
    const runId = crypto.randomUUID();
    const operator = deps.operator();
    running = (async () => {
      try {
        const result = await runReconcile(
          {
            db: deps.db,
            center: {
              call3201: async (input: TxInput<'3201'>) => (await deps.centerCall('3201', input)) as TxOutput<'3201'>,
              call3202: async (input: TxInput<'3202'>) => (await deps.centerCall('3202', input)) as TxOutput<'3202'>,
            },
            institution: deps.institution,
            setl_optins: deps.setl_optins,
            operator,
            nowIso: deps.nowIso,
            runId,
            onProgress: deps.onProgress,
          },
          p,
        );
        runs.save(result);
        const differences = result.groups.reduce((n, g) => n + g.differences.length + g.differencesOmitted, 0);
        deps.audit({
          actor: operator.no,
          action: 'reconcile.run',
          subject: p.from === p.to ? p.from : `${p.from}..${p.to}`,
          detail: { id: runId, status: result.status, groups: result.groups.length, differences, pending: result.pending.length },
        });
        return result;
      } catch (e) {
        deps.onProgress?.({ runId, phase: 'failed', done: 0, total: 0, group: null });
        deps.audit({ actor: operator.no, action: 'reconcile.failed', subject: p.from, detail: { id: runId, error: (e as Error).message } });
        throw e;
      }
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  return {
    run,
    isRunning: () => running !== null,
    last: (p: Period) => runs.last(p.from, p.to),
    /** export into `out`, or into the exports folder under a generated name */
    async export(p: Period, format: ExportFormat, out?: string): Promise<ExportInfo> {
      const file = out ?? path.join(deps.exportsDir, exportFileName(p, format, deps.nowIso()));
      const runId = `export-${crypto.randomUUID()}`;
      const progress = (phase: ReconcileProgress['phase'], done: number, total: number) => deps.onProgress?.({ runId, phase, done, total, group: format });
      progress('export', 0, 0);
      try {
        const info = await exportPeriod(
          { db: deps.db, audit: deps.audit, institution: deps.institution, operator: deps.operator(), nowIso: deps.nowIso, onProgress: (d, t) => progress('export', d, t) },
          p,
          format,
          file,
        );
        progress('done', 1, 1);
        return info;
      } catch (e) {
        progress('failed', 0, 0);
        throw e;
      }
    },
  };
}
export type ReconcileService = ReturnType<typeof createReconcileService>;
