/**
 * 2601 冲正交易: reverse a message whose outcome the institution does not know (timeout after the
 * center committed, reply lost, process died mid-send). `omsgid` names the original message,
 * `oinfno` its transaction. Real centers answer with an empty or absent output; the simulator adds
 * `data.rvs_flag` ('1' something was reversed, '0' the original never arrived or was already reversed).
 */
import { z } from 'zod';

export const In2601Data = z.looseObject({
  psn_no: z.string().min(1).max(30).describe('人员编号'),
  omsgid: z.string().length(30).describe('原发送方报文ID'),
  oinfno: z.string().regex(/^\d{4}$/).describe('原交易编号'),
});
export const In2601 = z.looseObject({ data: In2601Data.describe('输入') });

export const Out2601 = z
  .looseObject({
    data: z
      .looseObject({
        omsgid: z.string().optional().describe('原发送方报文ID'),
        rvs_flag: z.enum(['0', '1']).optional().describe('冲正标志 (1已冲正 0原交易未生效)'),
      })
      .optional()
      .describe('输出'),
  })
  .nullable();
