/**
 * Calls and events of the center-connection area, merged into the one contract by api.ts: the way
 * to the center as configured (signing, proxy, certificates with their expiry) and the step-by-step
 * connection check the administrator runs (the same as `pos check-center`).
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';

export const CHECK_STEP_IDS = ['dns', 'tcp', 'tls', 'http', 'envelope', 'signature', 'signin', 'person'] as const;

export const CheckStepView = z.object({
  id: z.enum(CHECK_STEP_IDS),
  /** Chinese title (the admin's language of the diagnostics; the screen has its own translated titles by id) */
  title: z.string(),
  status: z.enum(['ok', 'warn', 'failed', 'skipped']),
  ms: z.number().nonnegative(),
  /** what was found, in Chinese */
  detail: z.string(),
  /** why it failed or needs attention, in plain Chinese */
  reason: z.string().nullable(),
});
export type CheckStepView = z.infer<typeof CheckStepView>;

export const CenterCheckReport = z.object({
  url: z.string(),
  schemes: z.string(),
  ok: z.boolean(),
  steps: z.array(CheckStepView),
  startedAt: z.string(),
  ms: z.number().int().nonnegative(),
});
export type CenterCheckReport = z.infer<typeof CenterCheckReport>;

export const CertificateEntry = z.object({
  role: z.enum(['server', 'client', 'ca']),
  source: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  daysLeft: z.number().int(),
  expired: z.boolean(),
  expiresSoon: z.boolean(),
});
export type CertificateEntry = z.infer<typeof CertificateEntry>;

export const CenterLinkInfo = z.object({
  url: z.string(),
  embedded: z.boolean(),
  /** "none" or the schemes joined with "+" */
  schemes: z.string(),
  /** host:port of the proxy / front-end processor, or null */
  proxy: z.string().nullable(),
  expiryWarningDays: z.number().int().positive(),
  certificates: z.array(CertificateEntry),
});
export type CenterLinkInfo = z.infer<typeof CenterLinkInfo>;

export const centerCalls = {
  /** the way to the center as configured, and the certificates to renew in time */
  'center.info': defineCall(empty, CenterLinkInfo),
  /** run the connection check now (9001 as the logged-in cashier; 1101 with the given or configured test person) */
  'center.check': defineCall(
    z.object({ person: z.string().regex(/^\d{17}[\dX]$/, 'ID number is 18 characters, the last a digit or X').optional() }).strict(),
    CenterCheckReport,
  ),
} as const;

export const centerEvents = {
  /** one step of a running check, as it ends */
  'center.checkStep': CheckStepView,
} as const;
