/**
 * The `institution` section: the hospital's PostgreSQL, where every window's settlements meet.
 * Absent (the default), the terminal is its own institution and nothing here runs.
 *
 *   database  this window's own connection: a login role that is a member of pos_window and may
 *             write only its own rows (`pos institution add-window` makes it)
 *   finance   the finance role's connection (member of pos_finance, reads every window), on the
 *             terminals where a supervisor does the institution's end of day and watches the windows
 *
 * Passwords never sit in the configuration: `passwordFile` names a file (0600) holding it. TLS is
 * verify-full by default; `disable` is accepted only for a server on this machine (127.0.0.1,
 * localhost, a Unix socket), as the demo and the tests run it.
 */
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

export const PgConnectionConfig = z
  .object({
    /** postgres://role@host:port/database (a password in the URL is refused: use passwordFile) */
    url: z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// connection string'),
    passwordFile: z.string().min(1).optional(),
    tls: z
      .object({
        mode: z.enum(['verify-full', 'require', 'disable']).default('verify-full'),
        /** the hospital's CA for the server's certificate (verify-full) */
        caFile: z.string().optional(),
        /** a client certificate, where the server asks for one */
        certFile: z.string().optional(),
        keyFile: z.string().optional(),
      })
      .strict()
      .prefault({}),
    connectTimeoutMs: z.number().int().min(200).max(60_000).default(5_000),
    /** a statement that runs longer is cancelled (end of day's compare sets its own) */
    statementTimeoutMs: z.number().int().min(200).max(3_600_000).default(30_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    let u: URL;
    try {
      u = new URL(c.url);
    } catch {
      return ctx.addIssue({ code: 'custom', path: ['url'], message: 'not a connection string' });
    }
    if (u.password) ctx.addIssue({ code: 'custom', path: ['url'], message: 'no password in the connection string: put it in a file named by passwordFile' });
    if (!u.username) ctx.addIssue({ code: 'custom', path: ['url'], message: 'name the role: postgres://role@host/database' });
    if (c.tls.mode === 'disable' && !LOOPBACK.has(u.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['tls', 'mode'], message: `tls.mode "disable" only for a server on this machine, not ${u.hostname}: settlements would cross the network in the clear` });
    }
    if (Boolean(c.tls.certFile) !== Boolean(c.tls.keyFile)) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'certFile and keyFile go together' });
  });
export type PgConnectionConfig = z.infer<typeof PgConnectionConfig>;

export const InstitutionConfig = z
  .object({
    database: PgConnectionConfig.optional(),
    finance: PgConnectionConfig.optional(),
    replication: z
      .object({
        /** changes per batch (one transaction in PostgreSQL) */
        batchSize: z.number().int().min(1).max(5_000).default(500),
        /** first retry after PostgreSQL refused or was away; doubles up to retryMaxMs */
        retryBaseMs: z.number().int().min(20).max(600_000).default(1_000),
        retryMaxMs: z.number().int().min(50).max(3_600_000).default(60_000),
        /** an idle window still says it is alive this often */
        heartbeatMs: z.number().int().min(100).max(3_600_000).default(30_000),
        /** a window not heard from for this long is named as silent in the institution's end of day */
        staleAfterMs: z.number().int().min(1_000).max(86_400_000).default(180_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type InstitutionConfig = z.infer<typeof InstitutionConfig>;
