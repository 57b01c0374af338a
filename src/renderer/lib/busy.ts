/**
 * Calls in flight, so the UI can show progress for anything that takes over a second.
 * A tiny external store (useSyncExternalStore reads it); no React here.
 */
export interface BusyEntry {
  id: number;
  /** i18n key of what is being waited for */
  labelKey: string;
  startedAt: number;
}

let nextId = 1;
let entries: readonly BusyEntry[] = [];
const subscribers = new Set<() => void>();

function emit(): void {
  for (const s of subscribers) s();
}

export function beginBusy(labelKey: string, now = Date.now()): () => void {
  const entry: BusyEntry = { id: nextId++, labelKey, startedAt: now };
  entries = [...entries, entry];
  emit();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    entries = entries.filter((e) => e.id !== entry.id);
    emit();
  };
}

export function busySnapshot(): readonly BusyEntry[] {
  return entries;
}

export function subscribeBusy(fn: () => void): () => void {
  subscribers.add(fn);
  return () => {
    subscribers.delete(fn);
  };
}

/** The entry to show: the oldest one that has been running at least `thresholdMs`. */
export function visibleBusy(list: readonly BusyEntry[], now: number, thresholdMs = 1000): BusyEntry | null {
  let best: BusyEntry | null = null;
  for (const e of list) {
    if (now - e.startedAt >= thresholdMs && (!best || e.startedAt < best.startedAt)) best = e;
  }
  return best;
}
