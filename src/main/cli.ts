/**
 * `pos` — the terminal's command line, for scripts, cron and auditors.
 *   pos status [--config FILE]        queue depth, oldest pending, parked messages
 *   pos sync   [--config FILE]        drain the outbox now, with progress
 *   pos split  [FILE] [--ndjson] …    the settlement engine on JSON (see README)
 * Exit codes: 0 ok, 1 failed, 2 invalid input / usage.
 */
import path from 'node:path';
import { loadConfig } from './config.js';
import { createStore } from './store/index.js';
import { runSplitCommand } from './cli/split-command.js';
import { createConflictRepo } from './sync/conflicts.js';
import { createSendLog } from './sync/send-log.js';
import { exportCommand, reconcileCommand, RECONCILE_USAGE } from './reconcile/cli-commands.js';

const USAGE = `usage: pos <status|sync|split|reconcile|export> [options]
  status [--config FILE]            outbox depth, oldest pending, parked
  sync   [--config FILE]            send everything pending now
  split  [FILE] [--ndjson] [--policy FILE --region CODE]
${RECONCILE_USAGE}`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function status(argv: string[]): Promise<number> {
  const { config } = loadConfig(option(argv, '--config'));
  const store = createStore(path.join(config.dataDir, 'terminal.db'), { fixmedinsCode: config.terminal.fixmedins_code, stamp14: () => '00000000000000' });
  try {
    const s = store.outbox.stats();
    const sends = createSendLog(store.db, () => new Date().toISOString()).counts();
    const conflictsOpen = createConflictRepo(store.db, () => new Date().toISOString()).openCount();
    const out = {
      dataDir: config.dataDir,
      queueDepth: s.depth,
      oldestPending: s.oldestAt,
      parked: s.parked,
      // sends whose outcome is unknown and still waiting for their 2601; sends cut short by a stop (resolved at the next start)
      unknownUnresolved: sends.unresolved,
      interrupted: sends.pending,
      conflictsOpen,
    };
    process.stdout.write(
      argv.includes('--json')
        ? `${JSON.stringify(out)}\n`
        : `queue depth ${s.depth} · oldest pending ${s.oldestAt ?? '-'} · parked ${s.parked} · unknown outcomes ${sends.unresolved + sends.pending} · open conflicts ${conflictsOpen}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}

async function sync(argv: string[]): Promise<number> {
  const { buildApp } = await import('./app.js');
  const app = await buildApp({ shell: 'browser', configPath: option(argv, '--config'), log: () => undefined, overrides: { devices: { virtual: false } } });
  try {
    const before = app.store.outbox.stats().depth;
    process.stdout.write(`sending ${before} pending settlement(s)…\n`);
    app.bus.subscribe((name, payload) => {
      if (name === 'settlement.updated') {
        const v = payload as { id: string; status: string; last_error: string | null };
        process.stdout.write(`  ${v.id} ${v.status}${v.last_error ? ` (${v.last_error})` : ''}\n`);
      }
    });
    await app.worker.drainNow((p) => process.stdout.write(`  ${p.infno} ${p.msgid} ${p.outcome}: ${p.detail}\n`));
    const after = app.store.outbox.stats();
    process.stdout.write(`done: ${after.depth} still pending, ${after.parked} parked, ${app.worker.conflicts.openCount()} open conflicts\n`);
    return after.depth === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'status':
      return status(rest);
    case 'sync':
      return sync(rest);
    case 'reconcile':
      return reconcileCommand(rest);
    case 'export':
      return exportCommand(rest);
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
