/**
 * `pos institution …`: the institution database (PostgreSQL) as its administrator sets it up, and this
 * window's replication as it stands.
 *   init        --admin-url URL [--password-file F] [--tls MODE] [--ca FILE]   the schema's migrations, as its owner
 *   add-window  --admin-url URL --terminal ID --fixmedins CODE --role R --password-file F [--label L]
 *   add-finance --admin-url URL --role R --password-file F
 *               (--password-file: the new role's password; the owner's from --admin-password-file or ~/.pgpass)
 *   status      [--config FILE] [--json]   this window's backlog, what the institution database last heard, the error
 * Passwords are read from files (0600), never from the command line. TLS: verify-full unless the server is
 * on this machine (then unencrypted, as the demo runs it), or --tls.
 */
import fs from 'node:fs';
import pg from 'pg';
import { z } from 'zod';
import { openStore } from '../app.js';
import { loadConfig } from '../config.js';
import { PgConnectionConfig } from '../institution/config.js';
import { pgClientConfig } from '../institution/pg/connect.js';
import { migrateInstitution } from '../institution/pg/migrate.js';
import { provisionFinance, provisionWindow } from '../institution/pg/provision.js';
import { classifyPgError, heardFrom, whoAmI } from '../institution/pg/replication.js';
import { EXIT, option, type Io } from './args.js';
import { INSTITUTION_USAGE } from './usage.js';

const LOCAL = /^postgres(ql)?:\/\/[^@/]*@(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** the owner's connection; its password from --admin-password-file (init: also --password-file), else ~/.pgpass */
function adminConnection(argv: string[], ownPasswordFlag = false): PgConnectionConfig {
  const url = option(argv, '--admin-url');
  if (!url) throw new UsageError('--admin-url postgres://owner@host:port/database is required');
  const mode = option(argv, '--tls') ?? (LOCAL.test(url) ? 'disable' : 'verify-full');
  const passwordFile = option(argv, '--admin-password-file') ?? (ownPasswordFlag ? option(argv, '--password-file') : undefined);
  const ca = option(argv, '--ca');
  const parsed = PgConnectionConfig.safeParse({ url, ...(passwordFile ? { passwordFile } : {}), tls: { mode, ...(ca ? { caFile: ca } : {}) } });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'admin-url'}: ${i.message}`).join('; '));
  return parsed.data;
}

class UsageError extends Error {}

const WindowArgs = z.object({
  terminal: z.string().min(1).max(20),
  fixmedins: z.string().length(12, 'fixmedins_code has 12 characters'),
  role: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _'),
  passwordFile: z.string().min(1),
  label: z.string().max(100).default(''),
});

function secretFrom(file: string): string {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < 8) throw new UsageError(`${file}: the password must have at least 8 characters`);
  return text;
}

async function asAdmin<T>(argv: string[], fn: (c: pg.Client) => Promise<T>, ownPasswordFlag = false): Promise<T> {
  const client = new pg.Client(pgClientConfig(adminConnection(argv, ownPasswordFlag), { applicationName: 'pos institution' }));
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function status(argv: string[], io: Io): Promise<number> {
  const { config } = loadConfig(option(argv, '--config'));
  const store = openStore(config);
  const counts = store.replication.counts();
  store.close();
  const db = config.institution.database;
  const out: Record<string, unknown> = { configured: !!db, terminal: config.terminal.id, backlog: counts.backlog, localSeq: counts.local_seq, ackedSeq: counts.acked_seq, oldestUnsentDate: counts.oldest_unsent_date, lastOkAt: null, error: null };
  if (db) {
    const client = new pg.Client(pgClientConfig(db, { applicationName: 'pos institution status' }));
    client.on('error', () => undefined);
    try {
      await client.connect();
      const me = await whoAmI(client);
      if (me.terminal_id !== config.terminal.id) out.error = `role ${me.role} writes as window ${me.terminal_id ?? '(none)'}, this terminal is ${config.terminal.id}`;
      const heard = await heardFrom(client, config.terminal.id);
      out.lastOkAt = heard?.heard_at ?? null;
    } catch (e) {
      const c = classifyPgError(e);
      out.error = `${c.kind}: ${c.reason}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  io.stdout.write(
    argv.includes('--json')
      ? `${JSON.stringify(out)}\n`
      : !db
        ? `institution database not configured: this terminal is its own institution · queued ${counts.backlog}\n`
        : `institution database · not synced ${counts.backlog} · oldest unsent ${counts.oldest_unsent_date ?? '-'} · last heard ${out.lastOkAt ?? 'never'}${out.error ? ` · error ${out.error}` : ''}\n`,
  );
  return out.error ? EXIT.failed : EXIT.ok;
}

export async function institutionCommand(argv: string[], io: Io = process): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'init': {
        const r = await asAdmin(rest, (c) => migrateInstitution(c), true);
        io.stdout.write(`institution schema at version ${r.version}${r.applied.length ? ` (applied ${r.applied.join(', ')})` : ' (nothing to apply)'}\n`);
        return EXIT.ok;
      }
      case 'add-window': {
        const a = WindowArgs.safeParse({ terminal: option(rest, '--terminal'), fixmedins: option(rest, '--fixmedins'), role: option(rest, '--role'), passwordFile: option(rest, '--password-file'), label: option(rest, '--label') });
        if (!a.success) throw new UsageError(a.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
        const w = a.data;
        const password = secretFrom(w.passwordFile);
        await asAdmin(rest, (c) => provisionWindow(c, { terminalId: w.terminal, fixmedinsCode: w.fixmedins, role: w.role, password, label: w.label }));
        const u = new URL(adminConnection(rest).url);
        io.stdout.write(`window ${w.terminal} of ${w.fixmedins} writes as role ${w.role}; its configuration (give every window of the institution its own msgidSlot, 0–99):\n${JSON.stringify({ terminal: { id: w.terminal, fixmedins_code: w.fixmedins, msgidSlot: 1 }, institution: { database: { url: `postgres://${w.role}@${u.host}${u.pathname}`, passwordFile: w.passwordFile } } }, null, 2)}\n`);
        return EXIT.ok;
      }
      case 'add-finance': {
        const role = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).safeParse(option(rest, '--role'));
        const file = option(rest, '--password-file');
        if (!role.success || !file) throw new UsageError('--role R (lower-case letters, digits, _) and --password-file F are required');
        const password = secretFrom(file);
        await asAdmin(rest, (c) => provisionFinance(c, { role: role.data, password }));
        io.stdout.write(`finance role ${role.data} reads every window\n`);
        return EXIT.ok;
      }
      case 'status':
        return await status(rest, io);
      default:
        io.stderr.write(`usage: pos\n${INSTITUTION_USAGE}\n`);
        return EXIT.usage;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`pos institution: ${e.message}\n`);
      return EXIT.usage;
    }
    // PostgreSQL's and the network's errors carry a code; anything else (a configuration, a file) is said as it is
    if (typeof (e as { code?: unknown })?.code !== 'string') {
      io.stderr.write(`pos institution ${sub}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.failed;
    }
    const c = classifyPgError(e);
    io.stderr.write(`pos institution ${sub}: ${c.kind === 'refused' ? c.reason : `the institution database is unreachable: ${c.reason}`}\n`);
    return EXIT.failed;
  }
}
