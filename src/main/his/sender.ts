/**
 * Sends the results owed to the HIS (his_notices) until the HIS acknowledges each: in order per
 * settlement, one at a time, retried with exponential backoff and jitter (sync/backoff.ts) for as long
 * as it takes — the HIS down, slow, refusing or answering garbage changes only when the next try is.
 * A notice is marked acknowledged only after the HIS's answer names its key; a kill in between makes
 * it go again at the next start, and the HIS's idempotency check keeps it from applying twice.
 */
import { backoffMs } from '../sync/backoff.js';
import type { HisNoticeRow } from '../store/his.js';
import type { Store } from '../store/index.js';
import type { BillSource } from './source.js';
import { resultFileName } from './source.js';

export interface HisSenderDeps {
  store: Pick<Store, 'his'>;
  source: Pick<BillSource, 'deliver'>;
  retryBaseMs: number;
  retryMaxMs: number;
  /** the count the status bar shows may have changed */
  onChange?(): void;
  log?(line: string): void;
  now?(): number;
}

export function createHisSender(d: HisSenderDeps) {
  const now = d.now ?? Date.now;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<void> | null = null;
  let again = false;

  async function deliverOne(n: HisNoticeRow): Promise<void> {
    try {
      const ack = await d.source.deliver(n.key, n.his_bill_no, JSON.parse(n.payload), resultFileName(n.his_bill_no, n.settlement_id, n.kind));
      d.store.his.acked(n.id, ack);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      d.store.his.failed(n.id, reason, now() + backoffMs(n.attempts, d.retryBaseMs, d.retryMaxMs));
      d.log?.(`[his] result ${n.key} not acknowledged (try ${n.attempts + 1}): ${reason}`);
    }
    d.onChange?.();
  }

  /** everything due now, oldest first; then sleep until the next one is due */
  async function drain(manual: boolean): Promise<void> {
    for (;;) {
      again = false;
      const due = d.store.his.dueNotices(now());
      for (const n of due) {
        if (stopped && !manual) return;
        await deliverOne(n);
      }
      if (due.length === 0 && !again) break;
    }
    schedule();
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const next = d.store.his.unacked().nextAttemptAt;
    if (next === null) return;
    timer = setTimeout(() => kick(), Math.max(0, Math.min(next - now(), 2 ** 31 - 1)));
    timer.unref();
  }

  function kick(manual = false): Promise<void> {
    if (pass) {
      again = true;
      return pass;
    }
    pass = drain(manual).finally(() => {
      pass = null;
    });
    return pass;
  }

  return {
    start(): void {
      stopped = false;
      void kick();
    },
    /** something was queued: look now */
    kick: () => void (stopped ? undefined : kick()),
    /** send everything owed now, whatever its backoff, and wait for it (retry button, CLI, tests); works before start */
    async drainNow(): Promise<void> {
      await pass;
      d.store.his.retryAllNow();
      await kick(true);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await pass;
    },
  };
}
export type HisSender = ReturnType<typeof createHisSender>;
