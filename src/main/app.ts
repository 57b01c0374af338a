/**
 * THE composition root: builds every part of the terminal from the configuration and wires them.
 * Both shells (Electron, browser mode), the `pos` command and the tests start the terminal through
 * here, in one of three sizes:
 *   openStore(config)   the store alone                 (pos status, pos export)        app-core.ts
 *   buildCore(opts)     store + center + settlements + the outbox worker, no devices, no UI
 *                                                       (pos sync, pos reconcile)       app-core.ts
 *   buildApp(opts)      the whole terminal: core + devices + the api router for a shell  here
 */

import type { AppInfo } from '../shared/api.js';
import type { Identity } from '../shared/domain.js';
import type { CenterSim } from '../center-sim/index.js';
import { createDeviceManager, type DeviceManager } from '../devices/manager.js';
import { buildCore, type BuildOptions, type TerminalCore } from './app-core.js';
import type { CenterGateway } from './center/index.js';
import type { AppConfig } from './config.js';
import { describeCenter } from './config-rules.js';
import type { EventBus } from './event-bus.js';
import { createReconcileHandlers } from './reconcile/handlers.js';
import { createInstitutionCashierArea } from './institution/cashiers/area.js';
import { createWindowsOverviewArea } from './institution/windows/area.js';
import { createInstitutionEodHandlers } from './institution/eod/handlers.js';
import { guardStorage, securityApp } from './security/index.js';
import { createRouter, type ApiRouter, type Handlers } from './router.js';
import { createCenterCheckHandlers } from './services/center-check-handlers.js';
import { createCounterHandlers } from './services/counter-handlers.js';
import { createDevHandlers } from './services/dev-handlers.js';
import { createDevicesHandlers } from './services/devices-handlers.js';
import { createStatusReporter } from './services/status.js';
import { createReceiptsArea, type ReceiptsArea } from './till/receipts-area.js';
import type { Store } from './store/index.js';
import { createSyncHandlers, syncStatusOf } from './sync/handlers.js';
import type { SyncWorker } from './sync/worker.js';
import { createWindowDayHandlers } from './window-day/handlers.js';
import { perTerminalReconcileRefused, reconciledByInstitution } from './window-day/rule.js';
import { localTimeOf } from './print/area.js';

export { buildCore, openStore, type BuildOptions, type TerminalCore } from './app-core.js';

export interface PosApp {
  router: ApiRouter;
  info: AppInfo;
  config: AppConfig;
  store: Store;
  bus: EventBus;
  worker: SyncWorker;
  devices: DeviceManager;
  /** the in-process simulator in the embedded default */
  sim: CenterSim | null;
  /** the terminal's one way to the center (benchmarks and tools call it as the services do) */
  center: CenterGateway;
  /** the receipt printer, its queue and the shift hand-over */
  receipts: ReceiptsArea;
  /** replication to the institution's PostgreSQL (sender null without institution.database) */
  institution: TerminalCore['institution'];
  close(): Promise<void>;
}

/** The whole terminal, started: devices listening, the worker draining, the router ready for a shell. */
export async function buildApp(opts: BuildOptions): Promise<PosApp> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let emit = () => {};
  const core = await buildCore(opts, { onStatus: () => emit() });
  const { config, store, bus, session, identify, worker, sim } = core;
  const embedded = config.center.url === 'embedded';
  const sec = securityApp({ config, store, clock: core.clock, core: core.security, session, bus, dataDirProblems: core.dataDirProblems, log });
  const devices = createDeviceManager(config.devices, { today: () => core.clock.today() });
  const actor = () => session.current()?.no ?? 'system';
  // institution cashiers and the windows overview (institution/): only with institution.database / .finance
  const instCashiers = createInstitutionCashierArea({ config, store, session, gate: core.security.gate, now: () => core.clock.now().getTime(), nowIso: () => core.clock.now().toISOString(), log, changed: () => bus.emit('session.changed', session.state()) });
  const windowsOverview = createWindowsOverviewArea({ config, today: () => core.clock.today(), timeOfDay: (d) => core.clock.stamp14(d).replace(/^\d{8}(\d{2})(\d{2})(\d{2})$/, '$1:$2:$3') });

  const status = createStatusReporter({
    store,
    link: core.center.link,
    signedIn: () => session.signNo() !== null,
    sending: () => worker.isSending(),
    devices: () => devices.status(),
    syncStatus: () => syncStatusOf({ store, worker, offline: config.offline, clock: core.clock }),
    institution: () => core.institution.status(),
    bus,
    log,
  });
  emit = () => status.emit();

  devices.on('identity', (identity: Identity) => identify.present(identity));
  devices.on('status', () => status.emit());
  devices.on('device-error', (e: { deviceId: string; reason: string }) => bus.emit('device.error', e));

  const info: AppInfo = {
    shell: opts.shell,
    embedded,
    terminalId: config.terminal.id,
    fixmedins_code: config.terminal.fixmedins_code,
    fixmedins_name: config.terminal.fixmedins_name,
    mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
    version: opts.version ?? '0.1.0',
    defaultKind: config.terminal.defaultKind,
  };

  const receipts = createReceiptsArea({ store, config, clock: core.clock, catalog: core.catalog, bus, log, cashier: () => session.current(), actor, deliverPdf: opts.deliverPdf });
  core.printQueue.onQueued(receipts.kick);

  // the institution's end of day (institution.finance): supervisor calls, its pool closed with the app
  const { close: closeInstitutionEod, ...institutionEodHandlers } = createInstitutionEodHandlers({
    institution: config.institution,
    center: core.center,
    terminal: config.terminal,
    dataDir: config.dataDir,
    nowIso: () => core.clock.now().toISOString(),
    operator: () => session.current() ?? { no: 'system', name: '系统' },
    audit: (e) => store.audit.append(e),
    onProgress: (p) => bus.emit('reconcile.progress', p),
  });

  const handlers: Handlers = {
    ...createSyncHandlers({ store, worker, life: core.settlements, offline: config.offline, clock: core.clock, bus, emitStatus: status.emit, authorize: sec.rules.authorize }),
    ...createReconcileHandlers({
      store,
      center: core.center,
      terminal: config.terminal,
      dataDir: config.dataDir,
      nowIso: () => core.clock.now().toISOString(),
      operator: () => session.current() ?? { no: 'system', name: '系统' },
      bus,
      sim,
      // a window of an institution database sends no per-terminal 3201: its end of day is the window's day
      refuseRun: reconciledByInstitution(config) ? perTerminalReconcileRefused : undefined,
    }),
    ...createDevicesHandlers({ devices, bus, store, identify, actor, log }),
    ...createCounterHandlers({
      session,
      identify,
      catalog: core.catalog,
      life: core.settlements,
      counter: { ...config.counter, timeZone: config.terminal.timeZone, clock: core.clock },
      beforeConfirm: sec.beforeConfirm,
      authorize: sec.rules.authorize,
    }),
    ...sec.handlers,
    ...(instCashiers?.handlers ?? {}),
    ...windowsOverview.handlers,
    ...createDevHandlers({ sim, devices, kickSync: () => worker.kick() }),
    ...core.catalogArea.handlers,
    ...core.his.handlers,
    ...createCenterCheckHandlers({ config, url: core.center.url, embedded, transport: core.transport, store, operator: () => session.current(), bus }),
    ...receipts.handlers,
    ...institutionEodHandlers,
    ...createWindowDayHandlers({ config, store, replication: () => core.institution.status(), nowIso: () => core.clock.now().toISOString(), localTime: localTimeOf(core.clock), actor, documentPdf: (doc, name, a) => receipts.print.documentPdf(doc, name, a) }),
    'app.info': () => info,
    'status.get': () => status.snapshot(),
    'sync.retryNow': async () => {
      await worker.drainNow();
      return status.snapshot();
    },
  };

  const router = createRouter(
    handlers,
    {
      isAuthorized: () => session.authorized(),
      role: () => session.current()?.role ?? null,
      devEnabled: embedded,
      // the stack goes to the 0600 log file, the console and the cashier get the incident number
      onInternalError: (name, err, incident) => {
        core.security.logFile.write(`[api] ${name} failed, incident ${incident}: ${err instanceof Error ? err.stack : String(err)}`);
        log(`[api] ${name} failed: incident ${incident} (details in ${core.security.logFile.file})`);
      },
    },
    bus,
  );

  // starting recovers what a previous process left (sends, print jobs): on a full disk that is said plainly
  await guardStorage(config.dataDir, async () => {
    session.start();
    await devices.start();
    worker.start();
    core.his.start();
    receipts.start();
    instCashiers?.start();
    core.institution.start();
  });
  log(`[pos] terminal ${config.terminal.id} talks to ${describeCenter(config.center, embedded ? core.center.url : null)} · signing ${core.transport.schemes} · data ${config.dataDir} · config ${core.source}`);
  if (config.center.allowInsecureHttp) log('[security] center.allowInsecureHttp is set: settlements may cross the network unencrypted');
  void sec.monitor.verifyNow();

  return {
    router,
    info,
    config,
    store,
    bus,
    worker,
    devices,
    sim,
    center: core.center,
    receipts,
    institution: core.institution,
    async close() {
      status.close();
      await closeInstitutionEod();
      sec.monitor.stop();
      await receipts.stop();
      await devices.stop();
      await instCashiers?.close();
      await windowsOverview.close();
      await core.close();
    },
  };
}
