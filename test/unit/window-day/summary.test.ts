/** The window's day from grouped till rows and hand-overs (pure): per cashier the hand-over's figures, the window the sum of them. */
import { describe, expect, it } from 'vitest';
import type { HandoverRow } from '../../../src/main/store/handovers.js';
import type { CashierTillTotalsRow } from '../../../src/main/store/receipts.js';
import { summarizeWindowDay } from '../../../src/main/window-day/summary.js';
import { windowDaySlip } from '../../../src/main/window-day/slip.js';
import { reconciledByInstitution } from '../../../src/main/window-day/rule.js';

const row = (cashier_no: string, over: Partial<CashierTillTotalsRow>): CashierTillTotalsRow => ({
  cashier_no,
  what: 'settlement',
  status: 'settled',
  confirmed: 1,
  n: 1,
  medfee: 0,
  fund: 0,
  acct: 0,
  mulaid: 0,
  cash: 0,
  till_cash: 0,
  ...over,
});

const handover = (id: number, cashier_no: string, expected: number, counted: number): HandoverRow => ({
  id,
  cashier_no,
  cashier_name: `收费员${cashier_no}`,
  terminal_id: 'W01',
  business_date: '2026-11-24',
  from_at: '2026-11-24T00:00:00.000Z',
  to_at: `2026-11-24T0${id}:00:00.000Z`,
  summary: '{}',
  cash_expected: expected,
  cash_counted: counted,
  difference: counted - expected,
  note: null,
  audit_chain_head: null,
  created_at: `2026-11-24T0${id}:00:01.000Z`,
});

const names: Record<string, string> = { '1001': '李收费', '1002': '王收费' };
const header = { terminal_id: 'W01', business_date: '2026-11-24', nameOf: (no: string) => names[no] ?? null };

describe('the window day summary', () => {
  const rows = [
    row('1001', { n: 2, medfee: 12_345, fund: 6_000, acct: 4_000, mulaid: 345, cash: 2_000, till_cash: 2_000 }),
    row('1001', { what: 'refund', status: 'reversed', n: 1, medfee: 1_001, fund: 500, acct: 301, cash: 200, till_cash: 200 }),
    row('1002', { n: 1, medfee: 999, fund: 0, acct: 0, cash: 999, till_cash: 999 }),
    row('1002', { status: 'queued', confirmed: 0, n: 1, medfee: 501, fund: 300, cash: 201, till_cash: 201 }),
    row('1002', { status: 'refused', confirmed: 0, n: 1, medfee: 700, cash: 700, till_cash: 700 }),
  ];
  const hos = [handover(1, '1001', 1_800, 1_750), handover(2, '1002', 1_200, 1_210), handover(3, '1003', 0, 0)];

  it('gives each cashier the hand-over figures and the window their sum, to the fen', () => {
    const d = summarizeWindowDay(header, rows, hos);
    expect(d.cashiers.map((c) => c.cashier)).toEqual([
      { no: '1001', name: '李收费' },
      { no: '1002', name: '王收费' },
      // known only from a hand-over: its recorded name
      { no: '1003', name: '收费员1003' },
    ]);
    const [a, b, c] = d.cashiers;
    expect(a!.settlements).toEqual({ count: 2, medfee: 12_345, fund: 6_000, acct: 4_000, mulaid: 345, cash: 2_000 });
    expect(a!.reversals.count).toBe(1);
    expect(a!.byKind).toEqual({ fund: 5_500, acct: 3_699, mulaid: 345, cashCollected: 2_000, cashRefunded: 200 });
    expect(a!.cashExpected).toBe(1_800);
    expect(a!.handedOver).toEqual({ count: 1, expected: 1_800, counted: 1_750, difference: -50 });
    expect(b!.settlements.count).toBe(2);
    expect(b!.settlementsPending).toBe(1);
    expect(b!.refused).toEqual({ count: 1, cash: 700 });
    expect(b!.cashExpected).toBe(1_200);
    expect(b!.handedOver.difference).toBe(10);
    expect(c!.settlements.count).toBe(0);

    expect(d.total.settlements).toEqual({ count: 4, medfee: 13_845, fund: 6_300, acct: 4_000, mulaid: 345, cash: 3_200 });
    expect(d.total.cashExpected).toBe(a!.cashExpected + b!.cashExpected);
    expect(d.total.settlementsPending).toBe(1);
    expect(d.total.refused).toEqual({ count: 1, cash: 700 });
    expect(d.total.handedOver).toEqual({ count: 3, expected: 3_000, counted: 2_960, difference: -40 });
    expect(d.handovers.map((h) => [h.id, h.cashier.no, h.difference])).toEqual([
      [1, '1001', -50],
      [2, '1002', 10],
      [3, '1003', 0],
    ]);
  });

  it('an empty day is zero everywhere', () => {
    const d = summarizeWindowDay(header, [], []);
    expect(d.cashiers).toEqual([]);
    expect(d.total.cashExpected).toBe(0);
    expect(d.total.handedOver).toEqual({ count: 0, expected: 0, counted: 0, difference: 0 });
  });

  it('its slip names every cashier, the differences, the backlog and who reconciles with the center', () => {
    const parts = summarizeWindowDay(header, rows, hos);
    const day = {
      terminal_id: 'W01',
      fixmedins_code: 'P53060200001',
      fixmedins_name: '某医院',
      business_date: '2026-11-24',
      at: '2026-11-24T10:00:00.000Z',
      ...parts,
      replication: { state: 'down' as const, backlog: 7, oldestUnsentDate: '2026-11-24', lastOkAt: null, lastError: 'ECONNREFUSED' },
    };
    const doc = windowDaySlip({ day, window: '门诊一号', printedAt: '2026-11-24 18:00:00', timeOf: (iso) => iso.slice(11, 19), auditChainHead: '#12 abcdef0123456789' });
    const text = doc.blocks.map((b) => ('text' in b ? b.text : 'label' in b ? `${b.label} ${'value' in b ? b.value : b.fen}` : '')).join('\n');
    expect(doc.title).toBe('窗口日结单');
    expect(text).toContain('收款员 李收费（1001）');
    expect(text).toContain('收款员 王收费（1002）');
    expect(text).toContain('差额 -0.50（短款）');
    expect(text).toContain('差额 +0.10（长款）');
    expect(text).toContain('7 条记录未同步到机构库（最早 2026-11-24）');
    expect(text).toContain('全院对账');
    const synced = windowDaySlip({ day: { ...day, replication: { ...day.replication, backlog: 0 } }, window: null, printedAt: '', timeOf: (i) => i, auditChainHead: null });
    expect(synced.blocks.some((b) => 'text' in b && b.text.includes('未同步'))).toBe(false);
  });

  it('a terminal with an institution database is reconciled by the institution; one without is its own', () => {
    expect(reconciledByInstitution({ institution: {} })).toBe(false);
    expect(reconciledByInstitution({ institution: { database: { url: 'postgres://w@127.0.0.1/i' } } })).toBe(true);
  });
});
