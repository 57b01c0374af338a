/**
 * `pos` — the terminal's command line, for scripts, cron and auditors. Each command lives in cli/ and
 * builds only the part of the terminal it needs (app.ts: openStore, buildCore).
 *   pos status [--config FILE] [--json]   queue depth, oldest pending, parked messages
 *   pos sync   [--config FILE]            drain the outbox now, with progress
 *   pos split  [FILE] [--ndjson] …        the settlement engine on JSON (see README)
 *   pos reconcile / pos export            end of day (cli/reconcile.ts, cli/export.ts)
 *   pos day --date D                      the window's day at a hospital (cli/day.ts)
 *   pos catalog import FILE [--dry-run] … the institution's catalog, the national catalog (cli/catalog.ts)
 *   pos check-center                      the way to the center, step by step (cli/check-center.ts)
 * Exit codes: 0 ok, 1 failed, 2 invalid input / usage, 3 not balanced.
 */
import { USAGE } from './cli/usage.js';

// each command is loaded when it runs: `pos split` need not load SQLite, exceljs or the simulator
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  status: async () => (await import('./cli/status.js')).statusCommand,
  sync: async () => (await import('./cli/sync.js')).syncCommand,
  reconcile: async () => (await import('./cli/reconcile.js')).reconcileCommand,
  export: async () => (await import('./cli/export.js')).exportCommand,
  cashier: async () => (await import('./cli/cashier.js')).cashierCommand,
  audit: async () => (await import('./cli/audit.js')).auditCommand,
  catalog: async () => (await import('./cli/catalog.js')).catalogCommand,
  'check-center': async () => (await import('./cli/check-center.js')).checkCenterCommand,
  handover: async () => (await import('./cli/handover.js')).handoverCommand,
  day: async () => (await import('./cli/day.js')).dayCommand,
  institution: async () => (await import('./cli/institution.js')).institutionCommand,
  split: async () => {
    const { runSplitCommand } = await import('./cli/split-command.js');
    return (argv) => runSplitCommand(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  },
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const load = cmd && Object.hasOwn(commands, cmd) ? commands[cmd] : undefined;
  if (!load) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`pos: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
