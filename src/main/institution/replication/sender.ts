/**
 * The replication's sender: the queue (store/replication.ts) to the institution's PostgreSQL, in seq
 * order, replication.batchSize changes per batch, each batch ONE PostgreSQL transaction (pg/replication.ts),
 * acked in SQLite only after PostgreSQL committed. A SIGKILL between the two replays the batch next
 * time, which changes nothing there (settlements move only to a newer repl_seq, changes insert once).
 *
 * States: ok (nothing owed), behind (owes, last try worked), down (PostgreSQL unreachable: retries
 * from retryBaseMs doubling to retryMaxMs), refused (the server said no in a way retrying will not
 * cure — wrong password, a role that is another window's or may not write these rows, a schema too
 * old: the reason is shown and logged once, and it tries again only every retryMaxMs). Idle, it writes
 * the window's status every heartbeatMs. Nothing here is on a confirm's path.
 */
import type pg from 'pg';
import type { InstitutionConfig, PgConnectionConfig } from '../config.js';
import { openPool } from '../pg/connect.js';
import { classifyPgError, heartbeat, whoAmI, writeBatch, type WindowStatusRow } from '../pg/replication.js';
import type { Store } from '../../store/index.js';
import { batchRows, type WindowId } from './row.js';

export type ReplState = 'ok' | 'behind' | 'down' | 'refused';

export interface SenderDeps {
  store: Pick<Store, 'replication' | 'outbox' | 'conflicts' | 'db'>;
  connection: PgConnectionConfig;
  replication: InstitutionConfig['replication'];
  window: WindowId;
  cashier(): string | null;
  appVersion: string | null;
  log(line: string): void;
  /** the state, backlog or last success changed */
  onChange(): void;
}

class Refusal extends Error {}

export function createReplicationSender(d: SenderDeps) {
  const cfg = d.replication;
  let pool: pg.Pool | null = null;
  let verified = false;
  let state: ReplState = 'behind';
  let lastOkAt: string | null = null;
  let lastError: string | null = null;
  let failures = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let backingOff = false;
  let stopped = true;

  const repo = d.store.replication;
  const heard = new WeakSet<pg.PoolClient>();

  function statusRow(ackedSeq: number): WindowStatusRow {
    const c = repo.counts(ackedSeq);
    return {
      terminal_id: d.window.terminalId,
      acked_seq: ackedSeq,
      local_seq: c.local_seq,
      backlog: c.backlog,
      oldest_unsent_date: c.oldest_unsent_date,
      center_queue: d.store.outbox.stats().depth,
      open_conflicts: d.store.conflicts.openCount(),
      cashier_no: d.cashier(),
      app_version: d.appVersion,
    };
  }

  async function verify(client: pg.ClientBase): Promise<void> {
    const me = await whoAmI(client);
    if (!me.terminal_id) throw new Refusal(`role ${me.role} is not registered as a window (pos institution add-window)`);
    if (me.terminal_id !== d.window.terminalId) throw new Refusal(`role ${me.role} writes as window ${me.terminal_id}, this terminal is ${d.window.terminalId}`);
    if (me.fixmedins_code !== d.window.fixmedinsCode) throw new Refusal(`window ${me.terminal_id} belongs to institution ${me.fixmedins_code}, this terminal to ${d.window.fixmedinsCode}`);
  }

  type Prepared = { last: number; full: boolean; rows: ReturnType<typeof batchRows>; status: WindowStatusRow };
  /** the batch after `after` read, mapped and counted (null: nothing owed after it) */
  function prepare(after: number): Prepared | null {
    const batch = repo.batch(cfg.batchSize, after);
    if (batch.length === 0) return null;
    const last = batch[batch.length - 1]!.seq;
    return { last, full: batch.length === cfg.batchSize, rows: batchRows(batch, d.window), status: statusRow(last) };
  }

  /** every batch owed, in order (or the heartbeat when nothing is owed); each acked after PostgreSQL committed it */
  async function sendAll(client: pg.ClientBase): Promise<void> {
    let next = prepare(repo.ackedSeq());
    if (!next) return heartbeat(client, statusRow(repo.ackedSeq()));
    while (next && !stopped) {
      const cur: Prepared = next;
      next = null;
      // while PostgreSQL writes this batch, the next one is read from SQLite (it is acked only after this one)
      await writeBatch(client, { ...cur.rows, status: cur.status }, () => {
        if (cur.full) next = prepare(cur.last);
      });
      if (!d.store.db.open) return;
      repo.ack(cur.last);
      lastOkAt = new Date().toISOString();
      if (next) settle('behind', null);
    }
  }

  /** the new state; the log hears of a failure once (not at every retry) and of the return */
  function settle(next: ReplState, error: string | null): void {
    if (error && (next !== state || error !== lastError)) d.log(`[institution] replication ${next}: ${error}`);
    if (!error && (state === 'down' || state === 'refused')) d.log('[institution] replication back');
    state = next;
    lastError = error;
    d.onChange();
  }

  async function run(): Promise<void> {
    do {
      again = false;
      let client: pg.PoolClient | null = null;
      try {
        pool ??= openPool(d.connection, { max: 1, applicationName: `pos-replication ${d.window.terminalId}` });
        client = await pool.connect();
        if (!heard.has(client)) {
          heard.add(client);
          // the server going away between two queries is a failed next query, not a crash
          client.on('error', () => undefined);
        }
        if (!verified) await verify(client);
        verified = true;
        await sendAll(client);
        lastOkAt = new Date().toISOString();
        failures = 0;
        settle(repo.counts().backlog > 0 ? 'behind' : 'ok', null);
        client.release();
      } catch (e) {
        client?.release(true);
        verified = false;
        const c = e instanceof Refusal ? { kind: 'refused' as const, reason: e.message } : classifyPgError(e);
        failures++;
        if (!d.store.db.open) return;
        settle(c.kind, c.reason);
        const wait = c.kind === 'refused' ? cfg.retryMaxMs : Math.min(cfg.retryBaseMs * 2 ** (failures - 1), cfg.retryMaxMs);
        return schedule(wait, true);
      }
    } while (again && !stopped);
    schedule(cfg.heartbeatMs, false);
  }

  function schedule(ms: number, backoff: boolean): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    backingOff = backoff;
    timer = setTimeout(() => {
      timer = null;
      backingOff = false;
      start();
    }, ms);
    timer.unref?.();
  }

  function start(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
    });
  }

  return {
    start(): void {
      stopped = false;
      start();
    },
    /** something was queued: send now (a retry waiting out its backoff keeps waiting) */
    wake(): void {
      if (stopped || backingOff) return;
      if (timer) clearTimeout(timer);
      timer = null;
      start();
    },
    /** send until nothing is owed or PostgreSQL fails (the CLI, tests); resolves with the state */
    async drain(): Promise<ReplState> {
      const wasStopped = stopped;
      stopped = false;
      if (timer) clearTimeout(timer);
      timer = null;
      backingOff = false;
      failures = 0;
      for (;;) {
        if (running) await running;
        start();
        await running;
        if (state === 'down' || state === 'refused' || repo.counts().backlog === 0) break;
      }
      if (wasStopped) {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = null;
      }
      return state;
    },
    status: () => ({ state, lastOkAt, lastError, backlog: d.store.db.open ? repo.counts().backlog : 0 }),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
      const p = pool;
      pool = null;
      if (p) await p.end().catch(() => undefined);
    },
  };
}
export type ReplicationSender = ReturnType<typeof createReplicationSender>;
