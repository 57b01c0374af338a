/** `center.check`: what `pos check-center` (and the same check on screen) may use beyond the link itself. */
import { z } from 'zod';

export const CheckConfig = z
  .object({
    /** a person the center knows, to try 1101 with (a test card the insurance bureau handed out) */
    testPerson: z
      .object({
        /** 02 ID number (default), 03 social-security card, 01 e-voucher */
        mdtrt_cert_type: z.enum(['01', '02', '03']).default('02'),
        mdtrt_cert_no: z.string().min(1).max(600),
        /** division where the person is insured; default the terminal's */
        insuplc_admdvs: z.string().regex(/^\d{6}$/).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CheckConfig = z.infer<typeof CheckConfig>;
