/**
 * The composition root, part one: the terminal's core, built from the configuration. The `pos`
 * command and the tests that need no devices or UI start here (app.ts builds the whole terminal on it):
 *   openStore(config)   the store alone                 (pos status, pos export)
 *   buildCore(opts)     store + center + settlements + the outbox worker, no devices, no UI
 *                                                       (pos sync, pos reconcile)
 */
import path from 'node:path';
import { startCenterSim, type CenterSim } from '../center-sim/index.js';
import { createCenterGateway, createCenterLink, createCenterTransport, type CenterGateway, type CenterTransport } from './center/index.js';
import { createClock, type Clock } from './clock.js';
import { loadConfig, type AppConfig } from './config.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { readJsonFile } from './files.js';
import { cashiersAtStart, guardStorage, openTerminalStore, securityCore, type SecurityCore } from './security/index.js';
import { createIdentifyService, type IdentifyService } from './services/identify.js';
import { personYear } from './services/person-year.js';
import { createSessionService, type SessionService } from './services/session.js';
import { createSettlementLife, type SettlementLife } from './services/settlement/life.js';
import { parsePolicy, type Catalog, type PolicyFile } from './settle/index.js';
import { samplePolicies } from './settle/sample-data.js';
import { createCatalogArea, type CatalogArea } from './catalog/area.js';
import { createGateApproval } from './his/approval.js';
import { createHisArea, type HisArea } from './his/area.js';
import { createPrintQueue, type PrintQueue } from './print/queue/follower.js';
import { createInstitutionArea, type InstitutionArea } from './institution/area.js';
import { createTillFollower } from './till/cash.js';
import { createStore, type Store } from './store/index.js';
import { conflictView } from './sync/conflict-view.js';
import { createSyncWorker, type SyncWorker } from './sync/worker.js';

export interface BuildOptions {
  shell: 'electron' | 'browser';
  configPath?: string;
  /** fields that replace the config file's (tests: dataDir, timeouts) */
  overrides?: Record<string, unknown>;
  version?: string;
  log?: (line: string) => void;
  /** Electron: hand a slip's PDF to the OS print dialog (true when it did) */
  deliverPdf?: (file: string) => Promise<boolean>;
}

/** The store of a configured terminal (its file under dataDir, msgids stamped in the business zone). */
export function openStore(config: AppConfig, clock: Clock = createClock(config.terminal.timeZone)): Store {
  return createStore(path.join(config.dataDir, 'terminal.db'), {
    fixmedinsCode: config.terminal.fixmedins_code,
    msgidSlot: config.terminal.msgidSlot ?? null,
    stamp14: () => clock.stamp14(),
    nowIso: () => clock.now().toISOString(),
  });
}

export interface TerminalCore {
  config: AppConfig;
  /** where the configuration came from, for the start-up line */
  source: string;
  clock: Clock;
  store: Store;
  bus: EventBus;
  /** the in-process simulator in the embedded default */
  sim: CenterSim | null;
  center: CenterGateway;
  /** signing chain, TLS, proxy and the certificates to watch (center.signing / tls / proxy) */
  transport: CenterTransport;
  session: SessionService;
  identify: IdentifyService;
  settlements: SettlementLife;
  /** the catalog the counter prices with (the institution's version in force and the national catalog behind it) */
  catalog: Catalog;
  catalogArea: CatalogArea;
  his: HisArea;
  worker: SyncWorker;
  /** pin gate, error log (security/index.ts) */
  security: SecurityCore;
  /** what was wrong with the data directory's permissions at start */
  dataDirProblems: string[];
  /** the print queue's follower (its jobs are written with each change); the whole app's printer wakes on it */
  printQueue: PrintQueue;
  /** the institution database's replication (institution/area.ts; not started: the whole app starts it) */
  institution: InstitutionArea;
  /** whatever the status bar shows may have changed (the whole app sets what that means) */
  emitStatus(): void;
  close(): Promise<void>;
}

function loadPolicies(config: AppConfig) {
  const policies = new Map<string, PolicyFile>();
  for (const p of config.policyFile ? [parsePolicy(readJsonFile(config.policyFile))] : samplePolicies()) policies.set(p.region, p);
  return policies;
}

/** Store + center + settlements + the outbox worker (not started). */
export async function buildCore(opts: BuildOptions, hooks: { onStatus?(): void } = {}): Promise<TerminalCore> {
  const { config, source } = loadConfig(opts.configPath, opts.overrides);
  // every part writes its first rows at start (cashiers, catalog, the HIS area, the simulator): a full disk is said plainly
  return guardStorage(config.dataDir, () => assembleCore(opts, config, source, hooks));
}

async function assembleCore(opts: BuildOptions, config: AppConfig, source: string, hooks: { onStatus?(): void }): Promise<TerminalCore> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const clock = createClock(config.terminal.timeZone);
  const policies = loadPolicies(config);
  // keys, certificates and proxy first: a missing key stops the start before anything is opened
  const transport = createCenterTransport(config.center);
  const embedded = config.center.url === 'embedded';
  const { store, dataDirProblems } = await openTerminalStore(config, () => openStore(config, clock), log);
  cashiersAtStart(store, config, embedded, log);
  const security = securityCore({ config, store, clock });
  const emitStatus = () => hooks.onStatus?.();

  const sim = embedded
    ? await guardStorage(config.dataDir, () =>
        startCenterSim({ dbPath: path.join(config.dataDir, 'center-sim.db'), port: 0, host: '127.0.0.1', policies: Object.fromEntries(policies), hospLevel: config.terminal.hosp_level, security: transport.simulatorExpectation() }),
      )
    : null;
  const centerUrl = sim ? sim.url : config.center.url;
  const bus = createEventBus();
  const link = createCenterLink({ url: centerUrl, onChange: emitStatus });

  // the gateway asks the session who is at the window; the session signs in through the gateway
  let session: SessionService | null = null;
  const center = createCenterGateway({
    url: centerUrl,
    fixmedins_code: config.terminal.fixmedins_code,
    fixmedins_name: config.terminal.fixmedins_name,
    mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
    dev_no: config.terminal.id,
    timeoutMs: config.center.timeoutMs,
    opter_type: config.center.opter_type,
    transport,
    link,
    nextMsgid: () => store.msgids.next(),
    operator: () => session?.current() ?? null,
    signNo: () => session?.signNo() ?? null,
  });
  session = createSessionService({
    store,
    gate: security.gate,
    idleLockSeconds: config.idleLockSeconds,
    signIn: (op) => center.signIn(op),
    onChange: (s) => {
      bus.emit('session.changed', s);
      emitStatus();
    },
  });
  const s = session;
  const actor = () => s.current()?.no ?? 'system';

  const identify = createIdentifyService({
    store,
    center,
    mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
    clock,
    onPresented: (e) => bus.emit('identity.presented', e),
    onUpdated: (v) => bus.emit('person.updated', v),
    year: personYear({ policies, hosp_level: config.terminal.hosp_level, med_type: config.terminal.defaultKind === 'pharmacy' ? '41' : '11' }),
    actor,
  });

  const catalogArea = createCatalogArea({
    config: config.catalog,
    dataDir: config.dataDir,
    store,
    center,
    clock,
    terminal: config.terminal,
    actor,
    progress: (p) => bus.emit('catalog.progress', p),
    changed: (st) => bus.emit('catalog.changed', st),
    log,
  });
  await catalogArea.init();
  const catalog = catalogArea.live;

  let closed = false;
  const settlements = createSettlementLife({
    store,
    identify,
    pricing: { catalog, policies, terminal: { hosp_level: config.terminal.hosp_level, mdtrtarea_admvs: config.terminal.mdtrtarea_admvs } },
    terminalId: config.terminal.id,
    centerDown: () => link.isDown(),
    offline: config.offline,
    counter: config.counter,
    clock,
    actor,
    updated: (v) => {
      bus.emit('settlement.updated', v);
      emitStatus();
    },
    conflictRaised: (c) => {
      if (!closed) bus.emit('conflict.raised', conflictView(store, c));
    },
    log,
  });

  const worker = createSyncWorker({
    store,
    owner: settlements.answers,
    center,
    // sign-in is not a send: a failure there leaves nothing in the send log; nor is a data key this
    // process cannot unwrap (the pos command where the app's OS key store holds it): said, nothing sent
    prepare: () => (store.keys.dataKeyAvailable() ? s.ensureSignedIn() : Promise.reject(new Error(store.keys.dataKeyProblem()))),
    retryBaseMs: config.center.retryBaseMs,
    retryMaxMs: config.center.retryMaxMs,
    onStatus: emitStatus,
  });
  // what a confirm or a reversal queued goes at once
  settlements.follow({
    afterCommit: (c) => {
      if (c.kind === 'confirmed' || c.kind === 'reversal_requested') worker.kick();
    },
  });
  const his = await createHisArea({
    config: config.his,
    dataDir: config.dataDir,
    store,
    terminal: { fixmedins_code: config.terminal.fixmedins_code, terminal_id: config.terminal.id },
    nowIso: () => clock.now().toISOString(),
    actor,
    follow: (f) => settlements.follow(f),
    approval: createGateApproval(security.gate, store, actor),
    changed: (st) => bus.emit('his.changed', st),
    log,
  });

  // receipts, cash and the hand-over: the till's figures and the print jobs go in each change's own transaction
  settlements.follow(createTillFollower({ store, cash: config.cash, clock }));
  const printQueue = createPrintQueue({ store, printer: config.printer, nowMs: () => clock.now().getTime() });
  settlements.follow(printQueue.follower);

  // every window's settlements in the institution's PostgreSQL: each change queued in its own transaction
  const institution = createInstitutionArea({
    config: config.institution, terminal: config.terminal, store, follow: (f) => settlements.follow(f),
    cashier: () => s.current()?.no ?? null, appVersion: opts.version, log, onStatus: emitStatus,
  });

  return {
    config, source, clock, store, bus, sim, center, transport, session, identify, settlements, catalog, catalogArea, his, worker, printQueue, institution, security, dataDirProblems, emitStatus,
    async close() {
      closed = true;
      s.stop();
      security.stop();
      await worker.stop();
      await institution.stop();
      await his.close();
      transport.close();
      if (sim) await sim.close();
      store.close();
    },
  };
}
