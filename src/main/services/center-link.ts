/** What the terminal knows about its connection to the center, for the status bar. */
export function createCenterLink(opts: { url: string; onChange(): void }) {
  let state: 'online' | 'offline' | 'unknown' = 'unknown';
  let lastOkAt: string | null = null;
  let lastError: string | null = null;
  return {
    ok() {
      const changed = state !== 'online' || lastError !== null;
      state = 'online';
      lastOkAt = new Date().toISOString();
      lastError = null;
      if (changed) opts.onChange();
    },
    failed(reason: string) {
      const changed = state !== 'offline' || lastError !== reason;
      state = 'offline';
      lastError = reason;
      if (changed) opts.onChange();
    },
    /** whether the operator is signed in is the session's to say (sign_no), not the link's */
    state: () => ({ state, url: opts.url, lastOkAt, lastError }),
  };
}
