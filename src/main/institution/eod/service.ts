/**
 * The institution's end of day as one service for the CLI and the screen: the finance connection
 * (institution.finance) opened on first use, one run at a time, the last run of a period, exports into
 * the data directory's exports/ folder.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { ExportFormat, ExportInfo, ReconcileProgress } from '../../../shared/api-reconcile.js';
import { InstitutionEodResult } from '../../../shared/api-institution-eod.js';
import type { CenterGateway } from '../../center/index.js';
import type { TxInput } from '../../center/registry.js';
import { ReconcileBusyError } from '../../reconcile/service.js';
import type { PgConnectionConfig } from '../config.js';
import { openPool } from '../pg/connect.js';
import { lastRun } from '../pg/eod-totals.js';
import { exportInstitution, instExportFileName } from './export.js';
import { runInstitutionEod } from './run.js';

export interface InstitutionEodServiceDeps {
  finance: PgConnectionConfig;
  center: Pick<CenterGateway, 'call'>;
  institution: { fixmedins_code: string; fixmedins_name: string };
  setl_optins: string;
  staleAfterMs: number;
  operator(): { no: string; name: string };
  nowIso(): string;
  exportsDir: string;
  audit?(e: { actor: string; action: string; subject: string; detail: Record<string, unknown> }): void;
  onProgress?(p: ReconcileProgress): void;
}

export type InstitutionEodService = ReturnType<typeof createInstitutionEodService>;

export function createInstitutionEodService(deps: InstitutionEodServiceDeps) {
  let pool: pg.Pool | null = null;
  const db = () => (pool ??= openPool(deps.finance, { max: 3, applicationName: 'pos-institution-eod' }));
  let running = false;
  const code = deps.institution.fixmedins_code;
  const base = (center: boolean) => ({
    pool: db(),
    center: center
      ? {
          call3201: (input: TxInput<'3201'>) => deps.center.call('3201', input, { insuplc_admdvs: deps.setl_optins }),
          call3202: (input: TxInput<'3202'>) => deps.center.call('3202', input, { insuplc_admdvs: deps.setl_optins }),
        }
      : null,
    institution: deps.institution,
    setl_optins: deps.setl_optins,
    staleAfterMs: deps.staleAfterMs,
    operator: deps.operator(),
    nowIso: deps.nowIso,
    runId: crypto.randomUUID(),
    onProgress: deps.onProgress,
  });

  async function last(p: { from: string; to: string }): Promise<InstitutionEodResult | null> {
    const r = await lastRun(db(), { code, ...p });
    return r ? InstitutionEodResult.parse(r) : null;
  }

  return {
    async run(p: { from: string; to: string }): Promise<InstitutionEodResult> {
      if (running) throw new ReconcileBusyError();
      running = true;
      try {
        return await runInstitutionEod(base(true), p);
      } finally {
        running = false;
      }
    },
    last,
    async export(p: { from: string; to: string }, format: ExportFormat, file?: string): Promise<ExportInfo> {
      const summary = (await last(p)) ?? (await runInstitutionEod(base(false), p));
      const target = file ?? path.join(deps.exportsDir, instExportFileName(p, format, deps.nowIso()));
      return exportInstitution({ pool: db(), operator: deps.operator(), nowIso: deps.nowIso, audit: deps.audit }, { code, ...p }, summary, format, target);
    },
    async close(): Promise<void> {
      await pool?.end().catch(() => undefined);
      pool = null;
    },
  };
}
