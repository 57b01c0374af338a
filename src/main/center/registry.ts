/**
 * Every transaction the terminal speaks, by infno: its Chinese name and its input/output schemas
 * (with the family co-pay extension applied). The client encodes input and decodes output with
 * these; the simulator does the reverse with the same schemas.
 */
import { z } from 'zod';
import { In9001, Out9001 } from './transactions/9001-sign-in.js';
import { In1101 } from './transactions/1101-person-info.js';
import { In2201, Out2201 } from './transactions/2201-register.js';
import { In2204, Out2204 } from './transactions/2204-fee-upload.js';
import { In2208 } from './transactions/2206-2208-settle.js';
import { In2103 } from './transactions/2101-2103-pharmacy.js';
import { In2601, Out2601 } from './transactions/2601-reversal.js';
import { In3201, In3202, Out3201, Out3202 } from './transactions/3201-3202-reconcile.js';
import { In1312, In1318, In1319, Out1312, Out1318, Out1319 } from './transactions/1312-1319-catalog.js';
import { In3301, In3302, Out3301, Out3302 } from './transactions/3301-3302-mapping.js';
import {
  In2101Ext,
  In2102Ext,
  In2206Ext,
  In2207Ext,
  Out1101Ext,
  Out2101Ext,
  Out2102Ext,
  Out2103Ext,
  Out2206Ext,
  Out2207Ext,
  Out2208Ext,
} from './mulaid-extension.js';

function tx<I extends z.ZodType, O extends z.ZodType>(name: string, input: I, output: O) {
  return { name, input, output };
}

export const centerTransactions = {
  '9001': tx('签到', In9001, Out9001),
  '1101': tx('人员信息获取', In1101, Out1101Ext),
  '2201': tx('门诊挂号', In2201, Out2201),
  '2204': tx('门诊费用明细信息上传', In2204, Out2204),
  '2206': tx('门诊预结算', In2206Ext, Out2206Ext),
  '2207': tx('门诊结算', In2207Ext, Out2207Ext),
  '2208': tx('门诊结算撤销', In2208, Out2208Ext),
  '2101': tx('药店预结算', In2101Ext, Out2101Ext),
  '2102': tx('药店结算', In2102Ext, Out2102Ext),
  '2103': tx('药店结算撤销', In2103, Out2103Ext),
  '2601': tx('冲正交易', In2601, Out2601),
  '3201': tx('医药机构费用结算对总账', In3201, Out3201),
  '3202': tx('医药机构费用结算对明细账', In3202, Out3202),
  '1312': tx('医保目录信息查询', In1312, Out1312),
  '1318': tx('医保目录限价信息查询', In1318, Out1318),
  '1319': tx('医保目录先自付比例信息查询', In1319, Out1319),
  '3301': tx('目录对照上传', In3301, Out3301),
  '3302': tx('目录对照撤销', In3302, Out3302),
} as const;

export type Infno = keyof typeof centerTransactions;
/** Decoded (fen) input of a transaction, as callers build it (optional fields may be left out). */
export type TxInput<K extends Infno> = z.output<(typeof centerTransactions)[K]['input']>;
/** Decoded (fen) output of a transaction. */
export type TxOutput<K extends Infno> = z.output<(typeof centerTransactions)[K]['output']>;
/** Wire (yuan) shapes, for tests and the simulator. */
export type TxWireInput<K extends Infno> = z.input<(typeof centerTransactions)[K]['input']>;
export type TxWireOutput<K extends Infno> = z.input<(typeof centerTransactions)[K]['output']>;

export function isInfno(v: unknown): v is Infno {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(centerTransactions, v);
}
