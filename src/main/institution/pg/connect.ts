/**
 * Connections to the institution database from the configuration (node-postgres). The password is
 * read from its file at connect time, so rotating it needs no restart; TLS as configured.
 */
import fs from 'node:fs';
import pg from 'pg';
import type { PgConnectionConfig } from '../config.js';

// bigint (int8) columns hold fen sums and sequence numbers: read them as numbers, refusing what would not be exact
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`institution database: ${v} is beyond a safe integer`);
  return n;
});
// dates stay 'yyyy-MM-dd' text (business dates, no time zone games)
pg.types.setTypeParser(1082, (v: string) => v);

function readSecret(file: string): string {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!text) throw new Error(`${file} is empty`);
  return text;
}

export function pgClientConfig(c: PgConnectionConfig, extra: { applicationName?: string } = {}): pg.ClientConfig {
  const ssl: pg.ClientConfig['ssl'] =
    c.tls.mode === 'disable'
      ? false
      : {
          rejectUnauthorized: c.tls.mode === 'verify-full',
          ...(c.tls.caFile ? { ca: fs.readFileSync(c.tls.caFile, 'utf8') } : {}),
          ...(c.tls.certFile ? { cert: fs.readFileSync(c.tls.certFile, 'utf8') } : {}),
          ...(c.tls.keyFile ? { key: fs.readFileSync(c.tls.keyFile, 'utf8') } : {}),
        };
  // the URL's parts given one by one: node-postgres lets a connection string's (empty) password win over `password`
  const u = new URL(c.url);
  return {
    host: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || undefined,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    ...(c.passwordFile ? { password: () => readSecret(c.passwordFile!) } : {}),
    ssl,
    connectionTimeoutMillis: c.connectTimeoutMs,
    statement_timeout: c.statementTimeoutMs,
    application_name: extra.applicationName ?? 'pos-terminal',
  };
}

export function openPool(c: PgConnectionConfig, opts: { max?: number; applicationName?: string } = {}): pg.Pool {
  const pool = new pg.Pool({ ...pgClientConfig(c, opts), max: opts.max ?? 2, idleTimeoutMillis: 30_000 });
  // an idle client losing its server is not a crash: the next query reconnects
  pool.on('error', () => undefined);
  return pool;
}
