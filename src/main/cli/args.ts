/** What every `pos` command reads from its arguments, and how it answers a person. */
import os from 'node:os';
import { isoDate } from '../../shared/domain.js';
import type { Store } from '../store/index.js';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const EXIT = { ok: 0, failed: 1, usage: 2, notBalanced: 3 } as const;

export function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** a real calendar date yyyy-MM-dd (2026-13-45 is not): the contract's own rule */
export function validDate(s: string | undefined): s is string {
  return s !== undefined && isoDate.safeParse(s).success;
}

/** --date D [--to D2], or null after saying what is wrong */
export function periodOf(argv: string[], io: Io): { from: string; to: string } | null {
  const from = option(argv, '--date');
  const to = option(argv, '--to') ?? from;
  if (!validDate(from)) {
    io.stderr.write('pos: --date YYYY-MM-DD is required (a real calendar date)\n');
    return null;
  }
  if (!validDate(to) || to < from) {
    io.stderr.write('pos: --to must be a date on or after --date\n');
    return null;
  }
  return { from, to };
}

/** The operator the audit log names: --operator NO (a cashier of this terminal) or the OS user. */
export function operatorOf(store: Pick<Store, 'cashiers'>, argv: string[]): { no: string; name: string } {
  const no = option(argv, '--operator');
  if (no) {
    const c = store.cashiers.find(no);
    if (!c) throw new Error(`--operator ${no}: no such cashier`);
    return { no: c.no, name: c.name };
  }
  let user = 'cli';
  try {
    user = os.userInfo().username;
  } catch {
    // no user database (containers): keep "cli"
  }
  return { no: 'cli', name: `命令行(${user})` };
}
