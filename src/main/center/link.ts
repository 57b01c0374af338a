/**
 * What the terminal knows about its connection to the center, for the status bar and the offline
 * rule. The gateway (gateway.ts) reports every call's outcome here; nobody else decides it.
 */
export type LinkState = 'online' | 'offline' | 'unknown';

export interface CenterLinkView {
  state: LinkState;
  url: string;
  lastOkAt: string | null;
  lastError: string | null;
}

export function createCenterLink(opts: { url: string; onChange(): void; nowIso?: () => string }) {
  const nowIso = opts.nowIso ?? (() => new Date().toISOString());
  let state: LinkState = 'unknown';
  let lastOkAt: string | null = null;
  let lastError: string | null = null;
  return {
    ok() {
      const changed = state !== 'online' || lastError !== null;
      state = 'online';
      lastOkAt = nowIso();
      lastError = null;
      if (changed) opts.onChange();
    },
    failed(reason: string) {
      const changed = state !== 'offline' || lastError !== reason;
      state = 'offline';
      lastError = reason;
      if (changed) opts.onChange();
    },
    /** the one bit the offline rule needs */
    isDown: () => state === 'offline',
    /** whether the operator is signed in is the session's to say (sign_no), not the link's */
    state: (): CenterLinkView => ({ state, url: opts.url, lastOkAt, lastError }),
  };
}
export type CenterLink = ReturnType<typeof createCenterLink>;
