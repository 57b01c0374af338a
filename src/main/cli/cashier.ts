/**
 * `pos cashier`: cashier administration from the command line (the administrator screen does the same):
 *   pos cashier list [--json]
 *   pos cashier init --no NO --name NAME             the first administrator (only while none exists)
 *   pos cashier add --no NO --name NAME --role cashier|supervisor|administrator
 *   pos cashier disable|enable|unlock --no NO        (unlock: lift a PIN lockout)
 *   pos cashier reset-pin --no NO
 *   pos cashier set-role --no NO --role ROLE
 * PINs are read from the terminal without echo, or the first line of stdin; never from the arguments.
 * Whoever can run this can read the data directory, so the OS user is the authority; the audit log
 * records it as `cli:<user>`. Exit codes: 0 done, 1 failed, 2 usage.
 */
import os from 'node:os';
import { Role } from '../../shared/domain.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN } from '../../shared/domain.js';
import { openStore } from '../app.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { createCashierAdmin } from '../security/cashier-admin.js';
import type { CashierAdminView } from '../../shared/api-security.js';
import { EXIT, option, type Io } from './args.js';
import { readSecret, type SecretInput } from './secret.js';
import { CASHIER_USAGE } from './usage.js';

const line = (c: CashierAdminView) =>
  `${c.no}  ${c.name}  ${c.role}${c.active ? '' : '  [disabled]'}${c.lockedUntil ? `  [locked until ${c.lockedUntil}]` : ''}${c.intact ? '' : '  [INTEGRITY CHECK FAILS]'}`;

function osActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function cashierCommand(argv: string[], io: Io = process, input?: SecretInput): Promise<number> {
  const [sub, ...rest] = argv;
  const no = option(rest, '--no');
  const name = option(rest, '--name');
  const roleText = option(rest, '--role');
  const usage = (m: string) => {
    io.stderr.write(`pos cashier: ${m}\n${CASHIER_USAGE}\n`);
    return EXIT.usage;
  };
  if (!sub || !['list', 'init', 'add', 'disable', 'enable', 'unlock', 'reset-pin', 'set-role'].includes(sub)) return usage('which subcommand?');
  if (sub !== 'list' && (!no || !CASHIER_NO_PATTERN.test(no))) return usage('--no NO (4 digits) is required');
  if ((sub === 'init' || sub === 'add') && !name?.trim()) return usage('--name NAME is required');
  const role = roleText === undefined ? null : Role.safeParse(roleText);
  if ((sub === 'add' || sub === 'set-role') && !role?.success) return usage('--role cashier|supervisor|administrator is required');

  const pinFor = async (): Promise<string | null> => {
    const pin = await readSecret(`PIN for ${no} (4 to 8 digits): `, io, input);
    if (!PIN_PATTERN.test(pin)) {
      io.stderr.write('pos cashier: the PIN is 4 to 8 digits\n');
      return null;
    }
    return pin;
  };

  const { config } = loadConfig(option(rest, '--config'));
  // with an institution database the cashiers are the institution's (institution/cashiers/): a change
  // here would touch only this window's copy and the next pull would undo it
  if (config.institution?.database && !['list', 'init', 'unlock'].includes(sub)) {
    io.stderr.write('pos cashier: this window takes its cashiers from the institution database: change them at the administrator screen (管理) of any window\n');
    return EXIT.failed;
  }
  const store = openStore(config);
  try {
    const admin = createCashierAdmin({ store, now: () => Date.now() });
    const actor = osActor();
    let out: CashierAdminView;
    switch (sub) {
      case 'list': {
        const all = admin.list();
        io.stdout.write(rest.includes('--json') ? `${JSON.stringify(all)}\n` : all.length ? `${all.map(line).join('\n')}\n` : 'no cashiers yet: pos cashier init --no NO --name NAME\n');
        return EXIT.ok;
      }
      case 'init':
      case 'add':
      case 'reset-pin': {
        const pin = await pinFor();
        if (pin === null) return EXIT.usage;
        out =
          sub === 'init'
            ? admin.firstAdmin(actor, { no: no!, name: name!.trim() }, pin)
            : sub === 'add'
              ? admin.add(actor, { no: no!, name: name!.trim(), role: role!.data! }, pin)
              : admin.resetPin(actor, no!, pin);
        break;
      }
      case 'disable':
      case 'enable':
        out = admin.setActive(actor, no!, sub === 'enable');
        break;
      case 'unlock':
        out = admin.clearLockout(actor, no!);
        break;
      default:
        out = admin.setRole(actor, no!, role!.data!);
    }
    io.stdout.write(`${line(out)}\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(`pos cashier ${sub}: ${e instanceof AppError ? e.message : (e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store.close();
  }
}
