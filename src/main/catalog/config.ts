/** The `catalog` section of the configuration: where the first catalog comes from, the national download, the mapping upload. */
import { z } from 'zod';

export const CatalogConfig = z
  .object({
    /**
     * When the terminal has no catalog version yet, import this file (CSV or XLSX) as the first one;
     * without it the shipped SAMPLE catalog is imported unless `seedSample` is false.
     */
    seedFile: z.string().optional(),
    /** import the shipped sample catalog into an empty terminal (the embedded default; a real pharmacy sets false and imports its own) */
    seedSample: z.boolean().default(true),
    national: z
      .object({
        /** download the national catalog at start when the terminal holds none */
        downloadWhenEmpty: z.boolean().default(true),
        /** rows per page of 1312 / 1318 / 1319 */
        pageSize: z.number().int().min(10).max(5000).default(1000),
      })
      .prefault({}),
    /** the center requires the mappings (对照) uploaded (3301): after an activation they go up, and the status shows what the center refused */
    uploadMappings: z.boolean().default(false),
  })
  .strict();
export type CatalogConfig = z.infer<typeof CatalogConfig>;
