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
  // the cashier reads which limit it was and what to do (keyed messages); the log keeps the configuration name
  if (!limits.allowConfirm) {
    throw AppError.keyed('CONFLICT', 'offline.off', {}, { message: 'the center is unreachable and offline confirmation is off (offline.allowConfirm)' });
  }
  if (facts.stale) {
    const ageHours = facts.fetchedAt ? (facts.nowMs - Date.parse(facts.fetchedAt)) / 3_600_000 : Infinity;
    if (!(ageHours <= limits.maxPersonAgeHours)) {
      const hours = Number.isFinite(ageHours) ? ageHours.toFixed(1) : '?';
      throw AppError.keyed('CONFLICT', 'offline.personTooOld', { hours, max: limits.maxPersonAgeHours }, { message: `cached person is ${hours} h old, above offline.maxPersonAgeHours ${limits.maxPersonAgeHours}` });
    }
  }
  const insured = insuredFen(split);
  if (insured > limits.maxPerSettlementFen) {
    throw AppError.keyed('CONFLICT', 'offline.perSettlement', { amount: formatYuan(insured), max: formatYuan(limits.maxPerSettlementFen) }, { message: `insured ${insured} fen above offline.maxPerSettlementFen` });
  }
  if (facts.usedTodayFen + insured > limits.maxPerDayFen) {
    throw AppError.keyed('CONFLICT', 'offline.perDay', { total: formatYuan(facts.usedTodayFen + insured), max: formatYuan(limits.maxPerDayFen) }, { message: `day total ${facts.usedTodayFen + insured} fen above offline.maxPerDayFen` });
  }
  return insured;
}
