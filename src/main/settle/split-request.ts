/**
 * What `pos split` accepts, as zod schemas (its JSON Schema is split-request.schema.json next to this file,
 * kept in step by a test), and the parse a receiving boundary calls before it hands a request to splitBill.
 * splitBill itself does not parse: it trusts its caller for the shape and only asserts what could make an
 * amount wrong (engine.ts).
 */
import { z } from 'zod';
import { HospLevel, Insutype, MedType, PersonPayState, SplitLine, SplitRequest, YtdState, isoDate, type SplitResult } from '../../shared/domain.js';
import { splitBill } from './engine.js';

/** Validate an untrusted request (JSON from a file, a pipe, a peer); throws a ZodError naming the field. */
export function parseSplitRequest(doc: unknown): SplitRequest {
  return SplitRequest.parse(doc);
}

/** For a boundary that only splits what it received: validate (ZodError naming the field), then split. */
export function splitUntrusted(doc: unknown): SplitResult {
  return splitBill(parseSplitRequest(doc));
}

export const SplitCommandContext = z
  .object({
    insutype: Insutype,
    med_type: MedType,
    hosp_level: HospLevel,
    date: isoDate,
    ytd: YtdState,
    cvlserv_flag: z.boolean().default(false),
  })
  .strict();

/** A request by context: the policy numbers are resolved from a policy file. */
export const SplitByContextRequest = z
  .object({
    lines: z.array(SplitLine).min(1),
    person: PersonPayState,
    context: SplitCommandContext,
    /** path of a policy JSON file; `--policy` on the command line wins */
    policy_file: z.string().min(1).optional(),
  })
  .strict();
export type SplitByContextRequest = z.infer<typeof SplitByContextRequest>;

/** What `pos split` accepts: an inline SplitRequest or a request by context. */
export const SplitCommandRequest = z.union([SplitRequest, SplitByContextRequest]);
export type SplitCommandRequest = z.infer<typeof SplitCommandRequest>;

/** JSON Schema of the request (written to split-request.schema.json). */
export function splitRequestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SplitCommandRequest, { io: 'input' }) as Record<string, unknown>;
}
