/** The `center` section of the configuration: where the center is and how the terminal talks to it. */
import { z } from 'zod';
import { CheckConfig } from './check/config.js';
import { ProxyConfig, TlsConfig } from './http/config.js';
import { SigningConfig } from './signing/config.js';

/** 127.0.0.0/8, ::1 and localhost: where plain http never leaves the machine */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A real center is reached over https; plain http only to this machine (a simulator beside the
 * terminal) or when `allowInsecureHttp` says so in writing (logged at every start).
 */
function checkCenterUrl(c: { url: string; allowInsecureHttp: boolean }, ctx: z.RefinementCtx): void {
  if (c.url === 'embedded') return;
  let u: URL;
  try {
    u = new URL(c.url);
  } catch {
    return ctx.addIssue({ code: 'custom', path: ['url'], message: 'not a URL' });
  }
  if (u.username || u.password) ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not carry a user name or password' });
  if (u.protocol === 'https:') return;
  if (u.protocol !== 'http:') return ctx.addIssue({ code: 'custom', path: ['url'], message: `must be an https:// address (or "embedded"), not ${u.protocol}` });
  if (!isLoopbackHost(u.hostname) && !c.allowInsecureHttp) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'plain http:// is allowed only to this machine (127.0.0.1, localhost); use https:// or set center.allowInsecureHttp' });
  }
}

export const CenterConfig = z.object({
  /** 'embedded' runs the simulator in-process; otherwise the center's base URL (https; see checkCenterUrl) */
  url: z.union([z.literal('embedded'), z.url()]).default('embedded'),
  /** allow plain http to a host other than this machine (a closed network); logged at every start */
  allowInsecureHttp: z.boolean().default(false),
  timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  /** first retry delay of the outbox; doubles up to retryMaxMs */
  retryBaseMs: z.number().int().min(50).max(600_000).default(2_000),
  retryMaxMs: z.number().int().min(100).max(3_600_000).default(60_000),
  /** operator type on the envelope: 1 staff */
  opter_type: z.enum(['1', '2', '3']).default('1'),
  /** signed / encrypted transport (signing/config.ts), TLS and proxy (http/config.ts), the connection check (check/config.ts) */
  signing: SigningConfig.prefault({}),
  tls: TlsConfig.prefault({}),
  proxy: ProxyConfig.optional(),
  check: CheckConfig.prefault({}),
}).superRefine(checkCenterUrl);
export type CenterConfig = z.infer<typeof CenterConfig>;
