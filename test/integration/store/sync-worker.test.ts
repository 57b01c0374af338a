import { describe, expect, it } from 'vitest';
import { CenterError } from '../../../src/main/center/index.js';
import { settlementMessages, reversalMessages } from '../../../src/main/services/settlement/messages.js';
import { scriptedWorker } from '../../helpers/scripted-worker.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { useTempStore } from '../../helpers/temp-store.js';

/** The worker over a real SQLite store, with the center replaced by a scripted function (the network edge). */
describe('sync worker', () => {
  const ts = useTempStore(() => '20261126101500');

  function worker(send: (infno: string, input: Record<string, unknown>, msgid: string) => Promise<unknown>) {
    return scriptedWorker(ts.store, (m, input) => send(m.infno, input, m.msgid), { retryBaseMs: 10, retryMaxMs: 20 });
  }

  const setlinfo = (medfee: number) => ({
    // every split field, as the client decodes it: 70.00 fund + 30.00 account (records.ts)
    setlinfo: { ...sampleRecord().local_split, setl_id: 'S1', mdtrt_id: 'M1', medfee_sumamt: medfee },
  });

  function commitOutpatient() {
    const rec = sampleRecord({ kind: 'outpatient', med_type: '11' });
    const items = sampleItems();
    ts.store.settlements.commitConfirmed(rec, items, settlementMessages(rec), { actor: '1001', action: 'settlement.confirm', subject: rec.id });
    return rec;
  }

  it('sends 2201 → 2204 → 2206 → 2207 in order, binding the mdtrt_id the center assigned', async () => {
    const rec = commitOutpatient();
    const seen: Array<[string, unknown]> = [];
    const w = worker(async (infno, input) => {
      const data = (input.data ?? {}) as Record<string, unknown>;
      seen.push([infno, data.mdtrt_id ?? (input.feedetail as Array<Record<string, unknown>> | undefined)?.[0]?.mdtrt_id]);
      if (infno === '2201') return { data: { mdtrt_id: 'MDT-9' } };
      if (infno === '2207') return setlinfo(10000);
      return {};
    });
    await w.drainNow();
    expect(seen).toEqual([['2201', undefined], ['2204', 'MDT-9'], ['2206', 'MDT-9'], ['2207', 'MDT-9']]);
    const after = ts.store.settlements.get(rec.id)!;
    expect(after.status).toBe('settled');
    expect(after.setl_id).toBe('S1');
    expect(after.center_split?.fund_pay_sumamt).toBe(7000);
    expect(ts.store.outbox.stats().depth).toBe(0);
  });

  it('a network failure keeps the message pending under the same msgid and retries it', async () => {
    const rec = sampleRecord();
    ts.store.settlements.commitConfirmed(rec, sampleItems(), settlementMessages(rec), { actor: '1001', action: 'x' });
    const msgids: string[] = [];
    let down = true;
    const w = worker(async (infno, _input, msgid) => {
      msgids.push(`${infno}:${msgid}`);
      if (down) throw new CenterError('unreachable', 'down', { infno, msgid, cause: { cause: { code: 'ECONNREFUSED' } } });
      return infno === '2102' ? setlinfo(10000) : {};
    });
    await w.drainNow();
    expect(ts.store.settlements.get(rec.id)!.status).toBe('queued');
    // what the cashier is told when the center cannot be reached (the router says the same for a call)
    expect(ts.store.settlements.get(rec.id)!.last_error).toBe('无法连接医保中心 / the center cannot be reached (unreachable)');
    expect(ts.store.outbox.stats().depth).toBe(1);
    down = false;
    await w.drainNow();
    expect(ts.store.settlements.get(rec.id)!.status).toBe('settled');
    expect(msgids[0]).toBe(msgids[1]); // the retry re-sent the same message id
    expect(msgids).toHaveLength(3);
  });

  it('a business refusal parks the settlement with the center’s reason and lets the others flow', async () => {
    const a = sampleRecord();
    const b = sampleRecord();
    for (const r of [a, b]) ts.store.settlements.commitConfirmed(r, sampleItems(), settlementMessages(r), { actor: '1001', action: 'x' });
    const w = worker(async (infno, input) => {
      const psn = (input.data as Record<string, unknown>).chrg_bchno as string;
      if (psn === a.id.replace(/-/g, '').slice(0, 30)) throw new CenterError('refused', `${infno}: 人员参保状态异常`, { infno, msgid: '', infcode: -1, err_msg: '人员参保状态异常' });
      return infno === '2102' ? setlinfo(10000) : {};
    });
    await w.drainNow();
    expect(ts.store.settlements.get(a.id)!.status).toBe('refused');
    expect(ts.store.settlements.get(a.id)!.last_error).toBe('人员参保状态异常');
    expect(ts.store.settlements.get(b.id)!.status).toBe('settled');
    expect(ts.store.outbox.stats()).toMatchObject({ depth: 0, parked: 2 }); // 2101 refused + its 2102 follower
  });

  it('a reversal never overtakes its settlement', async () => {
    const rec = sampleRecord();
    ts.store.settlements.commitConfirmed(rec, sampleItems(), settlementMessages(rec), { actor: '1001', action: 'x' });
    ts.store.settlements.enqueue(rec.id, reversalMessages(rec), 'reversing', { actor: '1001', action: 'settlement.reverse' });
    const order: string[] = [];
    const w = worker(async (infno, input) => {
      order.push(infno);
      if (infno === '2103') expect((input.data as Record<string, unknown>).setl_id).toBe('S1');
      return infno === '2102' ? setlinfo(10000) : {};
    });
    await w.drainNow();
    expect(order).toEqual(['2101', '2102', '2103']);
    expect(ts.store.settlements.get(rec.id)!.status).toBe('reversed');
  });
});
