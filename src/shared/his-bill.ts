/** The HIS's outpatient bill as the terminal receives it (a file, a folder or the HIS's endpoint). */
import { z } from 'zod';

/** HIS outpatient bill file (documented in docs/his-bill.md, sample in samples/). */
export const HisBill = z.object({
  format: z.literal('yb-pos-his-bill/1'),
  his_bill_no: z.string().min(1).max(40),
  med_type: z.enum(['11', '14']),
  dept_name: z.string().max(50).default(''),
  doctor_name: z.string().max(50).default(''),
  diagnosis: z
    .array(z.object({ diag_code: z.string().min(1).max(30), diag_name: z.string().max(100) }))
    .default([]),
  /** optional: the patient the bill was made for, checked against the identified person */
  patient_certno: z.string().max(18).optional(),
  lines: z
    .array(
      z.object({
        /** national catalog code (med_list_codg); must exist in the terminal's catalog */
        med_list_codg: z.string().min(1).max(50),
        /** the hospital's own code */
        medins_list_codg: z.string().max(50).default(''),
        name: z.string().max(100).default(''),
        /** unit price in yuan, as decimal text or number with at most 2 places */
        pric: z.union([z.string(), z.number()]),
        cnt: z.union([z.string(), z.number()]),
      }),
    )
    .min(1),
});
export type HisBill = z.infer<typeof HisBill>;
