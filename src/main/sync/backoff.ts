/** Exponential backoff with jitter: base·2^attempt, capped, then ±20% so terminals do not retry in step. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  const jitter = 0.8 + 0.4 * random();
  return Math.max(1, Math.round(raw * jitter));
}
