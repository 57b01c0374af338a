/** The worker over a real SQLite store with the center scripted (the network edge). */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CenterError } from '../../../src/main/center/index.js';
import { reversalMessages, settlementMessages } from '../../../src/main/services/settlement/messages.js';
import { createStore, type Store } from '../../../src/main/store/index.js';
import { scriptedWorker, type ScriptedMessage as SendMessage } from '../../helpers/scripted-worker.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { tempDir } from '../../helpers/tmp.js';

let t: ReturnType<typeof tempDir>;
let store: Store;
let stamp = 20261126101500;
beforeEach(() => {
  t = tempDir();
  store = createStore(path.join(t.dir, 'terminal.db'), { fixmedinsCode: 'P53060200001', stamp14: () => String(stamp) });
});
afterEach(() => {
  store.close();
  t.cleanup();
});

// the center's answer as the client decodes it: every split field, here the same as the local preview
const setlinfo = { setlinfo: { ...sampleRecord().local_split, setl_id: 'S1', mdtrt_id: 'M1' } };
const commit = () => {
  const rec = sampleRecord();
  store.settlements.commitConfirmed(rec, sampleItems(), settlementMessages(rec), { actor: '1001', action: 'x' });
  return rec;
};
const worker = (send: (m: SendMessage, input: Record<string, unknown>) => Promise<unknown>, concurrency = 1) => scriptedWorker(store, send, { concurrency });
const timeout = (m: SendMessage) => new CenterError('timeout', 'no reply', { infno: m.infno, msgid: m.msgid });
const refused = (m: SendMessage) => new CenterError('unreachable', 'refused', { infno: m.infno, msgid: m.msgid, cause: { cause: { code: 'ECONNREFUSED' } } });

describe('sync worker: outcomes', () => {
  it('unknown 2102 → 2601 with omsgid/oinfno → 2102 again under a new msgid', async () => {
    const rec = commit();
    const seen: Array<[string, string, unknown]> = [];
    let first = true;
    const w = worker(async (m, input) => {
      seen.push([m.infno, m.msgid, (input.data as Record<string, unknown>)?.omsgid]);
      if (m.infno === '2102' && first) {
        first = false;
        stamp++; // the new msgid is allocated in a later second
        throw timeout(m);
      }
      if (m.infno === '2601') return { data: { rvs_flag: '1' } };
      return m.infno === '2102' ? setlinfo : {};
    });
    await w.drainNow();
    await w.drainNow();
    const [p1, s1, r, s2] = seen;
    expect(p1[0]).toBe('2101');
    expect(s1[0]).toBe('2102');
    expect(r).toEqual(['2601', expect.any(String), s1[1]]);
    expect(s2[0]).toBe('2102');
    expect(new Set([s1[1], r[1], s2[1]]).size).toBe(3);
    expect(store.settlements.get(rec.id)!.status).toBe('settled');
    expect(store.sendLog.get(s1[1])).toMatchObject({ state: 'unknown', resolved_by: r[1], resolution: 'reversed' });
  });

  it('a refused connection is not an unknown outcome: the same msgid again, no 2601', async () => {
    commit();
    const seen: string[] = [];
    let n = 0;
    const w = worker(async (m) => {
      seen.push(`${m.infno}:${m.msgid}`);
      if (m.infno === '2102' && n++ === 0) throw refused(m);
      return m.infno === '2102' ? setlinfo : {};
    });
    await w.drainNow();
    await w.drainNow();
    expect(seen.map((s) => s.split(':')[0])).toEqual(['2101', '2102', '2102']);
    expect(seen[1]).toBe(seen[2]);
    expect(store.sendLog.get(seen[1].split(':')[1])).toMatchObject({ state: 'success', tries: 2 });
  });

  it('a sign-in failure is not a send: nothing in the send log, retried', async () => {
    const rec = commit();
    let ready = false;
    const sent: string[] = [];
    const w = scriptedWorker(
      store,
      async (m) => {
        sent.push(m.infno);
        return m.infno === '2102' ? setlinfo : {};
      },
      {
        prepare: async () => {
          if (!ready) throw new Error('9001 refused');
        },
      },
    );
    await w.drainNow();
    expect(sent).toEqual([]);
    expect(store.sendLog.forSettlement(rec.id)).toEqual([]);
    expect(store.settlements.get(rec.id)!.last_error).toContain('sign-in');
    ready = true;
    await w.drainNow();
    expect(store.settlements.get(rec.id)!.status).toBe('settled');
  });
});

describe('sync worker: a reversal asked for while the settlement is being sent', () => {
  it('stays reversing when the 2102 answer arrives, so it cannot be reversed twice; the 2103 then reverses it', async () => {
    const rec = commit();
    const w = worker(async (m) => {
      // the cashier reverses while the 2102 is at the center
      if (m.infno === '2102') store.settlements.enqueue(rec.id, reversalMessages(rec), 'reversing', { actor: '1001', action: 'settlement.reverse' });
      if (m.infno === '2103') expect(store.settlements.get(rec.id)).toMatchObject({ status: 'reversing', setl_id: 'S1' });
      return m.infno === '2101' ? {} : setlinfo;
    });
    await w.drainNow();
    const sent = store.sendLog.forSettlement(rec.id).map((l) => `${l.infno}:${l.state}`);
    expect(sent).toEqual(['2101:success', '2102:success', '2103:success']);
    expect(store.settlements.get(rec.id)).toMatchObject({ status: 'reversed', setl_id: 'S1' });
  });
});

describe('sync worker: order and concurrency', () => {
  it('with concurrency, settlements go side by side but each one’s messages stay in order, reversal last', async () => {
    const recs = [commit(), commit(), commit()];
    store.settlements.enqueue(recs[0].id, reversalMessages(recs[0]), 'reversing', { actor: '1001', action: 'settlement.reverse' });
    let inFlight = 0;
    let maxInFlight = 0;
    const order = new Map<string, string[]>();
    const w = worker(async (m) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      order.set(m.settlement_id, [...(order.get(m.settlement_id) ?? []), m.infno]);
      await new Promise((r) => setTimeout(r, 15));
      inFlight--;
      return m.infno === '2102' ? setlinfo : {};
    }, 3);
    await w.drainNow();
    expect(maxInFlight).toBe(3);
    expect(order.get(recs[0].id)).toEqual(['2101', '2102', '2103']);
    expect(order.get(recs[1].id)).toEqual(['2101', '2102']);
    expect(store.settlements.get(recs[0].id)!.status).toBe('reversed');
    expect(store.outbox.stats().depth).toBe(0);
  });
});
