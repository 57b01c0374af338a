/**
 * The result back to the HIS: queued in the transaction of the center's answer, sent until the HIS
 * acknowledges its idempotency key, never applied twice — with the HIS healthy, down for a while,
 * answering garbage, dropping the connection after applying, and with results written to a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHisSim, type HisSim } from '../../../src/his-sim/index.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { tempDir } from '../../helpers/tmp.js';
import { waitStatus } from '../sync/helpers.js';
import { HIS_TOKEN, reverseApproved, settleBill } from './his-helpers.js';

let his: HisSim;
let t: AppUnderTest;
const dir = tempDir('pos-his-notices-');

const resultsOf = (settlementId: string) => his.results().filter((r) => r.settlement_id === settlementId);
const notice = (key: string) => t.app.store.his.notice(key);
const status = async () => (await t.call('his.status')).data as { unacked: number; lastError: string | null };

beforeAll(async () => {
  his = await startHisSim({ dbPath: path.join(dir.dir, 'his.db'), token: HIS_TOKEN });
  // a long first retry: the tests say when to try again (his.retryNow), so nothing races them
  t = await startApp({ his: { source: 'http', url: his.url, headers: { 'x-his-token': HIS_TOKEN }, retryBaseMs: 60_000, retryMaxMs: 120_000, timeoutMs: 1000 } });
  await t.login();
});
afterEach(() => void his.setFaults({ refuse: false, garbage: false, drop: false, delayMs: 0 }));
afterAll(async () => {
  await t?.close();
  await his?.close();
  dir.cleanup();
});

async function sent() {
  return (await t.call('his.retryNow')).data as { unacked: number; lastError: string | null };
}

describe('a settled bill and its reversal reach the HIS once each', () => {
  it('settled: the bill, setl_id, mdtrt_id, the split and the cash; acknowledged by its key', async () => {
    const no = his.newDemoBill();
    const s = await settleBill(t, no);
    await sent();
    const view = (await t.call('settle.get', { id: s.id })).data;
    const [r] = resultsOf(s.id);
    expect(r).toMatchObject({ key: `${s.id}:settled`, kind: 'settled', his_bill_no: no, deliveries: 1 });
    const p = JSON.parse(r.payload);
    expect(p).toMatchObject({ format: 'yb-pos-his-result/1', setl_id: view.setl_id, mdtrt_id: view.mdtrt_id, terminal_id: 'T01', medfee_sumamt: (view.center.medfee_sumamt / 100).toFixed(2), cash_received: (view.center.psn_cash_pay / 100).toFixed(2) });
    expect(his.bill(no)?.status).toBe('paid');
    expect(notice(`${s.id}:settled`)).toMatchObject({ state: 'acked', attempts: 1 });
    expect((await status()).unacked).toBe(0);
  });

  it('reversed: a second result, and the bill open again at the HIS', async () => {
    const no = his.newDemoBill();
    const s = await settleBill(t, no);
    expect((await reverseApproved(t, s.id, '退费')).ok).toBe(true);
    await t.app.worker.drainNow();
    await waitStatus(t, s.id, 'reversed');
    await sent();
    expect(resultsOf(s.id).map((r) => [r.kind, r.deliveries])).toEqual([
      ['settled', 1],
      ['reversed', 1],
    ]);
    expect(his.bill(no)?.status).toBe('open');
  });

  it('a pharmacy settlement (no HIS bill) owes the HIS nothing', async () => {
    const before = t.app.store.his.notices().length;
    const { confirmPharmacy } = await import('../sync/helpers.js');
    const v = await confirmPharmacy(t, t.app.sim!, '530600000000000001');
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'settled');
    expect(t.app.store.his.notices()).toHaveLength(before);
  });
});

describe('when the HIS is not there or answers wrongly, the result waits and is still applied once', () => {
  it('the HIS down for a while: counted and retried, then acknowledged', async () => {
    const s = await settleBill(t, his.newDemoBill(), () => his.setFaults({ refuse: true }));
    let st = await sent();
    st = await sent();
    expect(st.unacked).toBe(1);
    expect(st.lastError).toMatch(/HTTP 503/);
    // sent when the center answered, then twice more
    expect(notice(`${s.id}:settled`)).toMatchObject({ state: 'pending', attempts: 3 });
    expect(resultsOf(s.id)).toHaveLength(0);
    his.setFaults({ refuse: false });
    expect((await sent()).unacked).toBe(0);
    expect(resultsOf(s.id).map((r) => r.deliveries)).toEqual([1]);
  });

  it('garbage after applying: not taken as an acknowledgement; the next send is a duplicate the HIS recognises', async () => {
    const s = await settleBill(t, his.newDemoBill(), () => his.setFaults({ garbage: true }));
    const st = await sent();
    expect(st.unacked).toBe(1);
    expect(st.lastError).toMatch(/不是 JSON/);
    his.setFaults({ garbage: false });
    await sent();
    expect(notice(`${s.id}:settled`)?.state).toBe('acked');
    expect(JSON.parse(notice(`${s.id}:settled`)!.ack!)).toMatchObject({ ok: true, duplicate: true });
    // one result applied, delivered three times: when the center answered and on the first retry (garbage both times), then acknowledged
    expect(resultsOf(s.id).map((r) => r.deliveries)).toEqual([3]);
  });

  it('the connection dropped after applying, and a slow HIS past the timeout: applied once, delivered more than once', async () => {
    const a = await settleBill(t, his.newDemoBill(), () => his.setFaults({ drop: true }));
    await sent();
    his.setFaults({ drop: false });
    const b = await settleBill(t, his.newDemoBill(), () => his.setFaults({ delayMs: 1500 }));
    await sent();
    expect((await status()).unacked).toBe(2);
    his.setFaults({ delayMs: 0 });
    expect((await sent()).unacked).toBe(0);
    for (const s of [a, b]) expect(resultsOf(s.id)).toEqual([expect.objectContaining({ kind: 'settled', deliveries: expect.any(Number) })]);
    expect(resultsOf(a.id)[0].deliveries).toBeGreaterThanOrEqual(2);
  });

  it('the status bar count follows (his.changed events)', async () => {
    const seen: number[] = [];
    const off = t.app.bus.subscribe((name, payload) => {
      if (name === 'his.changed') seen.push((payload as { unacked: number }).unacked);
    });
    await settleBill(t, his.newDemoBill(), () => his.setFaults({ refuse: true }));
    await sent();
    his.setFaults({ refuse: false });
    await sent();
    off();
    expect(seen).toContain(1);
    expect(seen[seen.length - 1]).toBe(0);
  });
});

describe('results written beside the bill (folder mode)', () => {
  it('one file per settlement and kind, written whole', async () => {
    const folder = path.join(dir.dir, 'folder');
    fs.mkdirSync(folder, { recursive: true });
    const f = await startApp({ his: { source: 'folder', folder } });
    try {
      await f.login();
      const bill = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../samples/his-bill-outpatient.json'), 'utf8'));
      fs.writeFileSync(path.join(folder, 'MZF1.json'), JSON.stringify({ ...bill, his_bill_no: 'MZF1' }));
      const s = await settleBill(f, 'MZF1');
      await f.call('his.retryNow');
      const file = path.join(folder, `MZF1.${s.id}.settled.result.json`);
      const p = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(p).toMatchObject({ key: `${s.id}:settled`, his_bill_no: 'MZF1', kind: 'settled' });
      expect(fs.readdirSync(folder).filter((n) => n.includes('.tmp-'))).toEqual([]);
      expect((await f.call('his.status')).data.unacked).toBe(0);
      // another window looking at this folder now sees the bill settled
      expect((await f.call('his.loadBill', { billNo: 'MZF1' })).error.code).toBe('CONFLICT');
    } finally {
      await f.close();
    }
  });
});
