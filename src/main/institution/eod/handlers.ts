/**
 * Calls of the institution's end of day (src/shared/api-institution-eod.ts), supervisor only (the
 * router checks the role from the contract). Without institution.finance the scope is not offered:
 * `available` says false and the other calls refuse with CONFLICT.
 */
import path from 'node:path';
import type { institutionEodCalls } from '../../../shared/api-institution-eod.js';
import type { ReconcileProgress } from '../../../shared/api-reconcile.js';
import type { CenterGateway } from '../../center/index.js';
import { AppError } from '../../errors.js';
import { ReconcileBusyError } from '../../reconcile/service.js';
import { CjkFontMissingError } from '../../reconcile/cjk-font.js';
import type { AreaHandlers } from '../../router.js';
import type { InstitutionConfig } from '../config.js';
import { createInstitutionEodService } from './service.js';

export interface InstitutionEodAreaDeps {
  institution: InstitutionConfig;
  center: Pick<CenterGateway, 'call'>;
  terminal: { fixmedins_code: string; fixmedins_name: string; mdtrtarea_admvs: string };
  dataDir: string;
  nowIso(): string;
  operator(): { no: string; name: string };
  audit?(e: { actor: string; action: string; subject: string; detail: Record<string, unknown> }): void;
  /** progress as the window's end of day reports it ('reconcile.progress') */
  onProgress?(p: ReconcileProgress): void;
}

export function createInstitutionEodHandlers(d: InstitutionEodAreaDeps): AreaHandlers<typeof institutionEodCalls> & { close(): Promise<void> } {
  const finance = d.institution.finance;
  const service = finance
    ? createInstitutionEodService({
        finance,
        center: d.center,
        institution: { fixmedins_code: d.terminal.fixmedins_code, fixmedins_name: d.terminal.fixmedins_name },
        setl_optins: d.terminal.mdtrtarea_admvs,
        staleAfterMs: d.institution.replication.staleAfterMs,
        operator: d.operator,
        nowIso: d.nowIso,
        exportsDir: path.join(d.dataDir, 'exports'),
        audit: d.audit,
        onProgress: d.onProgress,
      })
    : null;
  const need = () => {
    if (!service) throw new AppError('CONFLICT', 'institution.finance is not configured: this terminal is its own institution');
    return service;
  };
  const mapped = <T>(f: () => Promise<T>) =>
    f().catch((e: unknown) => {
      if (e instanceof ReconcileBusyError) throw new AppError('CONFLICT', e.message);
      if (e instanceof CjkFontMissingError) throw new AppError('INTERNAL', e.message);
      throw e;
    });
  const period = (i: { date: string; to?: string }) => ({ from: i.date, to: i.to ?? i.date });
  return {
    'institutionEod.available': () => ({ available: !!service }),
    'institutionEod.run': (i) => mapped(() => need().run(period(i))),
    'institutionEod.last': (i) => need().last(period(i)),
    'institutionEod.export': (i) => mapped(() => need().export(period(i), i.format)),
    close: async () => service?.close(),
  };
}
