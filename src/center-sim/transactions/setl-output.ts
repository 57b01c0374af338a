/**
 * The output parts settling transactions share: per-line results (2204 result, 2101/2102
 * detlcutinfo), setlinfo and setldetail (2206/2207, 2101/2102), built from one split.
 */
import type { Split, SplitLine, SplitResult } from '../../shared/domain.js';
import type { TxOutput } from '../../main/center/registry.js';
import { formatInfTime } from '../../main/center/time.js';
import type { PersonRow } from '../store/index.js';
import { ageOn } from './common.js';
import type { HandlerContext } from './context.js';

type SetlInfoOut = TxOutput<'2207'>['setlinfo'];
type SetlDetailOut = TxOutput<'2207'>['setldetail'][number];
type FeeResultOut = TxOutput<'2204'>['result'][number];

/** med_chrgitm_type of a national code (the catalog's); 09 (药品) for a self-paid line the catalog does not hold */
export function lineResults(sns: readonly string[], lines: readonly SplitLine[], result: SplitResult, chrgitmType: (code: string) => string | undefined): FeeResultOut[] {
  return result.lines.map((r, i) => ({
    feedetl_sn: sns[i],
    det_item_fee_sumamt: r.det_item_fee_sumamt,
    cnt: lines[i].cnt,
    pric: lines[i].pric,
    pric_uplmt_amt: r.pric_uplmt_amt,
    selfpay_prop: r.selfpay_prop,
    fulamt_ownpay_amt: r.fulamt_ownpay_amt,
    overlmt_amt: r.overlmt_amt,
    preselfpay_amt: r.preselfpay_amt,
    inscp_scp_amt: r.inscp_scp_amt,
    chrgitm_lv: r.chrgitm_lv,
    med_chrgitm_type: chrgitmType(r.code) ?? '09',
    bas_medn_flag: '0',
    hi_nego_drug_flag: '0',
    chld_medc_flag: '0',
    list_sp_item_flag: '0',
    lmt_used_flag: '0',
    drt_reim_flag: '0',
    memo: '',
  }));
}

export function setlinfo(
  ctx: HandlerContext,
  p: PersonRow,
  split: Split,
  ids: { mdtrt_id: string; setl_id: string; med_type: string; mdtrt_cert_type: string; clr_type: string; balc: number },
): SetlInfoOut {
  return {
    mdtrt_id: ids.mdtrt_id,
    setl_id: ids.setl_id,
    psn_no: p.psn_no,
    psn_name: p.psn_name,
    psn_cert_type: '01',
    certno: p.certno,
    gend: p.gend,
    naty: p.naty,
    brdy: p.brdy,
    age: ageOn(p.brdy, ctx.date),
    insutype: p.insutype,
    psn_type: p.psn_type,
    cvlserv_flag: p.cvlserv_flag ? '1' : '0',
    setl_time: formatInfTime(ctx.now),
    mdtrt_cert_type: ids.mdtrt_cert_type,
    med_type: ids.med_type,
    medfee_sumamt: split.medfee_sumamt,
    fulamt_ownpay_amt: split.fulamt_ownpay_amt,
    overlmt_selfpay: split.overlmt_selfpay,
    preselfpay_amt: split.preselfpay_amt,
    inscp_scp_amt: split.inscp_scp_amt,
    act_pay_dedc: split.act_pay_dedc,
    hifp_pay: split.hifp_pay,
    pool_prop_selfpay: split.pool_prop_selfpay,
    cvlserv_pay: split.cvlserv_pay,
    hifes_pay: 0,
    hifmi_pay: split.hifmi_pay,
    hifob_pay: split.hifob_pay,
    maf_pay: 0,
    oth_pay: 0,
    fund_pay_sumamt: split.fund_pay_sumamt,
    psn_part_amt: split.psn_part_amt,
    acct_pay: split.acct_pay,
    psn_cash_pay: split.psn_cash_pay,
    hosp_part_amt: 0,
    balc: ids.balc,
    acct_mulaid_pay: split.acct_mulaid_pay,
    medins_setl_id: ctx.env.msgid,
    clr_optins: p.insuplc_admdvs,
    clr_way: '1',
    clr_type: ids.clr_type,
  };
}

export function setldetail(p: PersonRow, split: Split): SetlDetailOut[] {
  const resident = p.insutype === '390';
  const rows: Array<[string, string, number]> = [
    [resident ? '390100' : '310100', resident ? '城乡居民基本医疗保险基金' : '职工基本医疗保险统筹基金', split.hifp_pay],
    ['320100', '公务员医疗补助基金', split.cvlserv_pay],
    ['390200', '大病保险资金', split.hifmi_pay],
    ['330100', '职工大额医疗费用补助基金', split.hifob_pay],
  ];
  return rows
    .filter(([, , amount]) => amount > 0)
    .map(([type, name, amount]) => ({
      fund_pay_type: type,
      inscp_scp_amt: split.inscp_scp_amt,
      crt_payb_lmt_amt: 0,
      fund_payamt: amount,
      fund_pay_type_name: name,
      setl_proc_info: '',
    }));
}
