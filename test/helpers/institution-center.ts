/**
 * Both sides of an institution's day for end-of-day tests: settlements made at the simulator (2102,
 * reversed by 2103) with a client of the institution's code — the center reconciles per
 * fixmedins_code, whichever window sent them — and the simulator's record turned into the row a
 * window's replication leaves in pos.settlements. Written through both, the 3201 can balance.
 */
import type { CenterSim } from '../../src/center-sim/index.js';
import { createCenterClient, formatMsgid, type CallMeta, type CenterClient } from '../../src/main/center/index.js';
import type { GenSettlement } from './institution-eod.js';

export interface CenterSide {
  sim: Pick<CenterSim, 'settlements' | 'people'>;
  client: CenterClient;
  meta(): CallMeta;
}

const NOW = '2026-11-26 10:00:00';
const cnIso = (t: string) => new Date(`${t.replace(' ', 'T')}+08:00`).toISOString();

/** a client of `fixmedins_code` at a running simulator; msgids from `firstSeq` on, clear of the terminal's own */
export function centerSide(sim: CenterSim, fixmedins_code: string, firstSeq = 5000): CenterSide {
  const client = createCenterClient({ url: sim.url, fixmedins_code, fixmedins_name: '测试医院', mdtrtarea_admvs: '530600', opter: '0001', opter_name: '测试收款员', timeoutMs: 5000 });
  let seq = firstSeq;
  return { sim, client, meta: () => ({ msgid: formatMsgid(fixmedins_code, new Date(), ++seq % 10000), insuplc_admdvs: '530600' }) };
}

/** a pharmacy settlement of one catalog line at the center; its setl_id */
export async function buyAtCenter(c: CenterSide, psnLabel: string, insutype: string, pric: number, cnt: number): Promise<string> {
  const p = c.sim.people().find((x) => x.label.includes(psnLabel));
  if (!p) throw new Error(`no seeded person whose label contains ${psnLabel}`);
  const amount = pric * cnt;
  const out = await c.client.pharmacySettle2102(
    {
      data: { psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, begntime: NOW, medfee_sumamt: amount, insutype, acct_used_flag: insutype === '310' },
      feedetail: [{ feedetl_sn: '1', fee_ocur_time: NOW, med_list_codg: 'XJ01CAA040A001010100001', pric, cnt: String(cnt), det_item_fee_sumamt: amount }],
    } as never,
    c.meta(),
  );
  return out.setlinfo.setl_id;
}

export async function reverseAtCenter(c: CenterSide, setl_id: string): Promise<void> {
  const s = c.sim.settlements().find((x) => x.setl_id === setl_id);
  if (!s) throw new Error(`the simulator has no settlement ${setl_id}`);
  await c.client.pharmacyReverse2103({ setl_id, psn_no: s.psn_no }, c.meta());
}

/** the simulator's settlement as the window's replicated row (reversed there: reversed here too) */
export function replicatedRow(c: CenterSide, setl_id: string, fixmedins_code: string, terminal_id: string, cashier_no: string, extra: Partial<GenSettlement> = {}): GenSettlement {
  const s = c.sim.settlements().find((x) => x.setl_id === setl_id);
  if (!s) throw new Error(`the simulator has no settlement ${setl_id}`);
  return {
    terminal_id,
    fixmedins_code,
    business_date: s.setl_time.slice(0, 10),
    created_at: cnIso(s.setl_time),
    cashier_no,
    psn_no: s.psn_no,
    insutype: s.insutype,
    mdtrt_id: s.mdtrt_id,
    setl_id: s.setl_id,
    medfee_sumamt: s.medfee_sumamt,
    fund_pay_sumamt: s.fund_pay_sumamt,
    acct_pay: s.acct_pay,
    acct_mulaid_pay: s.acct_mulaid_pay,
    psn_cash_pay: s.psn_cash_pay,
    ...(s.status === 'reversed'
      ? { status: 'reversed', rv_setl_id: s.reversal_setl_id, rv_time: cnIso(s.reversed_at!), rv_business_date: s.reversed_at!.slice(0, 10) }
      : {}),
    ...extra,
  };
}
