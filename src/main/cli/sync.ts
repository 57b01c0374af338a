/** `pos sync`: send everything pending now, one line per send; exit 1 while something is still pending. */
import { buildCore } from '../app.js';
import { EXIT, option, type Io } from './args.js';

export async function syncCommand(argv: string[], io: Io = process): Promise<number> {
  const core = await buildCore({ shell: 'browser', configPath: option(argv, '--config'), log: () => undefined });
  try {
    const before = core.store.outbox.stats().depth;
    io.stdout.write(`sending ${before} pending settlement(s)…\n`);
    core.bus.subscribe((name, payload) => {
      if (name === 'settlement.updated') {
        const v = payload as { id: string; status: string; last_error: string | null };
        io.stdout.write(`  ${v.id} ${v.status}${v.last_error ? ` (${v.last_error})` : ''}\n`);
      }
    });
    await core.worker.drainNow((p) => io.stdout.write(`  ${p.infno} ${p.msgid} ${p.outcome}: ${p.detail}\n`));
    const after = core.store.outbox.stats();
    io.stdout.write(`done: ${after.depth} still pending, ${after.parked} parked, ${core.store.conflicts.openCount()} open conflicts\n`);
    return after.depth === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await core.close();
  }
}
