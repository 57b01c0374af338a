/**
 * The HIS area put together: the bill source and result delivery the configuration names (the
 * embedded HIS simulator by default), bills by number with supervised line removal, the follower
 * that writes what the HIS is owed in the settlement's own transaction, the sender, and its calls.
 * app.ts wires it with one call; the area reaches the settlement owner only through `follow`.
 */
import path from 'node:path';
import crypto from 'node:crypto';
import type { HisStatus } from '../../shared/api-his.js';
import type { hisCalls } from '../../shared/api-his.js';
import { startHisSim, type HisSim } from '../../his-sim/index.js';
import { AppError } from '../errors.js';
import type { AreaHandlers } from '../router.js';
import type { SettlementFollower } from '../services/settlement/changes.js';
import type { Store } from '../store/index.js';
import type { SupervisorApproval } from './approval.js';
import { createHisBills } from './bills.js';
import type { HisConfig } from './config.js';
import { createHisFollower } from './notices.js';
import { createHisSender } from './sender.js';
import { folderSource, httpSource, type BillSource } from './source.js';

export interface HisAreaDeps {
  config: HisConfig;
  dataDir: string;
  store: Store;
  terminal: { fixmedins_code: string; terminal_id: string };
  nowIso(): string;
  actor(): string;
  follow(f: SettlementFollower): unknown;
  /** the status bar's count changed */
  changed?(s: HisStatus): void;
  /** the approval of a supervisor (number and PIN through the terminal's pin gate) */
  approval: SupervisorApproval;
  log?(line: string): void;
}

export async function createHisArea(d: HisAreaDeps) {
  const c = d.config;
  let sim: HisSim | null = null;
  let source: BillSource | null = null;
  if (c.source === 'embedded') {
    sim = await startHisSim({ dbPath: path.join(d.dataDir, 'his-sim.db'), port: 0, token: crypto.randomBytes(12).toString('hex') });
    source = httpSource({ ...c, url: sim.url, headers: { ...c.headers, 'x-his-token': sim.token! } });
  } else if (c.source === 'http') source = httpSource(c);
  else if (c.source === 'folder') source = folderSource(c);

  const bills = createHisBills({
    store: d.store,
    source,
    sourceName: c.source,
    approval: d.approval,
    actor: d.actor,
    billNoPattern: new RegExp(c.billNoPattern),
  });

  function status(): HisStatus {
    const u = d.store.his.unacked();
    return { source: c.source, unacked: u.count, oldestAt: u.oldestAt, lastError: u.lastError, nextAttemptAt: u.count > 0 && u.nextAttemptAt ? new Date(u.nextAttemptAt).toISOString() : null };
  }
  const changed = () => d.changed?.(status());

  // without a source the results have nowhere to go: they are kept (and counted) until one is configured
  const sender = source
    ? createHisSender({ store: d.store, source, retryBaseMs: c.retryBaseMs, retryMaxMs: c.retryMaxMs, onChange: changed, log: d.log })
    : null;

  d.follow(
    createHisFollower({
      store: d.store,
      bills,
      terminal: d.terminal,
      nowIso: d.nowIso,
      sendsResults: source !== null,
      wake: () => {
        changed();
        sender?.kick();
      },
    }),
  );

  const handlers: AreaHandlers<typeof hisCalls> = {
    'his.loadBill': (i) => bills.loadBill(i.billNo),
    'his.removeLine': (i) => bills.removeLine(i),
    'his.status': () => status(),
    'his.retryNow': async () => {
      await sender?.drainNow();
      return status();
    },
    'dev.hisNewBill': () => {
      if (!sim) throw new AppError('DEV_ONLY', 'the HIS simulator runs only with his.source "embedded"');
      return { billNo: sim.newDemoBill() };
    },
  };

  return {
    handlers,
    bills,
    sender,
    sim,
    status,
    start: () => sender?.start(),
    async close() {
      await sender?.stop();
      await sim?.close();
    },
  };
}
export type HisArea = Awaited<ReturnType<typeof createHisArea>>;
