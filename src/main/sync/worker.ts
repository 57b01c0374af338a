/**
 * The outbox worker: sends committed messages to the center in order — one settlement's messages
 * strictly one after another (a reversal never goes before its settlement), several settlements at
 * once up to `concurrency` — retrying with backoff, and reporting every outcome to the messages'
 * owner (ports.ts). How one message is sent and what its outcomes are: send-one.ts.
 */
import type { Store } from '../store/index.js';
import type { MessageOwner, MessageSender, PreparedSend } from './ports.js';
import { createSender, type DrainProgress } from './send-one.js';

export interface SyncDeps<P extends PreparedSend = PreparedSend> {
  store: Store;
  /** what the messages are about: the settlement owner (services/settlement) */
  owner: MessageOwner<P>;
  /** the center; rejects with the CenterError the client made */
  center: MessageSender;
  /** before a send is logged: sign in if needed. A failure here is not a send (retried later, nothing logged). */
  prepare?(): Promise<void>;
  retryBaseMs: number;
  retryMaxMs: number;
  /** after each message, and after each pass: the status bar may have changed */
  onStatus(): void;
  now?: () => number;
  /** idle poll interval, so a center that comes back is noticed without a kick */
  pollMs?: number;
  /** how many settlements are sent at the same time (each settlement's messages stay in order); default 1 */
  concurrency?: number;
  random?: () => number;
}

export function createSyncWorker<P extends PreparedSend>(deps: SyncDeps<P>) {
  const now = deps.now ?? (() => Date.now());
  const pollMs = deps.pollMs ?? 5_000;
  const concurrency = Math.max(1, Math.floor(deps.concurrency ?? 1));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  /** stop() is waiting for the pass in progress: log nothing more to go */
  let stopping = false;
  let again = false;
  const progressListeners = new Set<(p: DrainProgress) => void>();
  const { store } = deps;

  function report(p: DrainProgress) {
    for (const l of progressListeners) {
      try {
        l(p);
      } catch {
        // a listener's failure is not the worker's
      }
    }
  }

  const sender = createSender({
    store,
    owner: deps.owner,
    center: deps.center,
    prepare: deps.prepare,
    retryBaseMs: deps.retryBaseMs,
    retryMaxMs: deps.retryMaxMs,
    now,
    random: deps.random,
    report,
    stopping: () => stopping,
    concurrency,
  });

  async function drain(): Promise<void> {
    do {
      again = false;
      const inFlight = new Map<string, Promise<void>>();
      let halted = false;
      // re-read the queue after each answer: a refusal may have parked followers, a success freed the next step
      for (;;) {
        if (!halted && inFlight.size < concurrency) {
          // each settlement in flight has one due message (the one being sent): `concurrency` rows hold every free one wanted
          const rows = store.outbox.due(now(), concurrency).filter((r) => !inFlight.has(r.settlement_id));
          if (rows.length > 0) {
            for (const row of rows.slice(0, concurrency - inFlight.size)) {
              const p = sender
                .sendOne(row, (id) => inFlight.has(id))
                .then((outcome) => {
                  // the center is unreachable: stop this pass; later rows would fail the same way
                  if (outcome === 'retry') halted = true;
                })
                .catch(() => {
                  halted = true;
                })
                .finally(() => {
                  inFlight.delete(row.settlement_id);
                  deps.onStatus();
                });
              inFlight.set(row.settlement_id, p);
            }
            continue;
          }
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight.values());
      }
    } while (again);
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), Math.max(0, delay));
    timer.unref?.();
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        await drain();
      } catch {
        // a pass that failed (the database went away, a bug) is tried again at the next poll
      } finally {
        running = null;
        let wake: number | null = null;
        try {
          deps.onStatus();
          wake = store.outbox.nextWakeAt();
        } catch {
          // as above: never an unhandled rejection from a timer
        }
        schedule(wake === null ? pollMs : Math.min(pollMs, Math.max(0, wake - now())));
      }
    })();
    return running;
  }

  let recovered = false;
  function recoverOnce() {
    if (recovered) return;
    recovered = true;
    sender.recoverInterrupted();
  }

  return {
    start() {
      recoverOnce();
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      sender.abandonPreBegun();
      stopping = false;
    },
    /** something was committed: send it now */
    kick() {
      schedule(0);
    },
    /** "retry now": every pending message due at once, and wait for the pass */
    async drainNow(onProgress?: (p: DrainProgress) => void): Promise<void> {
      recoverOnce();
      if (onProgress) progressListeners.add(onProgress);
      try {
        store.outbox.makeAllDue();
        await run();
      } finally {
        if (onProgress) progressListeners.delete(onProgress);
      }
    },
    isSending: () => running !== null,
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;
