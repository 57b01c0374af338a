/**
 * While settlements wait for the center between two attempts (the worker's backoff, up to many
 * seconds after the center returns), the status bar says when the next attempt is ("12 秒后自动重发")
 * and the 立即重试 button stands out: the cashier can see it is waiting, and not wait for it.
 */
import type { StatusSnapshot } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { useNow } from '../lib/hooks.js';

/** Seconds until the next automatic attempt, or null when nothing waits. */
export function waitingSeconds(outbox: StatusSnapshot['outbox'] | undefined, nowMs: number): number | null {
  if (!outbox || outbox.depth === 0 || outbox.sending || !outbox.nextAttemptAt) return null;
  const at = Date.parse(outbox.nextAttemptAt);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export function RetryCountdown({ outbox }: { outbox: StatusSnapshot['outbox'] | undefined }) {
  const { t } = useI18n();
  const now = useNow(500);
  const seconds = waitingSeconds(outbox, now.getTime());
  if (seconds === null) return null;
  return (
    <span className="status-retry-in" data-testid="status-retry-in" data-seconds={seconds}>
      {seconds > 0 ? t('outbox.retryIn', { n: seconds }) : t('outbox.retryingSoon')}
    </span>
  );
}
