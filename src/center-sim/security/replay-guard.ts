/** The gateway's memory of nonces: a nonce seen within the allowed clock skew is a replay. */
export function createReplayGuard(windowSeconds: number) {
  const seen = new Map<string, number>();
  let lastSweep = 0;
  return {
    /** false when the nonce was already used (and remembers it otherwise) */
    firstUse(nonce: string, nowMs: number): boolean {
      if (nowMs - lastSweep > 10_000) {
        lastSweep = nowMs;
        for (const [n, at] of seen) if (nowMs - at > windowSeconds * 2000) seen.delete(n);
      }
      if (seen.has(nonce)) return false;
      seen.set(nonce, nowMs);
      return true;
    },
  };
}
