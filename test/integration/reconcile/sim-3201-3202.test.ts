/**
 * The simulator's 3201 / 3202 over real HTTP with the same schemas the terminal decodes with:
 * signed amounts on the wire, reversal records, paging, the test switch, refusals that name the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCstDate } from '../../../src/main/center/index.js';
import { startHarness, type Harness } from '../center/harness.js';

let h: Harness;
const day = () => formatCstDate(new Date());
const NOW = '2026-11-26 10:00:00';

async function buy(psnName: string, insutype: string, pric: number, cnt: number) {
  const p = h.person(psnName);
  const amount = pric * cnt;
  const out = await h.client.pharmacySettle2102(
    {
      data: { psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, begntime: NOW, medfee_sumamt: amount, insutype, acct_used_flag: insutype === '310' },
      feedetail: [{ feedetl_sn: '1', fee_ocur_time: NOW, med_list_codg: 'XJ01CAA040A001010100001', pric, cnt: String(cnt), det_item_fee_sumamt: amount }],
    } as never,
    h.meta(),
  );
  return { psn_no: p.psn_no, setl_id: out.setlinfo.setl_id, medfee: amount };
}

beforeAll(async () => {
  h = await startHarness();
  await buy('账户充足', '310', 1250, 1);
  await buy('账户充足', '310', 1250, 2);
  const third = await buy('账户充足', '310', 1250, 3);
  await h.client.pharmacyReverse2103({ setl_id: third.setl_id, psn_no: third.psn_no }, h.meta());
});
afterAll(async () => {
  await h.close();
});

const group = (extra: Record<string, unknown> = {}) => ({ insutype: '310', clr_type: '41', setl_optins: '530600', stmt_begndate: day(), stmt_enddate: day(), ...extra });

describe('simulated 3201 / 3202', () => {
  it('3202 pages the records: settlements and the reversal record with negative amounts', async () => {
    const rows = [];
    for (let page = 1; page <= 3; page++) {
      const out = await h.client.call('3202', { data: group({ page_num: page, page_size: 2 }) } as never, h.meta());
      expect(out.total).toBe(4);
      rows.push(...out.detail);
    }
    expect(rows).toHaveLength(4);
    const reversal = rows.find((r) => r.refd_setl_flag === '1')!;
    expect(reversal.medfee_sumamt).toBe(-3750);
    expect(reversal.setl_id).toMatch(/^RV/);
    expect(rows.find((r) => r.setl_id === reversal.init_setl_id)!.medfee_sumamt).toBe(3750);
  });

  it('3201 balances on the right totals, names what differs otherwise, and returns its own totals', async () => {
    const sim = h.sim.settlements().filter((s) => s.insutype === '310');
    const acct = sim.reduce((n, s) => n + (s.status === 'reversed' ? 0 : s.acct_pay), 0);
    const fund = sim.reduce((n, s) => n + (s.status === 'reversed' ? 0 : s.fund_pay_sumamt), 0);
    const cash = sim.reduce((n, s) => n + (s.status === 'reversed' ? 0 : s.psn_cash_pay), 0);
    const right = { medfee_sumamt: 3750, fund_pay_sumamt: fund, acct_pay: acct, acct_mulaid_pay: 0, cash_payamt: cash, fixmedins_setl_cnt: 4 };
    const ok = await h.client.call('3201', { data: group(right) } as never, h.meta());
    expect(ok.stmtinfo.stmt_rslt).toBe('0');
    expect(ok.stmtinfo.medfee_sumamt).toBe(3750);
    const bad = await h.client.call('3201', { data: group({ ...right, medfee_sumamt: 3751, fixmedins_setl_cnt: 3 }) } as never, h.meta());
    expect(bad.stmtinfo.stmt_rslt).toBe('1');
    expect(bad.stmtinfo.stmt_rslt_dscr).toContain('医疗费总额 中心37.50 机构37.51');
    expect(bad.stmtinfo.stmt_rslt_dscr).toContain('结算笔数');
  });

  it('the test switch loses one settlement and alters one amount; clearing it restores the records', async () => {
    const drift = h.sim.setReconcileDrift({ lose: 'latest', alter: { field: 'acct_pay', delta: -1 } });
    const out = await h.client.call('3202', { data: group({ page_num: 1, page_size: 100 }) } as never, h.meta());
    expect(out.detail.map((r) => r.setl_id)).not.toContain(drift.lose_setl_id);
    const altered = out.detail.find((r) => r.setl_id === drift.alter!.setl_id)!;
    const original = h.sim.settlements().find((s) => s.setl_id === drift.alter!.setl_id)!;
    expect(altered.acct_pay).toBe(original.acct_pay - 1);
    h.sim.setReconcileDrift({ lose: null, alter: null });
    expect((await h.client.call('3202', { data: group({ page_num: 1, page_size: 100 }) } as never, h.meta())).total).toBe(4);
  });

  it('refuses a bad page or period with the field named', async () => {
    const e1 = await h.client.call('3202', { data: group({ page_num: 1, page_size: 0 }) } as never, h.meta()).catch((e) => e);
    expect(e1.kind, String(e1)).toBe('refused');
    expect(e1.err_msg).toContain('page_size');
    const e2 = await h.client.call('3201', { data: group({ stmt_begndate: '2026-11-30', stmt_enddate: '2026-11-01', medfee_sumamt: 0, fund_pay_sumamt: 0, acct_pay: 0, acct_mulaid_pay: 0, cash_payamt: 0, fixmedins_setl_cnt: 0 }) } as never, h.meta()).catch((e) => e);
    expect(e2.kind, String(e2)).toBe('refused');
    expect(e2.err_msg).toContain('stmt_begndate');
  });
});
