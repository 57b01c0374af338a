/**
 * THE composition root: builds every service from the configuration and wires them to the api
 * router. Both shells (Electron, browser mode) and the tests start the terminal through here.
 */
import path from 'node:path';
import type { AppInfo, StatusSnapshot } from '../shared/api.js';
import type { Identity, Person } from '../shared/domain.js';
import { createCenterClient, isCenterError, personFrom1101, type CenterClient, type CenterError, type Infno } from './center/index.js';
import { createClock } from './clock.js';
import { loadConfig, type AppConfig } from './config.js';
import { AppError, createEventBus, createRouter, type ApiRouter, type EventBus, type Handlers } from './router.js';
import { parseCatalog, parsePolicy, type Catalog, type PolicyFile } from './settle/index.js';
import { sampleCatalog530600, samplePolicies } from './settle/sample-data.js';
import { createStore, type Store } from './store/index.js';
import { createSyncWorker, type SyncWorker } from './sync/worker.js';
import { createIdentifyService } from './services/identify.js';
import { createSessionService } from './services/session.js';
import { createSettlementService } from './services/settlement.js';
import { bindLate, effectOf } from './services/center-messages.js';
import { createCenterLink } from './services/center-link.js';
import { createDeviceManager, type DeviceManager } from '../devices/manager.js';
import { startCenterSim, type CenterSim } from '../center-sim/index.js';
import { readJsonFile } from './files.js';
import { throttle } from './throttle.js';
import { parseHisBill } from './services/his-bill.js';
import type { AppContext } from './app-context.js';
import { conflictView, createSyncHandlers, syncStatusOf } from './sync/handlers.js';
import { createOfflineConfirm } from './sync/offline.js';
import { withCause } from './sync/classify.js';
import { createReconcileHandlers } from './reconcile/handlers.js';
import { createDevicesHandlers } from './services/devices-handlers.js';

export interface BuildOptions {
  shell: 'electron' | 'browser';
  configPath?: string;
  /** fields that replace the config file's (tests: dataDir, timeouts) */
  overrides?: Record<string, unknown>;
  version?: string;
  log?: (line: string) => void;
}

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
  /** one call to the center, as the services make it (the CLI's end of day uses it) */
  centerCall: AppContext['centerCall'];
  close(): Promise<void>;
}

export async function buildApp(opts: BuildOptions): Promise<PosApp> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { config, source } = loadConfig(opts.configPath, opts.overrides);
  const clock = createClock(config.terminal.timeZone);
  const nowIso = () => clock.now().toISOString();
  const embedded = config.center.url === 'embedded';

  const catalog: Catalog = config.catalogFile ? parseCatalog(readJsonFile(config.catalogFile)) : sampleCatalog530600();
  const policies = new Map<string, PolicyFile>();
  for (const p of config.policyFile ? [parsePolicy(readJsonFile(config.policyFile))] : samplePolicies()) policies.set(p.region, p);

  const store = createStore(path.join(config.dataDir, 'terminal.db'), {
    fixmedinsCode: config.terminal.fixmedins_code,
    stamp14: () => clock.stamp14(),
    nowIso,
  });
  if (config.seedDemoCashiers) store.cashiers.seedDemoIfEmpty();

  const sim = embedded
    ? await startCenterSim({ dbPath: path.join(config.dataDir, 'center-sim.db'), port: 0, host: '127.0.0.1', policies: Object.fromEntries(policies), hospLevel: config.terminal.hosp_level })
    : null;
  const centerUrl = sim ? sim.url : config.center.url;

  const bus = createEventBus();
  const devices = createDeviceManager(config.devices, { today: () => clock.today() });

  // one client per operator: the envelope names who sends
  let client: CenterClient | null = null;
  const clientFor = (opter: { no: string; name: string }) =>
    createCenterClient({
      url: centerUrl,
      fixmedins_code: config.terminal.fixmedins_code,
      fixmedins_name: config.terminal.fixmedins_name,
      mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
      opter: opter.no,
      opter_name: opter.name,
      dev_no: config.terminal.id,
      timeoutMs: config.center.timeoutMs,
      opter_type: config.center.opter_type,
    });
  const systemOpter = { no: 'SYSTEM', name: '终端后台' };

  const link = createCenterLink({ url: centerUrl, onChange: () => emitStatus() });

  /** every call to the center goes through here: msgid, sign_no, errors → AppError, connectivity */
  async function centerCall<K extends Infno>(infno: K, input: unknown, meta: { msgid?: string; insuplc_admdvs: string }): Promise<unknown> {
    const c = client ?? clientFor(session.current() ?? systemOpter);
    const msgid = meta.msgid ?? store.msgids.next();
    try {
      const out = await c.call(infno, input as never, { msgid, insuplc_admdvs: meta.insuplc_admdvs, sign_no: session.signNo() ?? undefined });
      link.ok();
      return out;
    } catch (err) {
      if (!isCenterError(err)) throw err;
      // the CenterError rides along as the cause: the sync worker tells timeout, dropped and refused connections apart
      throw withCause(mapCenterError(err), err);
    }
  }

  function mapCenterError(err: CenterError): AppError {
    switch (err.kind) {
      case 'refused':
        link.ok();
        return new AppError('CENTER_REFUSED', err.err_msg ?? err.message);
      case 'bad_reply':
        link.failed(`bad reply: ${err.message}`);
        return new AppError('CENTER_BAD_REPLY', `医保中心返回无法识别的应答 / the center's reply could not be read: ${err.message}`);
      default:
        link.failed(err.kind === 'timeout' ? 'timeout' : err.message);
        return new AppError('CENTER_UNREACHABLE', `无法连接医保中心 / the center cannot be reached (${err.kind})`);
    }
  }

  async function signIn(opter: { no: string; name: string }): Promise<string> {
    client = clientFor(opter);
    const out = (await centerCall('9001', { signIn: { opter_no: opter.no, mac: '', ip: '127.0.0.1' } }, { insuplc_admdvs: config.terminal.mdtrtarea_admvs })) as {
      signinoutb: { sign_no: string };
    };
    return out.signinoutb.sign_no;
  }

  const session = createSessionService({
    store,
    idleLockSeconds: config.idleLockSeconds,
    signIn,
    onChange: (s) => {
      if (!s.cashier) client = null;
      bus.emit('session.changed', s);
      emitStatus();
    },
  });

  async function personInfo(identity: Identity): Promise<Person> {
    const data =
      identity.mdtrt_cert_type === '03'
        ? { mdtrt_cert_type: '03', mdtrt_cert_no: identity.mdtrt_cert_no, card_sn: identity.card_sn ?? '', psn_cert_type: '01', certno: identity.certno ?? '', psn_name: identity.psn_name ?? '' }
        : identity.mdtrt_cert_type === '02'
          ? { mdtrt_cert_type: '02', mdtrt_cert_no: identity.mdtrt_cert_no, psn_cert_type: '01', certno: identity.certno ?? identity.mdtrt_cert_no }
          : { mdtrt_cert_type: '01', mdtrt_cert_no: identity.mdtrt_cert_no };
    const out = await centerCall('1101', { data }, { insuplc_admdvs: identity.insuplc_admdvs ?? config.terminal.mdtrtarea_admvs });
    return personFrom1101(out as never, { today: clock.now() });
  }

  const identify = createIdentifyService({
    store,
    mdtrtarea_admvs: config.terminal.mdtrtarea_admvs,
    today: () => clock.today(),
    personInfo,
    onPresented: (e) => bus.emit('identity.presented', e),
    actor: () => session.current()?.no ?? 'system',
  });

  const worker = createSyncWorker({
    store,
    // sign-in is not a send: a failure there leaves nothing in the send log
    async prepare() {
      if (!session.signNo()) session.setSignNo(await signIn(session.current() ?? systemOpter));
    },
    async send(row, input, rec) {
      return centerCall(row.infno as Infno, input, { msgid: row.msgid, insuplc_admdvs: rec.insuplc_admdvs });
    },
    onConflict: (c) => {
      if (!closed) bus.emit('conflict.raised', conflictView({ store }, c));
    },
    bindLate,
    effectOf,
    retryBaseMs: config.center.retryBaseMs,
    retryMaxMs: config.center.retryMaxMs,
    onSettlementUpdated: (v) => bus.emit('settlement.updated', v),
    onStatus: () => emitStatus(),
  });

  const settlements = createSettlementService({
    store,
    identify,
    catalog,
    policies,
    terminal: { id: config.terminal.id, hosp_level: config.terminal.hosp_level, mdtrtarea_admvs: config.terminal.mdtrtarea_admvs },
    today: () => clock.today(),
    nowIso,
    cashierNo: () => session.current()?.no ?? 'system',
    kick: () => worker.kick(),
    onUpdated: (v) => {
      bus.emit('settlement.updated', v);
      emitStatus();
    },
  });

  function status(): StatusSnapshot {
    const o = store.outbox.stats();
    return {
      devices: devices.status(),
      center: { ...link.state(), signedIn: session.signNo() !== null },
      outbox: { depth: o.depth, oldestAt: o.oldestAt, parked: o.parked, sending: worker.isSending() },
    };
  }
  let closed = false;
  // status and sync counters are read from SQLite: at most four times a second, however fast the
  // worker drains (a backlog of thousands would otherwise spend its time counting itself)
  const emitStatus = throttle(() => {
    // runs from a timer: a closed (or crashed-and-closed, in tests) database must not throw there
    if (closed || !store.db.open) return;
    try {
      bus.emit('status.changed', status());
      bus.emit('sync.changed', syncStatusOf({ store, worker, config, clock }));
    } catch (e) {
      log(`[status] not emitted: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, 250);

  devices.on('identity', (identity: Identity) => identify.present(identity));
  devices.on('status', () => emitStatus());
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

  const requireSim = (): CenterSim => {
    if (!sim) throw new AppError('DEV_ONLY', 'developer calls exist only in the embedded default');
    return sim;
  };

  const ctx: AppContext = {
    config, clock, store, bus, worker, devices, sim, session, identify, settlements, catalog, policies,
    centerCall, status, emitStatus, log,
  };

  const offlineConfirm = createOfflineConfirm(ctx);

  const handlers: Handlers = {
    ...createSyncHandlers(ctx),
    ...createReconcileHandlers(ctx),
    ...createDevicesHandlers(ctx),
    'app.info': () => info,
    'status.get': () => status(),
    'session.get': () => session.state(),
    'session.login': (i) => session.login(i.cashierNo, i.pin),
    'session.logout': () => session.logout(),
    'session.lock': () => session.lock(),
    'session.unlock': (i) => session.unlock(i.pin),
    'session.touch': () => session.touch(),
    'person.identify': (i) => identify.identify(i),
    'catalog.search': (i) => catalog.search(i.q, 20),
    'catalog.lookup': (i) => {
      const item = catalog.lookup(i.code);
      if (!item) throw new AppError('NOT_FOUND', `no catalog item with code or barcode ${i.code}`, 'code');
      return item;
    },
    'bill.parseHis': (i) => parseHisBill(i.content),
    'settle.preview': (i) => settlements.preview(i),
    'settle.confirm': (i) => offlineConfirm(i),
    'settle.list': (i) => settlements.list(i.date),
    'settle.get': (i) => settlements.get(i.id),
    'settle.reverse': (i) => settlements.reverse(i.id, i.reason),
    'sync.retryNow': async () => {
      await worker.drainNow();
      return status();
    },
    'dev.people': () =>
      requireSim()
        .people()
        .map((p) => ({ psn_no: p.psn_no, label: p.label, certno: p.certno, hasCard: p.card !== null, hasQr: p.qr !== null })),
    'dev.presentCard': (i) => {
      const p = requireSim().people().find((x) => x.psn_no === i.psn_no);
      if (!p?.card) throw new AppError('NOT_FOUND', 'no card for that person', 'psn_no');
      if (!devices.virtual) throw new AppError('DEV_ONLY', 'virtual devices are off');
      devices.virtual.card.present(p.card.basicInfo);
      return { ok: true as const };
    },
    'dev.presentQr': (i) => {
      const p = requireSim().people().find((x) => x.psn_no === i.psn_no);
      if (!p?.qr) throw new AppError('NOT_FOUND', 'no e-voucher for that person', 'psn_no');
      if (!devices.virtual) throw new AppError('DEV_ONLY', 'virtual devices are off');
      devices.virtual.qr.present(p.qr);
      return { ok: true as const };
    },
    'dev.getFaults': () => requireSim().getFaults(),
    'dev.setFaults': (i) => {
      const f = requireSim().setFaults(i);
      if (i.down === false) worker.kick();
      return f;
    },
    'dev.authorizerBalance': (i) => ({ balc: requireSim().balance(i.psn_no) }),
  };

  const router = createRouter(
    handlers,
    {
      isAuthorized: () => session.authorized(),
      role: () => session.current()?.role ?? null,
      devEnabled: embedded,
      onInternalError: (name, err) => log(`[api] ${name} failed: ${err instanceof Error ? err.stack : String(err)}`),
    },
    bus,
  );

  session.start();
  await devices.start();
  worker.start();
  log(`[pos] terminal ${config.terminal.id} · center ${embedded ? `embedded simulator at ${centerUrl}` : centerUrl} · data ${config.dataDir} · config ${source}`);

  return {
    router,
    info,
    config,
    store,
    bus,
    worker,
    devices,
    sim,
    centerCall,
    async close() {
      closed = true;
      emitStatus.cancel();
      session.stop();
      await worker.stop();
      await devices.stop();
      if (sim) await sim.close();
      store.close();
    },
  };
}
