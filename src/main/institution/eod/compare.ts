/**
 * The institution's 3202 compare of one group: the center's detail, page by page, into a
 * temporary table; the differences come back from one FULL JOIN through a cursor (pg/eod-detail.ts),
 * each naming the window and the cashier where the institution has the record (or the visit).
 * Memory stays one page whatever the day's size; at most MAX_DIFFERENCES are listed, the rest counted.
 */
import type pg from 'pg';
import { RECON_AMOUNT_FIELDS } from '../../../shared/api-reconcile.js';
import type { InstDifference } from '../../../shared/api-institution-eod.js';
import type { TxInput, TxOutput } from '../../center/registry.js';
import { MAX_DIFFERENCES, yieldToLoop } from '../../reconcile/reconcile.js';
import { addCenterRows, analyzeCenterTable, createCenterTable, differences, inEodTransaction, type DiffRow } from '../pg/eod-detail.js';
import type { EodPeriod, PendingRow } from '../pg/eod-totals.js';

export const CENTER_PAGE_SIZE = 5000;

export interface CenterDetailApi {
  call3202(input: TxInput<'3202'>): Promise<TxOutput<'3202'>>;
}

function toDifference(r: DiffRow): InstDifference {
  const l = (f: string) => r[`l_${f}`] as number | null;
  const c = (f: string) => r[`c_${f}`] as number | null;
  const kind = !r.c_setl_id ? 'missing_at_center' : !r.l_setl_id ? 'missing_here' : 'amounts_differ';
  const fields = RECON_AMOUNT_FIELDS.filter((f) => (kind === 'amounts_differ' ? l(f) !== c(f) : (l(f) ?? c(f)) !== 0)).map((f) => ({
    field: f,
    local: l(f),
    center: c(f),
    delta: (c(f) ?? 0) - (l(f) ?? 0),
  }));
  return {
    kind,
    setl_id: (r.l_setl_id ?? r.c_setl_id)!,
    refd_setl_flag: r.refd_setl_flag === '1' ? '1' : '0',
    mdtrt_id: r.mdtrt_id,
    psn_no: r.psn_no,
    psn_name_masked: r.psn_name_masked,
    settlement_id: kind === 'missing_here' ? null : r.settlement_id,
    setl_time: r.setl_time,
    fields,
    local_pending_id: null,
    terminal_id: r.terminal_id,
    cashier_no: r.cashier_no,
  };
}

export async function compareGroup(
  pool: pg.Pool,
  center: CenterDetailApi,
  p: EodPeriod & { setl_optins: string },
  g: { insutype: string; clr_type: string },
  pending: readonly PendingRow[],
  onPage?: (done: number, total: number) => void,
): Promise<{ differences: InstDifference[]; omitted: number }> {
  return inEodTransaction(pool, async (c) => {
    await createCenterTable(c);
    for (let page = 1; ; page++) {
      const out = await center.call3202({
        data: { insutype: g.insutype, clr_type: g.clr_type, setl_optins: p.setl_optins, stmt_begndate: p.from, stmt_enddate: p.to, page_num: page, page_size: CENTER_PAGE_SIZE },
      });
      await addCenterRows(
        c,
        out.detail.map((d) => ({ ...d, refd_setl_flag: d.refd_setl_flag === '1' ? '1' : '0', mdtrt_id: d.mdtrt_id ?? '' })),
      );
      onPage?.(Math.min(page * CENTER_PAGE_SIZE, out.total), out.total);
      if (out.detail.length === 0 || page * CENTER_PAGE_SIZE >= out.total) break;
    }
    await analyzeCenterTable(c);
    // a center-only record whose answer never reached the window: the window's pending settlement, same person and total
    const candidates = pending.filter((x) => x.what === 'settlement' && x.insutype === g.insutype && x.clr_type === g.clr_type);
    const listed: InstDifference[] = [];
    let omitted = 0;
    for await (const rows of differences(c, p, g)) {
      for (const r of rows) {
        if (listed.length >= MAX_DIFFERENCES) {
          omitted++;
          continue;
        }
        const d = toDifference(r);
        if (d.kind === 'missing_here' && d.refd_setl_flag === '0') {
          const i = candidates.findIndex((x) => x.psn_no === d.psn_no && x.medfee_sumamt === d.fields.find((f) => f.field === 'medfee_sumamt')?.center);
          if (i >= 0) {
            const m = candidates.splice(i, 1)[0]!;
            d.local_pending_id = m.id;
            d.terminal_id ??= m.terminal_id;
            d.cashier_no ??= m.cashier_no;
          }
        }
        listed.push(d);
      }
      await yieldToLoop();
    }
    return { differences: listed, omitted };
  });
}

/** groups compared side by side (each on its own connection and temporary table): the center's pages of one arrive while another's are stored */
export const COMPARE_CONCURRENCY = 2;

export async function compareGroups<G extends { insutype: string; clr_type: string }>(
  pool: pg.Pool,
  center: CenterDetailApi,
  p: EodPeriod & { setl_optins: string },
  groups: readonly G[],
  pending: readonly PendingRow[],
  onGroup?: (g: G, done: number) => void,
): Promise<Map<G, { differences: InstDifference[]; omitted: number }>> {
  const out = new Map<G, { differences: InstDifference[]; omitted: number }>();
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const g = groups[next++]!;
      out.set(g, await compareGroup(pool, center, p, g, pending));
      onGroup?.(g, out.size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(COMPARE_CONCURRENCY, groups.length) }, worker));
  return out;
}
