/** Calls of the end-of-day area (src/shared/api-reconcile.ts). */
import path from 'node:path';
import type { reconcileCalls } from '../../shared/api-reconcile.js';
import type { CenterSim } from '../../center-sim/index.js';
import type { CenterGateway } from '../center/index.js';
import type { EventBus } from '../event-bus.js';
import { AppError } from '../errors.js';
import type { AreaHandlers } from '../router.js';
import type { Store } from '../store/index.js';
import { CjkFontMissingError } from './cjk-font.js';
import { createReconcileService, ReconcileBusyError, type ReconcileService } from './service.js';

export interface ReconcileAreaDeps {
  store: Pick<Store, 'reconcileRows' | 'reconcileRuns' | 'audit'>;
  center: Pick<CenterGateway, 'call'>;
  terminal: { id: string; fixmedins_code: string; fixmedins_name: string; mdtrtarea_admvs: string };
  dataDir: string;
  nowIso(): string;
  /** who runs it: the cashier at the window, or the CLI's --operator */
  operator(): { no: string; name: string };
  bus?: Pick<EventBus, 'emit'>;
}

/** The end-of-day service, for the api handlers and the CLI alike. */
export function reconcileServiceFor(d: ReconcileAreaDeps): ReconcileService {
  return createReconcileService({
    rows: d.store.reconcileRows,
    runs: d.store.reconcileRuns,
    audit: (e) => d.store.audit.append(e),
    center: d.center,
    institution: { fixmedins_code: d.terminal.fixmedins_code, fixmedins_name: d.terminal.fixmedins_name, terminal_id: d.terminal.id },
    setl_optins: d.terminal.mdtrtarea_admvs,
    operator: d.operator,
    nowIso: d.nowIso,
    exportsDir: path.join(d.dataDir, 'exports'),
    onProgress: d.bus ? (p) => d.bus!.emit('reconcile.progress', p) : undefined,
    auditHead: () => d.store.audit.headLine(),
  });
}

function mapErrors<T>(f: () => Promise<T>): Promise<T> {
  return f().catch((e: unknown) => {
    if (e instanceof ReconcileBusyError) throw new AppError('CONFLICT', e.message);
    if (e instanceof CjkFontMissingError) throw new AppError('INTERNAL', e.message);
    throw e;
  });
}

/** `refuseRun`: the error a run meets instead of a per-terminal 3201 (window-day/rule.ts: a window of an institution database) */
export function createReconcileHandlers(d: ReconcileAreaDeps & { sim: CenterSim | null; refuseRun?: () => AppError }): AreaHandlers<typeof reconcileCalls> {
  const service = reconcileServiceFor(d);
  const period = (i: { date: string; to?: string }) => ({ from: i.date, to: i.to ?? i.date });
  return {
    'reconcile.run': (i) => {
      if (d.refuseRun) throw d.refuseRun();
      return mapErrors(() => service.run(period(i)));
    },
    'reconcile.last': (i) => service.last(period(i)),
    'reconcile.export': (i) => {
      const p = period(i);
      if (p.to < p.from) throw new AppError('VALIDATION', 'to: the period ends before it starts', 'to');
      return mapErrors(() => service.export(p, i.format));
    },
    'reconcile.devDrift': (i) => {
      if (!d.sim) throw new AppError('DEV_ONLY', 'the drift switch exists only with the embedded simulator');
      try {
        return d.sim.setReconcileDrift({
          ...(i.lose !== undefined ? { lose: i.lose ? 'latest' : null } : {}),
          ...(i.alter !== undefined ? { alter: i.alter ? { setl_id: 'latest', field: i.alter.field, delta: i.alter.delta } : null } : {}),
        });
      } catch (e) {
        throw new AppError('CONFLICT', (e as Error).message);
      }
    },
  };
}
