/**
 * Confirming while the center is unreachable (configuration `offline`). The terminal is offline for
 * a settlement when the person was identified from the cache (stale: 1101 failed) or the link to the
 * center is known to be down. Then, unless `offline.allowConfirm`, confirm is refused with a clear
 * reason; when allowed, three limits apply — the insured amount of the settlement (fund + own account
 * + co-pay account: what the center is expected to pay), the day's total of such amounts, and the age
 * of the cached person data — and the settlement is marked (offline_confirms) in the same transaction
 * as its commit, so the list and the receipt show it pending the center.
 */
import type { BillDraft } from '../../shared/api.js';
import type { SettlementView } from '../../shared/domain.js';
import { formatYuan } from '../../shared/money.js';
import type { AppContext } from '../app-context.js';
import { AppError } from '../router.js';

export interface OfflineMarkRow {
  settlement_id: string;
  business_date: string;
  insured_fen: number;
  person_fetched_at: string | null;
  confirmed_at: string;
}

export function createOfflineMarks(ctx: Pick<AppContext, 'store'>) {
  const db = ctx.store.db;
  return {
    usedOn(date: string): number {
      return (db.prepare('SELECT COALESCE(SUM(insured_fen), 0) AS s FROM offline_confirms WHERE business_date = ?').get(date) as { s: number }).s;
    },
    onDate(date: string): OfflineMarkRow[] {
      return db.prepare('SELECT * FROM offline_confirms WHERE business_date = ? ORDER BY confirmed_at').all(date) as OfflineMarkRow[];
    },
    has(settlementId: string): boolean {
      return db.prepare('SELECT 1 FROM offline_confirms WHERE settlement_id = ?').get(settlementId) !== undefined;
    },
    insert(m: OfflineMarkRow): void {
      db.prepare('INSERT INTO offline_confirms (settlement_id, business_date, insured_fen, person_fetched_at, confirmed_at) VALUES (?, ?, ?, ?, ?)').run(
        m.settlement_id,
        m.business_date,
        m.insured_fen,
        m.person_fetched_at,
        m.confirmed_at,
      );
    },
    personFetchedAt(psnNo: string): string | null {
      return (db.prepare('SELECT fetched_at FROM person_cache WHERE psn_no = ?').get(psnNo) as { fetched_at: string } | undefined)?.fetched_at ?? null;
    },
  };
}

/** settle.confirm with the offline rules in front of it. */
export function createOfflineConfirm(ctx: AppContext) {
  const marks = createOfflineMarks(ctx);
  return function confirm(draft: BillDraft & { requestId: string }): SettlementView {
    // the same request again: answer with what was committed, whatever the link does now
    if (ctx.store.settlements.get(draft.requestId)) return ctx.settlements.confirm(draft);
    const person = ctx.identify.get(draft.personRef);
    const offline = person.stale || ctx.status().center.state === 'offline';
    if (!offline) return ctx.settlements.confirm(draft);

    const cfg = ctx.config.offline;
    if (!cfg.allowConfirm) {
      throw new AppError(
        'CONFLICT',
        '医保中心无法连接，本终端未开启离线结算，请待网络恢复（状态栏“立即重试”）后再确认 / the center is unreachable and offline confirmation is off (offline.allowConfirm)',
      );
    }
    const fetchedAt = person.stale ? marks.personFetchedAt(person.person.psn_no) : null;
    if (person.stale) {
      const ageHours = fetchedAt ? (ctx.clock.now().getTime() - Date.parse(fetchedAt)) / 3_600_000 : Infinity;
      if (!(ageHours <= cfg.maxPersonAgeHours)) {
        throw new AppError(
          'CONFLICT',
          `本机缓存的参保信息已有 ${Number.isFinite(ageHours) ? ageHours.toFixed(1) : '?'} 小时，超过离线结算允许的 ${cfg.maxPersonAgeHours} 小时 (offline.maxPersonAgeHours)`,
        );
      }
    }
    const split = ctx.settlements.preview(draft).split;
    const insured = split.medfee_sumamt - split.psn_cash_pay;
    if (insured > cfg.maxPerSettlementFen) {
      throw new AppError('CONFLICT', `离线结算的医保支付金额 ${formatYuan(insured)} 超过单笔上限 ${formatYuan(cfg.maxPerSettlementFen)} (offline.maxPerSettlementFen)`);
    }
    const today = ctx.clock.today();
    const used = marks.usedOn(today);
    if (used + insured > cfg.maxPerDayFen) {
      throw new AppError('CONFLICT', `今日离线结算医保支付累计 ${formatYuan(used + insured)} 将超过当日上限 ${formatYuan(cfg.maxPerDayFen)} (offline.maxPerDayFen)`);
    }
    return ctx.store.db.transaction(() => {
      const view = ctx.settlements.confirm(draft);
      if (!marks.has(view.id)) {
        marks.insert({ settlement_id: view.id, business_date: today, insured_fen: insured, person_fetched_at: fetchedAt, confirmed_at: ctx.clock.now().toISOString() });
        ctx.store.audit.append({ actor: ctx.session.current()?.no ?? 'system', action: 'settlement.offline_confirm', subject: view.id, detail: { insured_fen: insured, person_fetched_at: fetchedAt, stale: person.stale } });
      }
      return view;
    })();
  };
}
