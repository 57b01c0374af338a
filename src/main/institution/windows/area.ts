/**
 * The windows overview's calls (api-institution-windows.ts), spread into app.ts's handlers. The
 * finance connection is opened on first use and kept; without institution.finance at this window the
 * call says so (the overview is for the supervisor's terminal that has it).
 */
import type pg from 'pg';
import type { AppConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { AreaHandlers } from '../../router.js';
import type { institutionWindowsCalls } from '../../../shared/api-institution-windows.js';
import { openPool } from '../pg/connect.js';
import { readWindowsOverview } from './overview.js';

export function createWindowsOverviewArea(d: { config: AppConfig; today(): string; timeOfDay(d: Date): string }) {
  const finance = d.config.institution?.finance;
  let pool: pg.Pool | null = null;
  const handlers: AreaHandlers<typeof institutionWindowsCalls> = {
    'institution.windows': async (i) => {
      if (!finance) throw AppError.keyed('CONFLICT', 'institution.noFinance', {}, { message: 'no institution.finance connection at this window: the windows overview needs it' });
      pool ??= openPool(finance, { max: 2, applicationName: `pos-windows ${d.config.terminal.id}` });
      try {
        return await readWindowsOverview(pool, {
          fixmedinsCode: d.config.terminal.fixmedins_code,
          businessDate: i.businessDate ?? d.today(),
          staleAfterMs: d.config.institution!.replication.staleAfterMs,
          timeOfDay: d.timeOfDay,
        });
      } catch (e) {
        throw AppError.keyed('CONFLICT', 'institution.financeUnreachable', {}, { message: `the institution database cannot be read: ${(e as Error).message}` });
      }
    },
  };
  return {
    handlers,
    async close() {
      await pool?.end().catch(() => undefined);
    },
  };
}
