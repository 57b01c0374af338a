/**
 * The institution area of a terminal: with institution.database configured, every settlement change is
 * queued for the institution's PostgreSQL in the change's own transaction (replication/follower.ts) and
 * sent after the commit (replication/sender.ts). Without it nothing here runs and nothing is queued:
 * the terminal is its own institution.
 */
import type { InstitutionStatus } from '../../shared/api-institution-replication.js';
import type { SettlementFollower } from '../services/settlement/changes.js';
import type { Store } from '../store/index.js';
import type { InstitutionConfig } from './config.js';
import { createReplicationFollower } from './replication/follower.js';
import { createReplicationSender, type ReplicationSender } from './replication/sender.js';

export interface InstitutionAreaDeps {
  config: InstitutionConfig;
  terminal: { id: string; fixmedins_code: string };
  store: Store;
  follow(f: SettlementFollower): () => void;
  /** the cashier at the window now (the window's status names them) */
  cashier(): string | null;
  appVersion?: string;
  log(line: string): void;
  onStatus(): void;
}

export interface InstitutionArea {
  start(): void;
  stop(): Promise<void>;
  status(): InstitutionStatus;
  /** the sender (null: not configured): drain() for the CLI and the tests */
  sender: ReplicationSender | null;
}

const OFF: InstitutionStatus = { configured: false, backlog: 0, lastOkAt: null, lastError: null, state: 'off' };

export function createInstitutionArea(d: InstitutionAreaDeps): InstitutionArea {
  const connection = d.config.database;
  if (!connection) return { start() {}, async stop() {}, status: () => OFF, sender: null };
  const sender = createReplicationSender({
    store: d.store,
    connection,
    replication: d.config.replication,
    window: { terminalId: d.terminal.id, fixmedinsCode: d.terminal.fixmedins_code },
    cashier: d.cashier,
    appVersion: d.appVersion ?? null,
    log: d.log,
    onChange: d.onStatus,
  });
  // followed for the terminal's whole life: a change after stop() is still queued, for the next start
  d.follow(createReplicationFollower({ store: d.store, wake: () => sender.wake() }));
  return {
    start: () => sender.start(),
    stop: () => sender.stop(),
    status: () => ({ configured: true, ...sender.status() }),
    sender,
  };
}
