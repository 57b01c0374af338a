/** 2204 门诊费用明细信息上传: the fee lines of a visit; the center classifies each line. */
import { z } from 'zod';
import { FeeDetailLine, FeeLineResult } from './fee-detail.js';

export const In2204 = z.looseObject({
  feedetail: z.array(FeeDetailLine).min(1).describe('费用明细'),
});

export const Out2204 = z.looseObject({
  result: z.array(FeeLineResult).describe('费用明细处理结果'),
});
