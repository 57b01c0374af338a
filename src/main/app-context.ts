/**
 * What the composition root hands to each area's handlers (sync, reconcile, devices), so that an area
 * adds its calls without reaching into app.ts.
 */
import type { StatusSnapshot } from '../shared/api.js';
import type { CenterSim } from '../center-sim/index.js';
import type { DeviceManager } from '../devices/manager.js';
import type { Infno } from './center/index.js';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { EventBus, Handlers } from './router.js';
import type { Catalog, PolicyFile } from './settle/index.js';
import type { IdentifyService } from './services/identify.js';
import type { SessionService } from './services/session.js';
import type { SettlementService } from './services/settlement.js';
import type { Store } from './store/index.js';
import type { SyncWorker } from './sync/worker.js';

export interface AppContext {
  config: AppConfig;
  clock: Clock;
  store: Store;
  bus: EventBus;
  worker: SyncWorker;
  devices: DeviceManager;
  /** the in-process simulator (embedded default), else null */
  sim: CenterSim | null;
  session: SessionService;
  identify: IdentifyService;
  settlements: SettlementService;
  catalog: Catalog;
  policies: ReadonlyMap<string, PolicyFile>;
  /** one call to the center: msgid, sign_no, errors as AppError CENTER_*, connectivity tracking */
  centerCall(infno: Infno, input: unknown, meta: { msgid?: string; insuplc_admdvs: string }): Promise<unknown>;
  status(): StatusSnapshot;
  emitStatus(): void;
  log(line: string): void;
}

/** The handlers an area contributes: exactly its own calls. */
export type AreaHandlers<C> = Pick<Handlers, Extract<keyof C, keyof Handlers>>;
