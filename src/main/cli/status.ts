/** `pos status [--json]`: the queue as the terminal's database holds it (the store alone; no center). */
import { openStore } from '../app.js';
import { loadConfig } from '../config.js';
import { EXIT, option, type Io } from './args.js';

export async function statusCommand(argv: string[], io: Io = process): Promise<number> {
  const { config } = loadConfig(option(argv, '--config'));
  const store = openStore(config);
  try {
    const s = store.outbox.stats();
    const sends = store.sendLog.counts();
    const conflictsOpen = store.conflicts.openCount();
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
    io.stdout.write(
      argv.includes('--json')
        ? `${JSON.stringify(out)}\n`
        : `queue depth ${s.depth} · oldest pending ${s.oldestAt ?? '-'} · parked ${s.parked} · unknown outcomes ${sends.unresolved + sends.pending} · open conflicts ${conflictsOpen}\n`,
    );
    return EXIT.ok;
  } finally {
    store.close();
  }
}
