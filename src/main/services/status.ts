/**
 * The status bar's picture (devices, center, queue) and its emission. Status and sync counters are
 * read from SQLite at most four times a second, however fast the worker drains (a backlog of thousands
 * would otherwise spend its time counting itself), and never throw from their timer.
 */
import type { StatusSnapshot } from '../../shared/api.js';
import type { CenterLink } from '../center/index.js';
import type { EventBus } from '../event-bus.js';
import type { Store } from '../store/index.js';
import { throttle } from '../throttle.js';
import type { SyncStatus } from '../../shared/api-sync.js';
import type { InstitutionStatus } from '../../shared/api-institution-replication.js';

export interface StatusDeps {
  store: Pick<Store, 'outbox' | 'db'>;
  link: Pick<CenterLink, 'state'>;
  signedIn(): boolean;
  sending(): boolean;
  devices(): StatusSnapshot['devices'];
  syncStatus(): SyncStatus;
  /** the institution database's replication (absent or 'off': not shown) */
  institution?(): InstitutionStatus;
  bus: Pick<EventBus, 'emit'>;
  log(line: string): void;
}

export function createStatusReporter(d: StatusDeps) {
  let closed = false;
  const institution = (): InstitutionStatus | null => {
    const st = d.institution?.();
    return st && st.configured ? st : null;
  };
  function snapshot(): StatusSnapshot {
    const o = d.store.outbox.stats();
    const wake = o.depth > 0 ? d.store.outbox.nextWakeAt() : null;
    return {
      devices: d.devices(),
      center: { ...d.link.state(), signedIn: d.signedIn() },
      outbox: { depth: o.depth, oldestAt: o.oldestAt, parked: o.parked, sending: d.sending(), nextAttemptAt: wake && wake > 0 ? new Date(wake).toISOString() : null },
      institution: institution(),
    };
  }
  const emit = throttle(() => {
    // runs from a timer: a closed (or crashed-and-closed, in tests) database must not throw there
    if (closed || !d.store.db.open) return;
    try {
      d.bus.emit('status.changed', snapshot());
      d.bus.emit('sync.changed', d.syncStatus());
    } catch (e) {
      d.log(`[status] not emitted: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, 250);
  return {
    snapshot,
    emit,
    /** nothing more is emitted (the terminal is closing) */
    close() {
      closed = true;
      emit.cancel();
    },
    isClosed: () => closed,
  };
}
