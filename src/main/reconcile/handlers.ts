/** Calls of the end-of-day area (src/shared/api-reconcile.ts). */
import path from 'node:path';
import type { reconcileCalls } from '../../shared/api-reconcile.js';
import type { AppContext, AreaHandlers } from '../app-context.js';
import { AppError } from '../router.js';
import { CjkFontMissingError } from './cjk-font.js';
import { createReconcileService, ReconcileBusyError, type ReconcileService } from './service.js';

/** The end-of-day service of a running terminal (also used by the CLI). */
export function reconcileServiceFor(ctx: Pick<AppContext, 'config' | 'store' | 'session' | 'centerCall' | 'clock' | 'bus'>, operator?: { no: string; name: string }): ReconcileService {
  return createReconcileService({
    db: ctx.store.db,
    audit: (e) => ctx.store.audit.append(e),
    centerCall: (infno, input) => ctx.centerCall(infno, input, { insuplc_admdvs: ctx.config.terminal.mdtrtarea_admvs }),
    institution: {
      fixmedins_code: ctx.config.terminal.fixmedins_code,
      fixmedins_name: ctx.config.terminal.fixmedins_name,
      terminal_id: ctx.config.terminal.id,
    },
    setl_optins: ctx.config.terminal.mdtrtarea_admvs,
    operator: () => operator ?? ctx.session.current() ?? { no: 'system', name: '系统' },
    nowIso: () => ctx.clock.now().toISOString(),
    exportsDir: path.join(ctx.config.dataDir, 'exports'),
    onProgress: (p) => ctx.bus.emit('reconcile.progress', p),
  });
}

function mapErrors<T>(f: () => Promise<T>): Promise<T> {
  return f().catch((e: unknown) => {
    if (e instanceof ReconcileBusyError) throw new AppError('CONFLICT', e.message);
    if (e instanceof CjkFontMissingError) throw new AppError('INTERNAL', e.message);
    throw e;
  });
}

export function createReconcileHandlers(ctx: AppContext): AreaHandlers<typeof reconcileCalls> {
  const service = reconcileServiceFor(ctx);
  const period = (i: { date: string; to?: string }) => ({ from: i.date, to: i.to ?? i.date });
  return {
    'reconcile.run': (i) => mapErrors(() => service.run(period(i))),
    'reconcile.last': (i) => service.last(period(i)),
    'reconcile.export': (i) => {
      const p = period(i);
      if (p.to < p.from) throw new AppError('VALIDATION', 'to: the period ends before it starts', 'to');
      return mapErrors(() => service.export(p, i.format));
    },
    'reconcile.devDrift': (i) => {
      if (!ctx.sim) throw new AppError('DEV_ONLY', 'the drift switch exists only with the embedded simulator');
      try {
        return ctx.sim.setReconcileDrift({
          ...(i.lose !== undefined ? { lose: i.lose ? 'latest' : null } : {}),
          ...(i.alter !== undefined ? { alter: i.alter ? { setl_id: 'latest', field: i.alter.field, delta: i.alter.delta } : null } : {}),
        });
      } catch (e) {
        throw new AppError('CONFLICT', (e as Error).message);
      }
    },
  };
}
