/**
 * End of day as a service, used by the api handlers and by the `pos reconcile` / `pos export`
 * commands: run a reconciliation (one at a time), keep its result, export a period.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { ExportFormat, ExportInfo, ReconcileProgress, ReconcileResult } from '../../shared/api-reconcile.js';
import type { CenterGateway } from '../center/index.js';
import type { AuditEntry } from '../store/audit.js';
import type { ReconcileRows } from '../store/reconcile-rows.js';
import type { RunRepo } from '../store/reconcile-runs.js';
import { exportFileName, exportPeriod } from './export.js';
import type { Period } from './local.js';
import { runReconcile } from './reconcile.js';

export class ReconcileBusyError extends Error {
  constructor() {
    super('对账正在进行中 / a reconciliation is already running');
    this.name = 'ReconcileBusyError';
  }
}

export interface ReconcileServiceDeps {
  rows: ReconcileRows;
  runs: RunRepo;
  audit(e: AuditEntry): void;
  /** 3201 / 3202 go here (the CLI's export, which never calls the center, gives one that refuses) */
  center: Pick<CenterGateway, 'call'>;
  institution: ReconcileResult['institution'];
  setl_optins: string;
  operator(): { no: string; name: string };
  nowIso(): string;
  exportsDir: string;
  onProgress?(p: ReconcileProgress): void;
  /** the audit chain's head as printed on paper (store/audit.ts), for the PDF */
  auditHead?(): string;
}

export function createReconcileService(deps: ReconcileServiceDeps) {
  const runs = deps.runs;
  let running: Promise<ReconcileResult> | null = null;

  async function run(p: Period): Promise<ReconcileResult> {
    if (running) throw new ReconcileBusyError();
    const runId = crypto.randomUUID();
    const operator = deps.operator();
    running = (async () => {
      try {
        const result = await runReconcile(
          {
            rows: deps.rows,
            center: {
              call3201: (input) => deps.center.call('3201', input, { insuplc_admdvs: deps.setl_optins }),
              call3202: (input) => deps.center.call('3202', input, { insuplc_admdvs: deps.setl_optins }),
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
          { rows: deps.rows, runs: deps.runs, audit: deps.audit, institution: deps.institution, operator: deps.operator(), nowIso: deps.nowIso, auditHead: deps.auditHead, onProgress: (d, t) => progress('export', d, t) },
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
