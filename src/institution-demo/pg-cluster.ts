/**
 * A throwaway PostgreSQL cluster in a temp directory: for the tests, the benches and
 * `npm run institution-demo`. Debian's server binaries are not on PATH (/usr/lib/postgresql/N/bin),
 * and PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user the
 * package creates (or `POS_PG_USER`), and every server command runs as that user.
 *
 * The superuser is `pos_admin` with a password; host connections use scram-sha-256, so a test that
 * signs in as a window's role really signs in as that role.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  dir: string;
  port: number;
  /** connection string of the superuser (owner of the institution schema) for database `db` */
  url(db?: string, user?: string, password?: string): string;
  adminPassword: string;
  /** stop the server as a crash would (immediate shutdown: no checkpoint, clients cut off) */
  crash(): void;
  /** start it again on the same port and data */
  start(): void;
  /** stop it cleanly and remove the directory */
  destroy(): void;
}

/** the newest PostgreSQL server binaries on this machine, or null */
export function findPgBin(): string | null {
  if (process.env.POS_PG_BIN && fs.existsSync(path.join(process.env.POS_PG_BIN, 'initdb'))) return process.env.POS_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** run a server binary, as the unprivileged owner when we are root */
function runAs(owner: string | null, bin: string, args: string[]): void {
  const cmd = owner ? 'runuser' : bin;
  const full = owner ? ['-u', owner, '--', bin, ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args[0] ?? ''} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 800)}`);
}

export async function startPgCluster(opts: { fsync?: boolean } = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run `npm run setup` (installs Debian\'s postgresql) or set POS_PG_BIN');
  const owner = isRoot() ? process.env.POS_PG_USER || 'postgres' : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-pg-'));
  const data = path.join(dir, 'data');
  const adminPassword = `pw-${process.pid}-${Date.now().toString(36)}`;
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, adminPassword + '\n', { mode: 0o600 });
  if (owner) {
    execFileSync('chown', ['-R', owner, dir]);
    fs.chmodSync(dir, 0o700);
  }
  runAs(owner, path.join(bin, 'initdb'), ['-D', data, '-U', 'pos_admin', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  fs.rmSync(pwfile, { force: true });
  const port = await freePort();
  const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200', `-c fsync=${opts.fsync === false ? 'off' : 'on'}`, '-c synchronous_commit=on'];
  const start = () => runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-o', settings.join(' '), '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  return {
    dir,
    port,
    adminPassword,
    url: (db = 'postgres', user = 'pos_admin', password = adminPassword) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    crash: () => runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy() {
      try {
        runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
