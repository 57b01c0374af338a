/**
 * Calls and events of the security area (cashier administration, supervisor approval, the audit
 * chain's state), merged into the one contract by api.ts. The session calls that answer a
 * SessionState (supervisor unlock, own PIN change, first administrator) are in api.ts beside it.
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN, Role } from './domain.js';

const cashierNo = z.string().regex(CASHIER_NO_PATTERN, 'cashier number is 4 digits');
const pin = z.string().regex(PIN_PATTERN, 'PIN is 4 to 8 digits');
const name = z.string().trim().min(1, 'name is required').max(20);

/** What a supervisor's approval may be given for; an area that needs one adds its action here. */
export const ApprovalAction = z.enum(['settlement.reverse', 'his.remove_line']);
export type ApprovalAction = z.infer<typeof ApprovalAction>;

export const ApprovalGrant = z.object({
  /** one-time, for this action on this subject by the cashier who asked */
  token: z.string(),
  expiresAt: z.string(),
  supervisor: z.object({ no: z.string(), name: z.string() }),
});
export type ApprovalGrant = z.infer<typeof ApprovalGrant>;

export const ApprovalNeed = z.object({
  required: z.boolean(),
  /** why not: the signed-in cashier is a supervisor, or the configured exception applies */
  exception: z.enum(['supervisor_signed_in', 'own_recent']).nullable(),
});
export type ApprovalNeed = z.infer<typeof ApprovalNeed>;

export const CashierAdminView = z.object({
  no: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string(),
  failedLogins: z.number().int().nonnegative(),
  /** ISO time the lockout ends, or null */
  lockedUntil: z.string().nullable(),
  /** the row's integrity check holds */
  intact: z.boolean(),
});
export type CashierAdminView = z.infer<typeof CashierAdminView>;

export const SecurityStatus = z.object({
  audit: z.object({
    state: z.enum(['checking', 'ok', 'broken']),
    /** the first broken link, for people */
    message: z.string().nullable(),
    checked: z.number().int().nonnegative(),
    /** the chain head as printed on paper: "#1234 3f2a91bc5e7d0a14" */
    head: z.string(),
    checkedAt: z.string().nullable(),
  }),
  /** cashier numbers whose row fails its integrity check */
  cashiersTampered: z.array(z.string()),
  /** what is wrong with the data directory's permissions (fixed at start where it could be) */
  dataDir: z.array(z.string()),
  disk: z.object({ freeMb: z.number().nullable(), low: z.boolean() }),
  /** where the data key is kept */
  keyProtection: z.enum(['os-keystore', 'key-file']),
});
export type SecurityStatus = z.infer<typeof SecurityStatus>;

const call = defineCall;

export const securityCalls = {
  /** is a supervisor's approval needed for this action on this subject by the cashier at the window */
  'approval.needed': call(z.object({ action: ApprovalAction, subject: z.string().min(1).max(100) }).strict(), ApprovalNeed),
  /** a supervisor's number and PIN, checked on the main side; audited */
  'approval.grant': call(z.object({ action: ApprovalAction, subject: z.string().min(1).max(100), supervisorNo: cashierNo, pin }).strict(), ApprovalGrant),

  'cashier.list': call(empty, z.array(CashierAdminView), { admin: true }),
  'cashier.add': call(z.object({ cashierNo, name, role: Role, pin }).strict(), CashierAdminView, { admin: true }),
  'cashier.setActive': call(z.object({ cashierNo, active: z.boolean() }).strict(), CashierAdminView, { admin: true }),
  'cashier.resetPin': call(z.object({ cashierNo, pin }).strict(), CashierAdminView, { admin: true }),
  'cashier.setRole': call(z.object({ cashierNo, role: Role }).strict(), CashierAdminView, { admin: true }),
  'cashier.clearLockout': call(z.object({ cashierNo }).strict(), CashierAdminView, { admin: true }),

  'security.status': call(empty, SecurityStatus),
  /** check the audit chain again now */
  'security.verifyAudit': call(empty, SecurityStatus, { admin: true }),
} as const;

export const securityEvents = {
  'security.changed': SecurityStatus,
} as const;
