/**
 * The connection check, step by step, as `pos check-center` prints it and the administrator screen
 * shows it: what each step is called, and the shape of its outcome (time, what was found, and a
 * plain Chinese reason when it failed).
 */
import { CHECK_STEP_IDS } from '../../../shared/api-center.js';

export const STEP_IDS = CHECK_STEP_IDS;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  dns: '名称解析',
  tcp: 'TCP 连接',
  tls: 'TLS 证书',
  http: 'HTTP 请求',
  envelope: '报文受理',
  signature: '签名验证',
  signin: '9001 签到',
  person: '1101 人员信息',
};

/** ok; warn: works, but needs attention (a certificate about to expire); failed; skipped: not tried or not applicable */
export type StepStatus = 'ok' | 'warn' | 'failed' | 'skipped';

export interface CheckStep {
  id: StepId;
  title: string;
  status: StepStatus;
  ms: number;
  /** what was found (addresses, certificate, sign_no …) */
  detail: string;
  /** why it failed or needs attention, in plain Chinese; null when all is well */
  reason: string | null;
}

export interface CheckReport {
  url: string;
  schemes: string;
  /** no step failed (warnings allowed) */
  ok: boolean;
  steps: CheckStep[];
  startedAt: string;
  ms: number;
}

export const step = (id: StepId, status: StepStatus, ms: number, detail: string, reason: string | null = null): CheckStep => ({
  id,
  title: STEP_TITLES[id],
  status,
  ms: Math.round(ms * 10) / 10,
  detail,
  reason,
});

export const skipped = (id: StepId, why: string): CheckStep => step(id, 'skipped', 0, why);

/** milliseconds since t0 (performance.now()) */
export const since = (t0: number) => performance.now() - t0;
