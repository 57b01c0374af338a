/**
 * THE contract between the renderer and the main process. Every call and every event is here with
 * its zod schemas; the Electron IPC handler, the browser-mode host and the renderer client are all
 * driven by this table, and no channel exists outside it. The main side validates every input.
 */
import { z } from 'zod';
import { BillKind, BillLineInput, CASHIER_NO_PATTERN, CatalogItem, IdentitySource, MdtrtCertType, MedType, PersonView, PIN_PATTERN, Role, SettlementView, SplitResult, UnmappedReason, fen, isoDate } from './domain.js';
import { HisBill } from './his-bill.js';
import { defineCall, empty } from './contract.js';
import { syncCalls, syncEvents } from './api-sync.js';
import { reconcileCalls, reconcileEvents } from './api-reconcile.js';
import { devicesCalls, devicesEvents } from './api-devices.js';
import { counterCalls, counterEvents } from './api-counter.js';
import { securityCalls, securityEvents } from './api-security.js';
import { catalogCalls, catalogEvents } from './api-catalog.js';
import { hisCalls, hisEvents } from './api-his.js';
import { centerCalls, centerEvents } from './api-center.js';
import { printCalls, printEvents } from './api-print.js';
import { CashTender, tillCalls, tillEvents } from './api-till.js';
import { institutionWindowsCalls } from './api-institution-windows.js';
import { InstitutionStatus } from './api-institution-replication.js';
import { institutionEodCalls, institutionEodEvents } from './api-institution-eod.js';
import { windowDayCalls, windowDayEvents } from './api-window-day.js';

// ---------------------------------------------------------------- shared shapes

export const DeviceState = z.enum(['connected', 'disconnected', 'no_permission', 'unavailable']);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.object({
  id: z.string(),
  kind: z.enum(['card_reader', 'qr_scanner']),
  label: z.string(),
  transport: z.enum(['serial', 'hid', 'virtual', 'keyboard', 'websocket', 'library']),
  state: DeviceState,
  reason: z.string().nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const CenterState = z.enum(['online', 'offline', 'unknown']);

export const StatusSnapshot = z.object({
  devices: z.array(DeviceStatus),
  center: z.object({
    state: CenterState,
    url: z.string(),
    signedIn: z.boolean(),
    lastOkAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  outbox: z.object({
    depth: z.number().int().nonnegative(),
    oldestAt: z.string().nullable(),
    parked: z.number().int().nonnegative(),
    sending: z.boolean(),
    /** when the worker sends again by itself (its backoff), ISO; null when nothing waits */
    nextAttemptAt: z.string().nullable().default(null),
  }),
  /** the institution database's replication (null: not configured, nothing shown) */
  institution: InstitutionStatus.nullable().default(null),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshot>;

export const CashierView = z.object({ no: z.string(), name: z.string(), role: Role });
export type CashierView = z.infer<typeof CashierView>;

export const SessionState = z.object({
  cashier: CashierView.nullable(),
  locked: z.boolean(),
  idleLockSeconds: z.number().int().positive(),
  signNo: z.string().nullable(),
  /** no cashier exists yet (a first start against a real center): the first administrator is created */
  firstAdminNeeded: z.boolean().default(false),
});
export type SessionState = z.infer<typeof SessionState>;

export const AppInfo = z.object({
  shell: z.enum(['electron', 'browser']),
  embedded: z.boolean(),
  terminalId: z.string(),
  fixmedins_code: z.string(),
  fixmedins_name: z.string(),
  mdtrtarea_admvs: z.string(),
  version: z.string(),
  defaultKind: BillKind,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** What the cashier is settling: the same shape for preview and confirm. */
export const BillDraft = z.object({
  personRef: z.string().min(1),
  kind: BillKind,
  med_type: MedType,
  lines: z.array(BillLineInput).min(1).max(500),
  /** use the patient's own personal account */
  useAcct: z.boolean(),
  /** chosen family co-pay authorizer (psn_no), or null */
  mulaidPsnNo: z.string().nullable(),
  /** outpatient only: the HIS bill number and diagnoses travel with the settlement */
  his: z
    .object({
      his_bill_no: z.string(),
      dept_name: z.string(),
      doctor_name: z.string(),
      diagnosis: z.array(z.object({ diag_code: z.string(), diag_name: z.string() })),
    })
    .nullable()
    .default(null),
  /** the seal bill.parseHis gave the HIS bill (its lines may not be edited); with `his` only */
  hisFingerprint: z.string().max(100).nullable().default(null),
  /** the cashier confirmed once more a quantity or total above the plausible limits (counter.settings) */
  confirmedUnusual: z.boolean().default(false),
});
export type BillDraft = z.infer<typeof BillDraft>;

export const PreviewOutput = SplitResult.extend({
  /** lines priced from the catalog (or HIS), in order */
  lines_priced: z.array(
    z.object({
      /** the code the bill line named */
      code: z.string(),
      name: z.string(),
      pric: fen,
      cnt: z.string(),
      amount: fen,
      chrgitm_lv: z.string(),
      /** null when covered; else why the line is fully self-paid (shown on the line) */
      unmapped: UnmappedReason.nullable().default(null),
    }),
  ),
  /** the person is cached data (center offline) */
  stale: z.boolean(),
});
export type PreviewOutput = z.infer<typeof PreviewOutput>;

export const DevPerson = z.object({
  psn_no: z.string(),
  label: z.string(),
  certno: z.string(),
  hasCard: z.boolean(),
  hasQr: z.boolean(),
});
export type DevPerson = z.infer<typeof DevPerson>;

export const CenterFaults = z.object({
  /** refuse every connection (the network or the center is down) */
  down: z.boolean(),
  /** delay every reply by this many milliseconds (after the message was applied) */
  delayMs: z.number().int().min(0).max(120000),
  /** answer with a body that is not the envelope */
  garbage: z.boolean(),
  /** apply the message, then drop the connection without a reply (the outcome is unknown to the terminal) */
  timeoutAfterCommit: z.boolean(),
  /** answer HTTP 500 without applying anything */
  http500: z.boolean(),
  /** refuse with this infcode (negative) and err_msg, without applying; null = off */
  businessError: z.object({ infcode: z.number().int().max(-1), err_msg: z.string().min(1).max(200) }).nullable(),
  /** the center computes with a drifted policy (other deductible and ratios than the terminal's) */
  driftedPolicy: z.boolean(),
  /** a repeated msgid returns the first reply without applying again (false: applied again) */
  dedupe: z.boolean(),
  /** the reply faults (delay, garbage, timeoutAfterCommit, http500, businessError) hit only this infno; null = every business transaction */
  onlyInfno: z.string().regex(/^\d{4}$/).nullable(),
});
export type CenterFaults = z.infer<typeof CenterFaults>;

// ---------------------------------------------------------------- calls

const call = defineCall;

const coreCalls = {
  'app.info': call(empty, AppInfo, { auth: false }),
  'status.get': call(empty, StatusSnapshot, { auth: false }),

  'session.get': call(empty, SessionState, { auth: false }),
  'session.login': call(
    z.object({ cashierNo: z.string().regex(CASHIER_NO_PATTERN, 'cashier number is 4 digits'), pin: z.string().regex(PIN_PATTERN, 'PIN is 4 to 8 digits') }).strict(),
    SessionState,
    { auth: false },
  ),
  'session.logout': call(empty, SessionState),
  'session.lock': call(empty, SessionState),
  /** unlock needs the same cashier's PIN */
  'session.unlock': call(z.object({ pin: z.string().regex(PIN_PATTERN) }).strict(), SessionState, { auth: false }),
  /** the renderer reports activity so the idle lock can be enforced on the main side too */
  'session.touch': call(empty, SessionState),
  /** at the lock screen: a supervisor unlocks it for the cashier, or ends that cashier's session (switch) */
  'session.supervisorUnlock': call(
    z.object({ supervisorNo: z.string().regex(CASHIER_NO_PATTERN, 'cashier number is 4 digits'), pin: z.string().regex(PIN_PATTERN), mode: z.enum(['unlock', 'switch']) }).strict(),
    SessionState,
    { auth: false },
  ),
  /** the signed-in cashier changes his own PIN */
  'session.changePin': call(z.object({ oldPin: z.string().regex(PIN_PATTERN), newPin: z.string().regex(PIN_PATTERN, 'PIN is 4 to 8 digits') }).strict(), SessionState),
  /** only while no cashier exists (a first start against a real center): creates the administrator and signs him in */
  'setup.firstAdmin': call(
    z.object({ cashierNo: z.string().regex(CASHIER_NO_PATTERN, 'cashier number is 4 digits'), name: z.string().trim().min(1).max(20), pin: z.string().regex(PIN_PATTERN, 'PIN is 4 to 8 digits') }).strict(),
    SessionState,
    { auth: false },
  ),

  'person.identify': call(
    z.union([
      z.object({ ref: z.string().min(1) }).strict(),
      z.object({
        mdtrt_cert_type: z.literal('02'),
        certno: z.string().regex(/^\d{17}[\dX]$/, 'ID number is 18 characters, the last a digit or X'),
      }).strict(),
    ]),
    PersonView,
  ),

  'catalog.search': call(z.object({ q: z.string().max(50) }).strict(), z.array(CatalogItem)),
  'catalog.lookup': call(z.object({ code: z.string().min(1).max(50) }).strict(), CatalogItem),

  /** parse and validate an HIS bill file's text; errors name the field */
  'bill.parseHis': call(z.object({ content: z.string().min(1).max(2_000_000) }).strict(), HisBill.extend({ fingerprint: z.string() })),

  'settle.preview': call(BillDraft, PreviewOutput),
  /** idempotent on requestId: pressing confirm twice makes one settlement */
  'settle.confirm': call(BillDraft.extend({ requestId: z.string().uuid(), cash: CashTender.nullable().default(null) }), SettlementView),
  'settle.list': call(z.object({ date: isoDate.optional() }).strict(), z.array(SettlementView)),
  'settle.get': call(z.object({ id: z.string().min(1) }).strict(), SettlementView),
  /** `approval`: a supervisor's token (approval.grant) unless approval.needed says none is required */
  'settle.reverse': call(z.object({ id: z.string().min(1), reason: z.string().min(1).max(100), approval: z.string().max(100).optional() }).strict(), SettlementView),

  'sync.retryNow': call(empty, StatusSnapshot),

  // developer panel: embedded default only
  'dev.people': call(empty, z.array(DevPerson), { dev: true }),
  'dev.presentCard': call(z.object({ psn_no: z.string().min(1) }).strict(), z.object({ ok: z.literal(true) }), { dev: true }),
  'dev.presentQr': call(z.object({ psn_no: z.string().min(1) }).strict(), z.object({ ok: z.literal(true) }), { dev: true }),
  'dev.getFaults': call(empty, CenterFaults, { dev: true }),
  'dev.setFaults': call(CenterFaults.partial().strict(), CenterFaults, { dev: true }),
  'dev.authorizerBalance': call(z.object({ psn_no: z.string().min(1) }).strict(), z.object({ balc: fen }), { dev: true }),
} as const;

export const calls = { ...coreCalls, ...syncCalls, ...reconcileCalls, ...devicesCalls, ...counterCalls, ...securityCalls, ...catalogCalls, ...hisCalls, ...centerCalls, ...printCalls, ...tillCalls, ...institutionWindowsCalls, ...institutionEodCalls, ...windowDayCalls } as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.infer<Calls[N]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

// ---------------------------------------------------------------- errors

export const ErrorCode = z.enum([
  'VALIDATION', // input failed the schema; `field` names the path
  'UNKNOWN_CALL',
  'AUTH', // not logged in, wrong PIN
  'LOCKED', // screen locked
  'NOT_FOUND', // unknown person, catalog code, settlement
  'CENTER_REFUSED', // business refusal (infcode < 0) with the center's err_msg
  'CENTER_UNREACHABLE', // network failure or timeout
  'CENTER_BAD_REPLY', // HTTP 5xx or a body that is not the envelope
  'CONFLICT', // state does not allow it (e.g. reversing a reversed settlement)
  'DEV_ONLY', // developer call outside the embedded default
  'LOCKED_OUT', // this cashier is locked after too many wrong PINs; params.until is HH:mm (business time)
  'APPROVAL_REQUIRED', // the action needs a supervisor's approval (approval.grant) first
  'STORAGE_FULL', // the disk is (nearly) full: nothing was written
  'INTERNAL', // a fault of the terminal: params.incident names the log entry; no detail on screen
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** dotted path of the offending input field, for VALIDATION */
  field: z.string().nullable().default(null),
  /** what the cashier reads: a message key of the renderer's dictionaries and its values (src/main/errors.ts);
   *  LOCKED_OUT carries until, INTERNAL an incident number */
  key: z.string().nullable().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------- events

export const IdentityPresented = z.object({
  ref: z.string(),
  source: IdentitySource,
  mdtrt_cert_type: MdtrtCertType,
  /** what can be shown before the center answers: masked */
  display: z.string(),
  deviceId: z.string().nullable(),
});
export type IdentityPresented = z.infer<typeof IdentityPresented>;

export const DeviceErrorEvent = z.object({ deviceId: z.string(), reason: z.string() });

const coreEvents = {
  'status.changed': StatusSnapshot,
  'identity.presented': IdentityPresented,
  'device.error': DeviceErrorEvent,
  'settlement.updated': SettlementView,
  'session.changed': SessionState,
} as const;

export const events = { ...coreEvents, ...syncEvents, ...reconcileEvents, ...devicesEvents, ...counterEvents, ...securityEvents, ...catalogEvents, ...hisEvents, ...centerEvents, ...printEvents, ...tillEvents, ...institutionEodEvents, ...windowDayEvents } as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;

/** The one object the renderer talks to, in Electron (preload) and in browser mode (host client). */
export interface PosBridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<ApiResult<CallOutput<N>>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

