/**
 * The outbox worker: sends committed messages to the center in order, one settlement's messages
 * strictly one after another, and applies each answer in a transaction with its audit entry.
 *
 * Outcomes: success → done; business refusal (CENTER_REFUSED) → parked with the center's reason,
 * the settlement marked for the cashier, the other settlements keep flowing; network failure,
 * timeout or a bad reply → retried later with backoff under the SAME msgid.
 */
import type { SettlementView } from '../../shared/domain.js';
import { AppError } from '../router.js';
import type { OutboxRow, SettlementRecord, Store } from '../store/index.js';
import { backoffMs } from './backoff.js';

export interface SettlementEffect {
  status?: SettlementRecord['status'];
  center_split?: SettlementRecord['center_split'];
  mdtrt_id?: string;
  setl_id?: string;
}

export interface SyncDeps {
  store: Store;
  /** send one message; resolves to the decoded output, rejects with AppError CENTER_* */
  send(row: OutboxRow, input: Record<string, unknown>, rec: SettlementRecord): Promise<unknown>;
  /** fill the fields the center assigned earlier (mdtrt_id, setl_id) into a stored payload */
  bindLate(payload: Record<string, unknown>, rec: SettlementRecord): Record<string, unknown>;
  /** what a successful answer changes in the settlement */
  effectOf(infno: string, output: unknown): SettlementEffect;
  retryBaseMs: number;
  retryMaxMs: number;
  onSettlementUpdated(view: SettlementView): void;
  onStatus(): void;
  now?: () => number;
  /** idle poll interval, so a center that comes back is noticed without a kick */
  pollMs?: number;
}

export function createSyncWorker(deps: SyncDeps) {
  const now = deps.now ?? (() => Date.now());
  const pollMs = deps.pollMs ?? 5_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let again = false;
  const { store } = deps;

  function updated(id: string) {
    const rec = store.settlements.get(id);
    if (rec) deps.onSettlementUpdated(store.settlements.toView(rec));
  }

  async function sendOne(row: OutboxRow): Promise<'ok' | 'parked' | 'retry'> {
    const rec = store.settlements.get(row.settlement_id);
    if (!rec) {
      store.outbox.park(row.id, 'settlement row missing');
      return 'parked';
    }
    let output: unknown;
    try {
      output = await deps.send(row, deps.bindLate(row.payload, rec), rec);
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      const message = err instanceof Error ? err.message : String(err);
      if (code === 'CENTER_REFUSED') {
        store.db.transaction(() => {
          store.outbox.park(row.id, message);
          store.outbox.parkFollowers(rec.id, row.id, `not sent: message ${row.msgid} was refused`);
          // a refused reversal leaves the settlement standing; a refused settlement is parked
          store.settlements.update(rec.id, { status: rec.status === 'reversing' ? 'settled' : 'refused', last_error: message });
          store.audit.append({ actor: 'sync', action: 'outbox.refused', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, err_msg: message } });
        })();
        updated(rec.id);
        return 'parked';
      }
      const wait = backoffMs(row.attempts, deps.retryBaseMs, deps.retryMaxMs);
      store.db.transaction(() => {
        store.outbox.markRetry(row.id, `${code}: ${message}`, now() + wait);
        store.settlements.update(rec.id, { last_error: message });
      })();
      updated(rec.id);
      return 'retry';
    }
    const effect = deps.effectOf(row.infno, output);
    store.db.transaction(() => {
      store.outbox.markDone(row.id, output);
      store.settlements.update(rec.id, { ...effect, last_error: null });
      store.audit.append({ actor: 'sync', action: 'outbox.sent', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, effect: { ...effect, center_split: undefined } } });
    })();
    updated(rec.id);
    return 'ok';
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      // one message at a time, re-reading the queue after each: a refusal may have parked its followers
      for (let [row] = store.outbox.due(now(), 1); row; [row] = store.outbox.due(now(), 1)) {
        const outcome = await sendOne(row);
        deps.onStatus();
        // the center is unreachable: stop this pass; later rows would fail the same way
        if (outcome === 'retry') return;
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
      } finally {
        running = null;
        deps.onStatus();
        const wake = store.outbox.nextWakeAt();
        schedule(wake === null ? pollMs : Math.min(pollMs, Math.max(0, wake - now())));
      }
    })();
    return running;
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    /** something was committed: send it now */
    kick() {
      schedule(0);
    },
    /** "retry now": every pending message due at once, and wait for the pass */
    async drainNow(): Promise<void> {
      store.outbox.makeAllDue();
      await run();
    },
    isSending: () => running !== null,
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;
