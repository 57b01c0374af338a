/**
 * The insurance-center simulator: a real HTTP server on loopback speaking the national envelope,
 * with its own SQLite file, seeded Zhaotong people and families, msgid deduplication and fault
 * injection. Used in-process as the embedded default and standalone (main.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CenterFaults } from '../shared/api.js';
import type { YtdState } from '../shared/domain.js';
import { parsePolicy, type PolicyFile } from '../main/settle/index.js';
import policyDoc from '../main/settle/data/policy-530600.json' with { type: 'json' };
import nationalDoc from '../main/settle/data/national-catalog-530600.json' with { type: 'json' };
import { formatCstDate } from '../main/center/time.js';
import { openSimStore, type SettlementRow, type SimReversal, type SimStore } from './store/index.js';
import { createRequestHandler } from './server.js';
import { readDrift, setDrift, type DriftRequest, type ReconcileDrift } from './reconcile-drift.js';
import { createSimNational, type SimNational } from './national-catalog.js';
import { simSecurity, type SimSecurity, type SimSecurityOptions } from './security/options.js';
import { createReplayGuard } from './security/replay-guard.js';

export type { CenterFaults };
export type { SimReversal } from './store/index.js';
export type { SimSecurityOptions } from './security/options.js';

/** HTTPS instead of HTTP: the center's certificate, and the CAs whose client certificates it requires */
export interface SimTlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
  /** when given, a client certificate signed by one of these CAs is required */
  clientCa?: string | Buffer;
}

export interface StartCenterSimOptions {
  dbPath: string;
  /** 0 or absent: any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** the default policy document (insured-place policy for every region without its own); default: settle's 530600 sample */
  policy?: unknown;
  /** policy documents by insured division, for cross-region people (e.g. {"530100": …}) */
  policies?: Record<string, unknown>;
  /** the national catalog document with its versions (version 1 published at first); default: settle's 530600 sample */
  nationalCatalog?: unknown;
  /** repeated msgid returns the stored first reply without applying twice (default true) */
  dedupe?: boolean;
  now?: () => Date;
  /** hospital level of the simulated institution, for inpatient-style rules (default 1) */
  hospLevel?: 1 | 2 | 3;
  /** refuse business transactions whose sign_no was not issued by 9001 (default false) */
  requireSignIn?: boolean;
  /** the token /admin/* requires in X-Sim-Admin-Token (default: random per start) */
  adminToken?: string;
  /** the signed / encrypted transport it expects (the counterpart of center.signing) */
  security?: SimSecurityOptions;
  /** serve HTTPS */
  tls?: SimTlsOptions;
}

export interface SimPerson {
  psn_no: string;
  /** Chinese description for the developer panel, e.g. '职工·账户充足 张伟' */
  label: string;
  psn_name: string;
  certno: string;
  insutype: string;
  insuplc_admdvs: string;
  card: { card_no: string; card_sn: string; basicInfo: string } | null;
  /** the e-voucher QR content (its ecToken is the same text) */
  qr: string | null;
}

/** A settlement as the simulator shows it to tests and the admin endpoint: the db row without its internals. */
export type SimSettlement = Omit<SettlementRow, 'year' | 'split_json' | 'ytd_delta_json' | 'reversal_msgid'>;

export interface CenterSim {
  readonly url: string;
  /** what /admin/* requires in the X-Sim-Admin-Token header (with a JSON body for POST) */
  readonly adminToken: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
  getFaults(): CenterFaults;
  setFaults(partial: Partial<CenterFaults>): CenterFaults;
  people(): SimPerson[];
  /** personal-account balance in fen; throws for an unknown psn_no */
  balance(psn_no: string): number;
  /** year-to-date state (default: the current year) */
  ytd(psn_no: string, year?: number): YtdState;
  settlements(): SimSettlement[];
  /** how many replies are stored for deduplication */
  messageCount(): number;
  /** replace the default policy (drift: the center computes with other numbers than the terminal) */
  setPolicy(doc: unknown): void;
  setDedupe(on: boolean): void;
  /** every 2601 the center answered (transactions/2601-reversal.ts) */
  reversals(): SimReversal[];
  /** end-of-day test switch: lose one settlement or alter one amount in 3201/3202 (reconcile-drift.ts) */
  setReconcileDrift(req: DriftRequest): ReconcileDrift;
  reconcileDrift(): ReconcileDrift;
  /** the national catalog: publish another version, require uploaded mappings (3301), read them */
  national: Pick<SimNational, 'publish' | 'published' | 'requireMapping' | 'setRequireMapping'> & { mappings(): Array<{ fixmedins_code: string; medins_list_codg: string; med_list_codg: string; state: string }> };
}

export interface SimState {
  store: SimStore;
  faults: CenterFaults;
  dedupe: boolean;
  requireSignIn: boolean;
  hospLevel: 1 | 2 | 3;
  national: SimNational;
  policy: PolicyFile;
  policies: Map<string, PolicyFile>;
  now: () => Date;
  people(): SimPerson[];
  balance(psn_no: string): number | null;
  /** a tester's top-up (admin endpoint): false for an unknown psn_no */
  setBalance(psn_no: string, balc: number): boolean;
  settlements(): SimSettlement[];
  adminToken: string;
  security: SimSecurity | null;
  replay: ReturnType<typeof createReplayGuard>;
}

export async function startCenterSim(opts: StartCenterSimOptions): Promise<CenterSim> {
  const now = opts.now ?? (() => new Date());
  const policy = parsePolicy(structuredClone(opts.policy ?? policyDoc));
  const policies = new Map<string, PolicyFile>();
  for (const [region, doc] of Object.entries(opts.policies ?? {})) policies.set(region, parsePolicy(structuredClone(doc)));
  if (opts.dbPath !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(opts.dbPath)), { recursive: true });
    fs.closeSync(fs.openSync(opts.dbPath, 'a', 0o600)); // its -wal and -shm take the file's mode: not readable by other users
  }
  const security = simSecurity(opts.security);
  const store = openSimStore(opts.dbPath, Number(formatCstDate(now()).slice(0, 4)));
  const national = createSimNational(store, opts.nationalCatalog ?? nationalDoc);

  const state: SimState = {
    store,
    faults: {
      down: false,
      delayMs: 0,
      garbage: false,
      timeoutAfterCommit: false,
      http500: false,
      businessError: null,
      driftedPolicy: false,
      dedupe: opts.dedupe ?? true,
      onlyInfno: null,
    },
    dedupe: opts.dedupe ?? true,
    requireSignIn: opts.requireSignIn ?? false,
    hospLevel: opts.hospLevel ?? 1,
    national,
    policy,
    policies,
    now,
    people: () =>
      store.people.all().map((p) => ({
        psn_no: p.psn_no,
        label: p.label,
        psn_name: p.psn_name,
        certno: p.certno,
        insutype: p.insutype,
        insuplc_admdvs: p.insuplc_admdvs,
        card: p.card_no && p.card_sn && p.basic_info ? { card_no: p.card_no, card_sn: p.card_sn, basicInfo: p.basic_info } : null,
        qr: p.qr_token,
      })),
    balance: (psn_no) => store.people.get(psn_no)?.balc ?? null,
    setBalance: (psn_no, balc) => store.people.setBalance(psn_no, balc),
    settlements: () =>
      store.settlements.all().map(({ year: _y, split_json: _s, ytd_delta_json: _d, reversal_msgid: _r, ...shown }) => shown),
    adminToken: opts.adminToken ?? crypto.randomBytes(24).toString('base64url'),
    security,
    replay: createReplayGuard(security?.maxSkewSeconds ?? 300),
  };

  const { handle, cancelPending } = createRequestHandler(state);
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert, ca: opts.tls.clientCa, requestCert: !!opts.tls.clientCa, rejectUnauthorized: !!opts.tls.clientCa }, handle)
    : http.createServer(handle);
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed = false;

  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    adminToken: state.adminToken,
    port,
    host,
    async close() {
      if (closed) return;
      closed = true;
      cancelPending();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      security?.replySigner?.close();
      store.close();
    },
    getFaults: () => ({ ...state.faults }),
    setFaults(partial) {
      const next = CenterFaults.parse({ ...state.faults, ...CenterFaults.partial().strict().parse(partial) });
      state.faults = next;
      state.dedupe = next.dedupe;
      return { ...next };
    },
    people: state.people,
    balance(psn_no) {
      const b = state.balance(psn_no);
      if (b === null) throw new Error(`unknown psn_no ${psn_no}`);
      return b;
    },
    ytd(psn_no, year) {
      return { ...store.ytd.get(psn_no, year ?? Number(formatCstDate(now()).slice(0, 4))) };
    },
    settlements: state.settlements,
    messageCount: () => store.messages.count(),
    setPolicy(doc) {
      state.policy = parsePolicy(structuredClone(doc));
    },
    reversals: () => store.reversals.all(),
    setDedupe(on) {
      state.dedupe = z.boolean().parse(on);
      state.faults = { ...state.faults, dedupe: state.dedupe };
    },
    setReconcileDrift: (req) => setDrift(store, req),
    reconcileDrift: () => readDrift(store),
    national: {
      publish: national.publish,
      published: national.published,
      requireMapping: national.requireMapping,
      setRequireMapping: national.setRequireMapping,
      mappings: () => store.national.mappings(),
    },
  };
}
