/**
 * Confirming while the center is unreachable (configuration `offline`). A settlement is offline when
 * the person was identified from the cache (stale: 1101 failed) or the link to the center is known to
 * be down. Then, unless `offline.allowConfirm`, confirm is refused with a clear reason; when allowed,
 * three limits apply — the insured amount of the settlement (fund + own account + co-pay account: what
 * the center is expected to pay), the day's total of such amounts, and the age of the cached person
 * data. The settlement is then marked (offline_confirms) in the transaction of its commit.
 */
import type { Split } from '../../../shared/domain.js';
import { formatYuan } from '../../../shared/money.js';
import { AppError } from '../../errors.js';

export interface OfflineLimits {
  allowConfirm: boolean;
  maxPerSettlementFen: number;
  maxPerDayFen: number;
  maxPersonAgeHours: number;
}

export interface OfflineFacts {
  /** the person came from the cache */
  stale: boolean;
  /** when the cached person was fetched (stale only) */
  fetchedAt: string | null;
  nowMs: number;
  /** the insured amount already confirmed offline today */
  usedTodayFen: number;
}

/** What the center is expected to pay for a split: everything but cash. */
export const insuredFen = (split: Split): number => split.medfee_sumamt - split.psn_cash_pay;

/** Throws the cashier's reason when an offline confirm is not allowed; returns the insured amount to mark. */
export function checkOfflineConfirm(limits: OfflineLimits, facts: OfflineFacts, split: Split): number {
  if (!limits.allowConfirm) {
    throw new AppError(
      'CONFLICT',
      '医保中心无法连接，本终端未开启离线结算，请待网络恢复（状态栏“立即重试”）后再确认 / the center is unreachable and offline confirmation is off (offline.allowConfirm)',
    );
  }
  if (facts.stale) {
    const ageHours = facts.fetchedAt ? (facts.nowMs - Date.parse(facts.fetchedAt)) / 3_600_000 : Infinity;
    if (!(ageHours <= limits.maxPersonAgeHours)) {
      throw new AppError(
        'CONFLICT',
        `本机缓存的参保信息已有 ${Number.isFinite(ageHours) ? ageHours.toFixed(1) : '?'} 小时，超过离线结算允许的 ${limits.maxPersonAgeHours} 小时 (offline.maxPersonAgeHours)`,
      );
    }
  }
  const insured = insuredFen(split);
  if (insured > limits.maxPerSettlementFen) {
    throw new AppError('CONFLICT', `离线结算的医保支付金额 ${formatYuan(insured)} 超过单笔上限 ${formatYuan(limits.maxPerSettlementFen)} (offline.maxPerSettlementFen)`);
  }
  if (facts.usedTodayFen + insured > limits.maxPerDayFen) {
    throw new AppError('CONFLICT', `今日离线结算医保支付累计 ${formatYuan(facts.usedTodayFen + insured)} 将超过当日上限 ${formatYuan(limits.maxPerDayFen)} (offline.maxPerDayFen)`);
  }
  return insured;
}
