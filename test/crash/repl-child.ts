/**
 * The replication crash-test child: the terminal's core (real SQLite, the data directory a parent
 * filled) replicating its backlog to the institution's PostgreSQL, until drained. The parent
 * (test/integration/crash/replication-crash.test.ts) SIGKILLs it at random moments.
 *   node repl-child.mjs --overrides JSON
 * stdout: "ready" once the sender starts, "drained <state> <counts json>" at the end.
 */
import { parseArgs } from 'node:util';
import { buildCore } from '../../src/main/app-core.js';

const { values } = parseArgs({ options: { overrides: { type: 'string' } } });
const core = await buildCore({ shell: 'browser', overrides: JSON.parse(values.overrides ?? '{}'), log: () => undefined });
process.stdout.write('ready\n');
const state = await core.institution.sender!.drain();
process.stdout.write(`drained ${state} ${JSON.stringify(core.store.replication.counts())}\n`);
await core.close();
process.exit(0);
