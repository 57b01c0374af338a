/**
 * Fee lines (费用明细) as 2204 uploads them and 2101/2102 carry them inline, and the per-line
 * result the center answers with (2204 result / 2101-2102 detlcutinfo).
 */
import { z } from 'zod';
import { wireBp, wireFen, wireFenOrNull, wireQty, wireText } from '../wire.js';

export const FeeDetailLine = z.looseObject({
  feedetl_sn: z.string().min(1).max(30).describe('费用明细流水号'),
  mdtrt_id: z.string().max(30).optional().describe('就诊ID'),
  psn_no: z.string().max(30).optional().describe('人员编号'),
  chrg_bchno: z.string().max(30).optional().describe('收费批次号'),
  rxno: z.string().max(30).optional().describe('处方号'),
  rx_circ_flag: z.string().max(3).optional().describe('外购处方标志'),
  fee_ocur_time: z.string().max(19).describe('费用发生时间'),
  med_list_codg: z.string().min(1).max(50).describe('医疗目录编码'),
  medins_list_codg: z.string().max(150).optional().describe('医药机构目录编码'),
  det_item_fee_sumamt: wireFen().describe('明细项目费用总额'),
  cnt: wireQty().describe('数量'),
  pric: wireFen().describe('单价'),
  sin_dos_dscr: z.string().max(200).optional().describe('单次剂量描述'),
  used_frqu_dscr: z.string().max(200).optional().describe('使用频次描述'),
  prd_days: z.union([z.number(), z.string()]).optional().describe('周期天数'),
  medc_way_dscr: z.string().max(200).optional().describe('用药途径描述'),
  bilg_dept_codg: z.string().max(30).optional().describe('开单科室编码'),
  bilg_dept_name: z.string().max(100).optional().describe('开单科室名称'),
  bilg_dr_codg: z.string().max(30).optional().describe('开单医生编码'),
  bilg_dr_name: z.string().max(50).optional().describe('开单医师姓名'),
  hosp_appr_flag: z.string().max(3).optional().describe('医院审批标志'),
});

export const FeeLineResult = z.looseObject({
  feedetl_sn: z.string().describe('费用明细流水号'),
  det_item_fee_sumamt: wireFen().describe('明细项目费用总额'),
  cnt: wireQty().describe('数量'),
  pric: wireFen().describe('单价'),
  pric_uplmt_amt: wireFenOrNull().describe('定价上限金额'),
  selfpay_prop: wireBp().describe('自付比例'),
  fulamt_ownpay_amt: wireFen({ optional: true }).describe('全自费金额'),
  overlmt_amt: wireFen({ optional: true }).describe('超限价金额'),
  preselfpay_amt: wireFen({ optional: true }).describe('先行自付金额'),
  inscp_scp_amt: wireFen({ optional: true }).describe('符合政策范围金额'),
  chrgitm_lv: z.enum(['01', '02', '03']).describe('收费项目等级 (01甲类 02乙类 03丙类)'),
  med_chrgitm_type: wireText().describe('医疗收费项目类别'),
  bas_medn_flag: wireText().describe('基本药物标志'),
  hi_nego_drug_flag: wireText().describe('医保谈判药品标志'),
  chld_medc_flag: wireText().describe('儿童用药标志'),
  list_sp_item_flag: wireText().describe('目录特项标志'),
  lmt_used_flag: wireText().describe('限制使用标志'),
  drt_reim_flag: wireText().describe('直报标志'),
  memo: wireText().describe('备注'),
});
