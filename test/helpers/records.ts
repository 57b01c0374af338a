import { uuidV7 } from '../../src/shared/uuid-v7.js';
import type { SettlementRecord, SettlementItem } from '../../src/main/store/index.js';

const split = {
  medfee_sumamt: 10000, fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 10000, act_pay_dedc: 0,
  hifp_pay: 7000, pool_prop_selfpay: 3000, cvlserv_pay: 0, hifmi_pay: 0, hifob_pay: 0, fund_pay_sumamt: 7000,
  psn_part_amt: 3000, acct_pay: 3000, acct_mulaid_pay: 0, psn_cash_pay: 0,
};

/** A plausible settlement record for store-level tests (amounts consistent: 70.00 fund + 30.00 account = 100.00). */
export function sampleRecord(over: Partial<SettlementRecord> = {}): SettlementRecord {
  const now = new Date().toISOString();
  return {
    id: uuidV7(), kind: 'pharmacy', med_type: '41', status: 'queued',
    business_date: '2026-11-26', created_at: now, updated_at: now, terminal_id: 'T01', cashier_no: '1001',
    psn_no: '53060000000000000001', psn_name_masked: '张*', certno_masked: '530602********1234', insutype: '310',
    insuplc_admdvs: '530600', mdtrt_cert_type: '02', mdtrt_cert_no: '530602199001011234', card_sn: null, use_acct: true,
    mulaid_psn_no: null, mulaid_name_masked: null, local_split: split, center_split: null, explanation: [],
    policy_version: 'test', his: null, medfee_sumamt: 10000, mdtrt_id: null, setl_id: null, last_error: null,
    ...over,
  };
}

export function sampleItems(): SettlementItem[] {
  return [{ line_no: 1, code: 'X1', name: '测试药品', chrgitm_lv: '01', pric: 5000, cnt: '2', amount: 10000, selfpay_prop: 0, pric_uplmt_amt: null }];
}
