/**
 * The crash test's judges, on hand-made states: they must see a lost or doubled settlement, a centre
 * settlement the terminal does not know, and a one-fen difference.
 */
import { describe, expect, it } from 'vitest';
import { settlementMessages } from '../../../src/main/services/settlement/messages.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { useTempStore } from '../../helpers/temp-store.js';
import { checkLocal, compareWithCenter, readLife, type CenterSettlement, type Confirmed } from '../../crash/harness.js';

describe('crash-test judgement', () => {
  const ts = useTempStore();

  const split = sampleRecord().local_split;
  function commit(settledAs: string | null) {
    const rec = sampleRecord();
    const items = sampleItems();
    ts.store.settlements.commitConfirmed(rec, items, settlementMessages(rec), { actor: '1001', action: 'settlement.confirm', subject: rec.id });
    if (settledAs) {
      ts.store.db.prepare("UPDATE outbox SET status = 'done' WHERE settlement_id = ?").run(rec.id);
      ts.store.settlements.update(rec.id, { status: 'settled', setl_id: settledAs, center_split: split });
    }
    return rec;
  }
  const centerOf = (setl_id: string, psn_no: string, over: Partial<CenterSettlement> = {}): CenterSettlement => ({
    setl_id, msgid: `M${setl_id}`, psn_no, mulaid_psn_no: null, status: 'settled',
    medfee_sumamt: split.medfee_sumamt, fund_pay_sumamt: split.fund_pay_sumamt, acct_pay: split.acct_pay,
    acct_mulaid_pay: split.acct_mulaid_pay, psn_cash_pay: split.psn_cash_pay, ...over,
  });

  it('checkLocal: a reported settlement that is missing, or under another request id, is a problem', () => {
    const a = commit(null);
    const ok = new Map<string, Confirmed>([[a.id, { id: a.id, bill: null }]]);
    expect(checkLocal(ts.file, ok).problems).toEqual([]);
    const lost = new Map<string, Confirmed>([['8d3c6f39-0000-4000-8000-000000000001', { id: 'nope', bill: null }]]);
    expect(checkLocal(ts.file, lost).problems.join()).toMatch(/is there 0 times/);
    const wrongRequest = new Map<string, Confirmed>([['8d3c6f39-0000-4000-8000-000000000002', { id: a.id, bill: null }]]);
    expect(checkLocal(ts.file, wrongRequest).problems.join()).toMatch(/its id must be the request id/);
  });

  it('compareWithCenter: one to one to the fen passes; a doubled, unknown or one-fen-off center settlement fails', () => {
    const a = commit('S1');
    const b = commit('S2');
    const good = [centerOf('S1', a.psn_no), centerOf('S2', b.psn_no), centerOf('S0', a.psn_no, { status: 'reversed' })];
    expect(compareWithCenter(ts.file, good).problems).toEqual([]);

    const doubled = [...good, centerOf('S3', a.psn_no)];
    expect(compareWithCenter(ts.file, doubled).problems.join()).toMatch(/S3 .*has no settled counterpart/);

    const missing = [centerOf('S1', a.psn_no)];
    expect(compareWithCenter(ts.file, missing).problems.join()).toMatch(/S2\) is unknown to the center/);

    const fenOff = [centerOf('S1', a.psn_no), centerOf('S2', b.psn_no, { psn_cash_pay: split.psn_cash_pay + 1 })];
    expect(compareWithCenter(ts.file, fenOff).problems.join()).toMatch(/S2: psn_cash_pay/);
  });

  it('compareWithCenter: anything left open at the terminal fails', () => {
    const a = commit('S1');
    commit(null);
    expect(compareWithCenter(ts.file, [centerOf('S1', a.psn_no)]).problems.join()).toMatch(/'pending' after the final drain/);
  });

  it('readLife: where a kill landed', () => {
    expect(readLife('start 1 loop\nready\nconfirming r1 {"psn_no":"p","lines":[],"useAcct":true,"mulaidPsnNo":null}\nsend 2101 m1\n').landed).toBe('confirm');
    expect(readLife('start 1 loop\nready\nsend 2102 m1\n').landed).toBe('send');
    expect(readLife('start 1 loop\nready\ndraining\nsend 2102 m1\nrecv 2102 m1\n').landed).toBe('drain');
    const idle = readLife('start 1 loop\nsend 9001 m0\nrecv 9001 m0\n');
    expect([idle.landed, idle.startup]).toEqual(['idle', true]);
  });
});
