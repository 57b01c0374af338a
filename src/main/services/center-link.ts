/** What the terminal knows about its connection to the center, for the status bar. */
export function createCenterLink(opts: { url: string; onChange(): void }) {
  let state: 'online' | 'offline' | 'unknown' = 'unknown';
  let lastOkAt: string | null = null;
  let lastError: string | null = null;
  let signedIn = false;
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
    signedIn(v: boolean) {
      signedIn = v;
    },
    state: () => ({ state, url: opts.url, signedIn, lastOkAt, lastError }),
  };
}
