/**
 * The outbox worker over a real store, its answers applied by the real settlement owner, with the
 * center replaced by a scripted function (the network edge). The script sees each message as the
 * worker sends it: its infno, msgid and settlement (read from the send log, where every send is
 * logged before it leaves).
 */
import { createAnswerHandling } from '../../src/main/services/settlement/answers-applied.js';
import { createChangeFeed } from '../../src/main/services/settlement/changes.js';
import type { Store } from '../../src/main/store/index.js';
import { createSyncWorker, type SyncDeps } from '../../src/main/sync/worker.js';

export interface ScriptedMessage {
  infno: string;
  msgid: string;
  settlement_id: string;
}

export type Script = (m: ScriptedMessage, input: Record<string, unknown>) => Promise<unknown>;

export function scriptedWorker(store: Store, script: Script, opts: Partial<Pick<SyncDeps, 'prepare' | 'concurrency' | 'retryBaseMs' | 'retryMaxMs'>> = {}) {
  const owner = createAnswerHandling({ store, feed: createChangeFeed(() => undefined), updated: () => undefined, conflictRaised: () => undefined });
  return createSyncWorker({
    store,
    owner,
    center: {
      send: (infno, input, meta) => script({ infno, msgid: meta.msgid, settlement_id: store.sendLog.get(meta.msgid)?.settlement_id ?? '' }, input),
    },
    retryBaseMs: 1,
    retryMaxMs: 2,
    onStatus: () => undefined,
    ...opts,
  });
}
