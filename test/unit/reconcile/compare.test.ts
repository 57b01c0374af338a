import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDetails, type DetailLike, type LocalDetail } from '../../../src/main/reconcile/compare.js';

const row = (setl_id: string, medfee: number, over: Partial<DetailLike> = {}): DetailLike => ({
  setl_id, refd_setl_flag: '0', mdtrt_id: `M${setl_id}`, psn_no: 'P1', setl_time: `2026-11-24 10:00:${setl_id.slice(-2).padStart(2, '0')}`,
  medfee_sumamt: medfee, fund_pay_sumamt: medfee - 100, acct_pay: 100, acct_mulaid_pay: 0, psn_cash_pay: 0, ...over,
});
const local = (r: DetailLike): LocalDetail => ({ ...r, settlement_id: `L-${r.setl_id}`, psn_name_masked: '张*' });

describe('detail compare (3202)', () => {
  it('finds nothing when both sides hold the same records', () => {
    const rows = [row('S01', 1000), row('S02', 2000), row('RV03', -1000, { refd_setl_flag: '1' })];
    expect(compareDetails(rows.map(local), rows)).toEqual([]);
  });

  it('names each difference: missing at the center, missing here, and which amount differs by how much', () => {
    const mine = [row('S01', 1000), row('S02', 2000), row('S03', 3000)].map(local);
    const center = [row('S01', 1000), row('S02', 2000, { fund_pay_sumamt: 1950, psn_cash_pay: 50 }), row('S04', 500)];
    const d = compareDetails(mine, center);
    expect(d.map((x) => [x.kind, x.setl_id])).toEqual([
      ['amounts_differ', 'S02'],
      ['missing_at_center', 'S03'],
      ['missing_here', 'S04'],
    ]);
    expect(d[0].fields).toEqual([
      { field: 'fund_pay_sumamt', local: 1900, center: 1950, delta: 50 },
      { field: 'psn_cash_pay', local: 0, center: 50, delta: 50 },
    ]);
    expect(d[0].settlement_id).toBe('L-S02');
    expect(d[1].fields.find((f) => f.field === 'medfee_sumamt')).toEqual({ field: 'medfee_sumamt', local: 3000, center: null, delta: -3000 });
    expect(d[2]).toMatchObject({ settlement_id: null, psn_name_masked: null, local_pending_id: null });
  });

  it('explains a center-only record by a local settlement still pending (its answer never came back)', () => {
    const d = compareDetails([], [row('S09', 1234, { psn_no: 'P7' })], [
      { settlement_id: 'other', psn_no: 'P7', medfee_sumamt: 999 },
      { settlement_id: 'lost-answer', psn_no: 'P7', medfee_sumamt: 1234 },
    ]);
    expect(d[0]).toMatchObject({ kind: 'missing_here', local_pending_id: 'lost-answer' });
  });

  it('property: every unmatched or altered record is reported once, and deltas restore the center amount', () => {
    const amounts = fc.record({ medfee_sumamt: fc.integer({ min: -100000, max: 100000 }), fund_pay_sumamt: fc.integer({ min: -1e5, max: 1e5 }), acct_pay: fc.integer({ min: -1e5, max: 1e5 }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(amounts, fc.constantFrom('both', 'local', 'center', 'altered')), { maxLength: 40 }), (spec) => {
        const mine: LocalDetail[] = [];
        const center: DetailLike[] = [];
        spec.forEach(([a, where], i) => {
          const r = row(`S${String(i).padStart(3, '0')}`, 0, { ...a });
          if (where !== 'center') mine.push(local(r));
          if (where === 'both' || where === 'center') center.push(r);
          if (where === 'altered') center.push({ ...r, acct_pay: r.acct_pay + 1 });
        });
        const d = compareDetails(mine, center);
        expect(new Set(d.map((x) => x.setl_id)).size).toBe(d.length);
        expect(d.filter((x) => x.kind === 'amounts_differ')).toHaveLength(spec.filter(([, w]) => w === 'altered').length);
        expect(d.filter((x) => x.kind === 'missing_at_center')).toHaveLength(spec.filter(([, w]) => w === 'local').length);
        expect(d.filter((x) => x.kind === 'missing_here')).toHaveLength(spec.filter(([, w]) => w === 'center').length);
        for (const x of d) for (const f of x.fields) expect((f.local ?? 0) + f.delta).toBe(f.center ?? 0);
      }),
    );
  });
});
