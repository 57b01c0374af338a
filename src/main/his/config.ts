/**
 * The `his` section of the configuration: where the hospital information system gives bills by their
 * number and takes the settlement results back.
 *   embedded  the HIS simulator in-process (the embedded default; demo bills)
 *   http      GET {url}{billPath} for a bill, POST {url}{resultsPath} for a result, with `headers`
 *             (the token the HIS sets, e.g. {"x-his-token": "…"})
 *   folder    the HIS writes <folder>/<bill number>.json; results are written beside it
 *   none      no HIS: bills come only from the file picker, nothing is sent back
 */
import { z } from 'zod';

export const HisConfig = z
  .object({
    source: z.enum(['embedded', 'http', 'folder', 'none']).default('embedded'),
    url: z.url().optional(),
    /** `{no}` is replaced by the bill number (URL-encoded) */
    billPath: z.string().startsWith('/').includes('{no}').default('/bills/{no}'),
    resultsPath: z.string().startsWith('/').default('/results'),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names: letters, digits, -'), z.string().max(2000)).default({}),
    folder: z.string().optional(),
    timeoutMs: z.number().int().min(200).max(120_000).default(5_000),
    /** first retry of a result the HIS did not acknowledge; doubles up to retryMaxMs */
    retryBaseMs: z.number().int().min(20).max(600_000).default(2_000),
    retryMaxMs: z.number().int().min(50).max(3_600_000).default(300_000),
    /** what a prescription / visit number looks like (also keeps it a safe file name) */
    billNoPattern: z.string().default('^[A-Za-z0-9_-]{1,40}$'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.source === 'http' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'his.url is required when his.source is "http"' });
    if (c.source === 'folder' && !c.folder) ctx.addIssue({ code: 'custom', path: ['folder'], message: 'his.folder is required when his.source is "folder"' });
    try {
      new RegExp(c.billNoPattern);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['billNoPattern'], message: 'not a regular expression' });
    }
  });
export type HisConfig = z.infer<typeof HisConfig>;
