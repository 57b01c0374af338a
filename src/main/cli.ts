/**
 * `pos` — the terminal's command line, for scripts, cron and auditors. Each command lives in cli/ and
 * builds only the part of the terminal it needs (app.ts: openStore, buildCore).
 *   pos status [--config FILE] [--json]   queue depth, oldest pending, parked messages
 *   pos sync   [--config FILE]            drain the outbox now, with progress
 *   pos split  [FILE] [--ndjson] …        the settlement engine on JSON (see README)
 *   pos reconcile / pos export            end of day (cli/reconcile.ts, cli/export.ts)
 *   pos check-center                      the way to the center, step by step (cli/check-center.ts)
 * Exit codes: 0 ok, 1 failed, 2 invalid input / usage, 3 not balanced.
 */
import { checkCenterCommand, CHECK_CENTER_USAGE } from './cli/check-center.js';
import { exportCommand } from './cli/export.js';
import { reconcileCommand, RECONCILE_USAGE } from './cli/reconcile.js';
import { statusCommand } from './cli/status.js';
import { syncCommand } from './cli/sync.js';
import { runSplitCommand } from './settle/split-command.js';

const USAGE = `usage: pos <status|sync|split|reconcile|export|check-center> [options]
  status [--config FILE]            outbox depth, oldest pending, parked
  sync   [--config FILE]            send everything pending now
  split  [FILE] [--ndjson] [--policy FILE --region CODE]
${RECONCILE_USAGE}
${CHECK_CENTER_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'status':
      return statusCommand(rest);
    case 'sync':
      return syncCommand(rest);
    case 'reconcile':
      return reconcileCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'check-center':
      return checkCenterCommand(rest);
    case 'split':
      return runSplitCommand(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
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
