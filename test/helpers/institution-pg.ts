/**
 * A real PostgreSQL for a test file: a throwaway cluster (src/institution-demo/pg-cluster.ts), the
 * institution schema migrated by its owner, and windows / finance users provisioned as an
 * administrator would, each with a password file and a connection config a terminal can be given.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../../src/institution-demo/pg-cluster.js';
import type { PgConnectionConfig } from '../../src/main/institution/config.js';
import { migrateInstitution } from '../../src/main/institution/pg/migrate.js';
import { provisionFinance, provisionWindow } from '../../src/main/institution/pg/provision.js';

export interface InstitutionPg {
  cluster: PgCluster;
  /** the owner's connection (migrations, provisioning, reading as the administrator) */
  admin: pg.Client;
  /** register a window: its role, password file and the `institution.database` a terminal gets */
  addWindow(terminalId: string, fixmedinsCode: string, label?: string): Promise<PgConnectionConfig & { role: string; password: string }>;
  addFinance(role?: string): Promise<PgConnectionConfig & { role: string; password: string }>;
  close(): Promise<void>;
}

export async function startInstitutionPg(dir: string): Promise<InstitutionPg> {
  const cluster = await startPgCluster({ fsync: false });
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE institution');
  await admin.end();
  const owner = new pg.Client({ connectionString: cluster.url('institution') });
  await owner.connect();
  // a test that crashes the cluster reconnects; the lost connection is not an uncaught error
  owner.on('error', () => undefined);
  await migrateInstitution(owner);
  fs.mkdirSync(dir, { recursive: true });
  const connection = (role: string, password: string): PgConnectionConfig & { role: string; password: string } => {
    const passwordFile = path.join(dir, `${role}.pw`);
    fs.writeFileSync(passwordFile, password, { mode: 0o600 });
    return { url: `postgres://${role}@127.0.0.1:${cluster.port}/institution`, passwordFile, tls: { mode: 'disable' }, connectTimeoutMs: 3_000, statementTimeoutMs: 120_000, role, password };
  };
  return {
    cluster,
    admin: owner,
    async addWindow(terminalId, fixmedinsCode, label) {
      const role = `pos_w_${terminalId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
      const password = `pw-${terminalId}-${Math.random().toString(36).slice(2)}`;
      await provisionWindow(owner, { terminalId, fixmedinsCode, role, password, label });
      return connection(role, password);
    },
    async addFinance(role = 'pos_fin') {
      const password = `pw-fin-${Math.random().toString(36).slice(2)}`;
      await provisionFinance(owner, { role, password });
      return connection(role, password);
    },
    async close() {
      await owner.end().catch(() => undefined);
      cluster.destroy();
    },
  };
}

/** the connection config without the test's extras, as a terminal's configuration holds it */
export function asConfig(c: PgConnectionConfig & { role?: string; password?: string }): PgConnectionConfig {
  const { role: _r, password: _p, ...conf } = c;
  return conf;
}
