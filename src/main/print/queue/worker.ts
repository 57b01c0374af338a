/**
 * The print worker: takes the queue's jobs one at a time, oldest first, and prints each exactly once.
 *   1. ask the printer (DLE EOT) where the attachment can answer: not ready (paper out, cover open,
 *      offline) → the job waits and is tried again after printer.retryMs; nothing was sent;
 *   2. mark the job 'sending' (committed), send its bytes, ask the printer again;
 *   3. mark it 'printed' with the bytes that went.
 * A failure before any byte reached the printer sends the job again later. A failure while sending,
 * or a printer that is not ready right after, makes the job 'uncertain': a thermal printer cannot say
 * whether the slip came out, so it is never printed again by itself — the cashier looks and reprints
 * (补打) or confirms it. A SIGKILL between 2 and 3 leaves 'sending', which the next start turns into
 * 'uncertain' for the same reason.
 */
import type { PrinterState } from '../../../shared/api-print.js';
import type { PrintJobRow, PrintJobs } from '../../store/print-jobs.js';
import { stateOf } from '../escpos/status.js';
import { PrinterIoError, type PrinterTransport } from '../transports/types.js';

export interface PrinterCondition {
  state: PrinterState;
  nearEnd: boolean;
  reason: string | null;
  checkedAt: string | null;
}

export interface PrintWorkerDeps {
  jobs: PrintJobs;
  transport: PrinterTransport;
  bytes(job: PrintJobRow): Buffer;
  retryMs: number;
  statusPollMs: number;
  statusTimeoutMs: number;
  nowMs(): number;
  /** the printer's condition or the queue changed */
  changed(): void;
  printed(job: PrintJobRow): void;
  log(line: string): void;
}

const REASONS: Record<PrinterState, string | null> = {
  ready: null,
  paper_out: '打印机缺纸',
  cover_open: '打印机盖未关',
  offline: '打印机离线',
  error: '打印机故障',
  unknown: null,
};

export function createPrintWorker(d: PrintWorkerDeps) {
  let cond: PrinterCondition = { state: d.transport.canReport ? 'unknown' : 'ready', nearEnd: false, reason: null, checkedAt: null };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let wakeTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  // one conversation with the printer at a time: a status poll never interleaves with a job's query or bytes
  let lane: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = lane.then(fn, fn);
    lane = run.catch(() => undefined);
    return run;
  }

  function setCondition(next: Omit<PrinterCondition, 'checkedAt'>) {
    const changed = next.state !== cond.state || next.nearEnd !== cond.nearEnd || next.reason !== cond.reason;
    cond = { ...next, checkedAt: new Date(d.nowMs()).toISOString() };
    if (changed) d.changed();
  }

  /** the printer's state now (DLE EOT), or ready where the attachment cannot say */
  async function check(): Promise<PrinterState> {
    if (!d.transport.canReport) {
      setCondition({ state: 'ready', nearEnd: false, reason: null });
      return 'ready';
    }
    try {
      const s = stateOf(await d.transport.status(d.statusTimeoutMs));
      setCondition({ state: s.state, nearEnd: s.nearEnd, reason: REASONS[s.state] });
      return s.state;
    } catch (e) {
      setCondition({ state: 'offline', nearEnd: false, reason: `${REASONS.offline}：${(e as Error).message}` });
      return 'offline';
    }
  }

  const canTake = (job: PrintJobRow, state: PrinterState) => state === 'ready' || (job.kind === 'drawer' && (state === 'paper_out' || state === 'cover_open'));

  /** one job; false when the printer is not ready (the queue stops until it is) */
  async function printOne(job: PrintJobRow): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = d.bytes(job);
    } catch (e) {
      // a slip that cannot be made (its settlement is missing): kept, tried now and then, said in the log
      d.jobs.retryAt(job.id, `cannot make the slip: ${(e as Error).message}`, d.nowMs() + d.retryMs * 12);
      d.log(`[print] job ${job.id} (${job.kind}) cannot be rendered: ${(e as Error).message}`);
      return true;
    }
    const before = await check();
    if (!canTake(job, before)) {
      d.jobs.retryAt(job.id, cond.reason ?? before, d.nowMs() + d.retryMs);
      d.changed();
      return false;
    }
    if (!d.jobs.markSending(job.id)) return true;
    try {
      await d.transport.write(bytes);
    } catch (e) {
      const err = e instanceof PrinterIoError ? e : new PrinterIoError('write', true, (e as Error).message);
      setCondition({ state: 'offline', nearEnd: false, reason: `${REASONS.offline}：${err.message}` });
      if (err.reached) {
        d.jobs.markUncertain(job.id, `打印中断，小票可能不完整：${err.message}`, bytes);
        d.printed(d.jobs.get(job.id)!);
      } else d.jobs.retryAt(job.id, err.message, d.nowMs() + d.retryMs);
      d.changed();
      return false;
    }
    if (job.kind !== 'drawer' && d.transport.canReport) {
      const after = await check();
      if (after !== 'ready') {
        d.jobs.markUncertain(job.id, `打印后${cond.reason ?? after}，小票可能不完整`, bytes);
        d.printed(d.jobs.get(job.id)!);
        d.changed();
        return false;
      }
    }
    d.jobs.markPrinted(job.id, bytes);
    d.printed(d.jobs.get(job.id)!);
    d.changed();
    return true;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const job = d.jobs.due(d.nowMs());
        if (!job) break;
        if (!(await exclusive(() => printOne(job)))) break;
      }
    } while (again && !stopped);
    schedule();
  }

  /** look again when the next held slip's wait or the next retry is over */
  function schedule() {
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    const at = d.jobs.nextWakeAt();
    if (at === null || stopped) return;
    wakeTimer = setTimeout(kick, Math.max(0, at - d.nowMs()) + 5);
    wakeTimer.unref();
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((e) => d.log(`[print] the print worker failed: ${e instanceof Error ? e.stack : String(e)}`))
      .finally(() => {
        running = null;
      });
  }

  async function poll() {
    if (stopped) return;
    if (!running) {
      const was = cond.state;
      const now = await exclusive(check);
      if (now === 'ready' && was !== 'ready') kick();
    }
    if (!stopped) {
      pollTimer = setTimeout(() => void poll(), d.statusPollMs);
      pollTimer.unref();
    }
  }

  return {
    /** jobs a killed process left 'sending' become uncertain, then the queue runs */
    start(): PrintJobRow[] {
      stopped = false;
      const interrupted = d.jobs.takeInterrupted();
      for (const j of interrupted) d.log(`[print] job ${j.id} (${j.kind} ${j.settlement_id ?? j.handover_id}) was being printed when the terminal stopped: uncertain`);
      void poll();
      kick();
      return interrupted;
    },
    kick,
    /** ask the printer now (the status bar, the developer panel) */
    check: () => exclusive(check),
    condition: (): PrinterCondition => cond,
    /** settles when nothing is being printed (tests, benchmarks) */
    async idle(): Promise<void> {
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      if (pollTimer) clearTimeout(pollTimer);
      while (running) await running;
      await d.transport.close();
    },
  };
}
export type PrintWorker = ReturnType<typeof createPrintWorker>;
