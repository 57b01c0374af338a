/**
 * The pure mapping of a window's snapshot to pos.settlements: the counted amounts (center else local),
 * the reversal's id, time and day as local end of day finds them, the co-pay authorizer only with a
 * co-pay, each settlement once per batch at its newest seq; and which PostgreSQL errors are refusals.
 */
import { describe, expect, it } from 'vitest';
import { classifyPgError } from '../../../src/main/institution/pg/replication.js';
import { batchRows, settlementRow } from '../../../src/main/institution/replication/row.js';
import type { ReplSnapshot } from '../../../src/main/store/replication.js';

const W = { terminalId: 'W01', fixmedinsCode: 'P53060200001' };
const split = { medfee_sumamt: 10000, fund_pay_sumamt: 6000, acct_pay: 0, acct_mulaid_pay: 3000, psn_cash_pay: 1000 };

function snap(over: Partial<ReplSnapshot> = {}): ReplSnapshot {
  return {
    seq: 1, change_kind: 'confirmed', change_at: '2026-12-02T01:00:00.000Z', change_detail: '{"offline":false}', id: 'S1', kind: 'pharmacy', med_type: '41', status: 'settled',
    business_date: '2026-12-02', created_at: '2026-12-02T01:00:00.000Z', updated_at: '2026-12-02T01:00:01.000Z', terminal_id: 'OLD', cashier_no: '1001',
    psn_no: 'P1', psn_name_masked: '陈*雨', certno_masked: '530602********0012', insutype: '390', insuplc_admdvs: '530600', clr_type: '41', mdtrt_id: 'M1',
    setl_id: 'X1', use_acct: 0, mulaid_name_masked: '陈*国', mulaid_relation: 'parent', counted_center: 1, ...split, cash_received: 2000, cash_change: 1000,
    last_error: null, policy_version: 'p1', items: '[{"code":"A"}]', local_split: JSON.stringify(split), center_split: JSON.stringify(split), explanation: '[]',
    rv_setl_id: null, rv_time: null, rv_done: null, rv_reason: null, ...over,
  };
}

describe('the PostgreSQL row of a settlement', () => {
  it('counts the store\'s amounts, names this window, keeps the co-pay authorizer and the till\'s cash', () => {
    const r = settlementRow(snap(), W);
    expect(r).toMatchObject({ terminal_id: 'W01', fixmedins_code: 'P53060200001', repl_seq: 1, counted_from: 'center', use_acct: false, mulaid_name_masked: '陈*国', mulaid_relation: 'parent', cash_received: 2000, cash_change: 1000, ...split });
    expect(r.fund_pay_sumamt + r.acct_pay + r.acct_mulaid_pay + r.psn_cash_pay).toBe(r.medfee_sumamt);
    expect(r.detail).toMatchObject({ items: [{ code: 'A' }], policy_version: 'p1' });
    expect(settlementRow(snap({ counted_center: 0, center_split: null }), W).counted_from).toBe('local');
    expect(settlementRow(snap({ mulaid_name_masked: null }), W).mulaid_relation).toBeNull();
  });

  it('a reversal: the center\'s setl_id and time (China time), its day; without an answer the -R id and the answer\'s instant', () => {
    const r = settlementRow(snap({ status: 'reversed', rv_setl_id: 'RV1', rv_time: '2026-12-03 00:30:00', rv_reason: '退药' }), W);
    expect(r).toMatchObject({ rv_setl_id: 'RV1', rv_time: '2026-12-03T00:30:00+08:00', rv_business_date: '2026-12-03', rv_reason: '退药' });
    const noAnswer = settlementRow(snap({ status: 'reversed', rv_done: '2026-12-02T17:00:00.000Z' }), W);
    expect(noAnswer).toMatchObject({ rv_setl_id: 'X1-R', rv_business_date: '2026-12-03' });
    expect(settlementRow(snap({ status: 'settled', rv_reason: null }), W)).toMatchObject({ rv_setl_id: null, rv_time: null, rv_business_date: null });
  });

  it('a batch: every change, each settlement once at its newest seq', () => {
    const b = batchRows([snap({ seq: 5 }), snap({ seq: 6, change_kind: 'answered' }), snap({ seq: 7, id: 'S2' })], W);
    expect(b.changes.map((c) => [c.seq, c.kind, c.terminal_id])).toEqual([[5, 'confirmed', 'W01'], [6, 'answered', 'W01'], [7, 'confirmed', 'W01']]);
    expect(b.settlements.map((s) => [s.id, s.repl_seq])).toEqual([['S1', 6], ['S2', 7]]);
  });
});

describe('PostgreSQL errors', () => {
  it('wrong password, privileges, schema too old: refused with the reason; the network and restarts: down', () => {
    expect(classifyPgError(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toEqual({ kind: 'refused', reason: 'wrong password: password authentication failed' });
    expect(classifyPgError(Object.assign(new Error('new row violates row-level security policy'), { code: '42501' })).kind).toBe('refused');
    expect(classifyPgError(Object.assign(new Error('relation "pos.settlements" does not exist'), { code: '42P01' })).reason).toMatch(/schema is too old/);
    expect(classifyPgError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind).toBe('down');
    expect(classifyPgError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).kind).toBe('down');
    expect(classifyPgError(new Error('Connection terminated unexpectedly')).kind).toBe('down');
  });
});
