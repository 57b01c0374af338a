/**
 * `center.tls` and `center.proxy`: the way to a center behind a private CA, one that asks for a client
 * certificate, or one reached through an HTTP proxy / front-end processor (前置机). A front-end
 * processor that relays the national interface itself is just `center.url`; one that forwards like
 * a proxy goes in `center.proxy`. Certificate verification cannot be switched off.
 */
import { z } from 'zod';

export const TlsConfig = z
  .object({
    /** PEM file with the CA certificate(s) to trust for the center (replaces the system's list) */
    caFile: z.string().min(1).optional(),
    /** client certificate (PEM) and its private key (PEM), when the center asks for one */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** the name the center's certificate carries, when center.url holds an IP address */
    servername: z.string().min(1).max(253).optional(),
    /** certificates expiring within this many days are shown to the admin */
    expiryWarningDays: z.number().int().min(1).max(365).default(30),
  })
  .strict()
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), { message: 'certFile and keyFile go together', path: ['keyFile'] });
export type TlsConfig = z.infer<typeof TlsConfig>;

export const ProxyConfig = z
  .object({
    /** http://host:port of the proxy or front-end processor (credentials: proxyAuth in the secrets) */
    url: z.string().regex(/^http:\/\/[^\s/]+(:\d+)?\/?$/, 'proxy url is http://host:port'),
  })
  .strict();
export type ProxyConfig = z.infer<typeof ProxyConfig>;
