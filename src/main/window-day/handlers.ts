/**
 * Calls of the window's day (src/shared/api-window-day.ts). Without an institution database the
 * terminal is its own institution: `available` says false and the other calls refuse with CONFLICT
 * (its end of day is the reconciliation with the center, as before).
 */
import type { windowDayCalls } from '../../shared/api-window-day.js';
import type { InstitutionStatus } from '../../shared/api-institution-replication.js';
import type { PdfFile } from '../../shared/api-till.js';
import { AppError } from '../errors.js';
import type { SlipDoc } from '../print/layout/doc.js';
import type { AreaHandlers } from '../router.js';
import type { Store } from '../store/index.js';
import { reconciledByInstitution } from './rule.js';
import { createWindowDayService } from './service.js';
import { windowDaySlip } from './slip.js';

export interface WindowDayAreaDeps {
  config: { institution: { database?: unknown }; terminal: { id: string; fixmedins_code: string; fixmedins_name: string }; printer: { window: string | null } };
  store: Pick<Store, 'receipts' | 'handovers' | 'cashiers' | 'replication' | 'audit'>;
  /** the replication sender's state (the status bar's) */
  replication(): InstitutionStatus;
  nowIso(): string;
  /** an ISO instant as yyyy-MM-dd HH:mm:ss in the business zone */
  localTime(iso: string): string;
  actor(): string;
  /** the print area's A4 delivery (print dialog or download), audited */
  documentPdf(doc: SlipDoc, name: string, audit: { action: string; subject: string; actor: string }): Promise<PdfFile>;
}

export function createWindowDayHandlers(d: WindowDayAreaDeps): AreaHandlers<typeof windowDayCalls> {
  const enabled = reconciledByInstitution(d.config);
  const service = createWindowDayService({ store: d.store, terminal: d.config.terminal, replication: d.replication, nowIso: d.nowIso });
  const need = () => {
    if (!enabled) throw new AppError('CONFLICT', 'institution.database is not configured: this terminal is its own institution and reconciles with the center');
    return service;
  };
  return {
    'windowDay.available': () => ({ available: enabled }),
    'windowDay.get': (i) => need().get(i.date),
    'windowDay.pdf': (i) => {
      const day = need().get(i.date);
      const doc = windowDaySlip({
        day,
        window: d.config.printer.window,
        printedAt: d.localTime(d.nowIso()),
        timeOf: (iso) => d.localTime(iso).slice(11),
        auditChainHead: d.store.audit.headLine(),
      });
      return d.documentPdf(doc, `窗口日结单-${day.terminal_id}-${day.business_date}.pdf`, { action: 'windowDay.pdf', subject: day.business_date, actor: d.actor() });
    },
  };
}
