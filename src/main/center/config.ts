/** The `center` section of the configuration: where the center is and how the terminal talks to it. */
import { z } from 'zod';
import { CheckConfig } from './check/config.js';
import { ProxyConfig, TlsConfig } from './http/config.js';
import { SigningConfig } from './signing/config.js';

export const CenterConfig = z.object({
  /** 'embedded' runs the simulator in-process; otherwise the center's base URL */
  url: z.union([z.literal('embedded'), z.url()]).default('embedded'),
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
});
export type CenterConfig = z.infer<typeof CenterConfig>;
