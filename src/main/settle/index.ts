/**
 * Public face of the settlement engine (pure: no I/O, no clock, no randomness).
 * The terminal (preview) and the center simulator (2204/2206/2207/2101/2102) both use exactly this.
 * The implementations live in small files next to this one; extra helpers are exported from those files.
 */
export { CatalogError, PolicyError, SplitInvariantError } from './errors.js';
export type { Catalog, InstitutionItem, NationalEntry, PolicyContext, PolicyFile } from './types.js';
/** The split of one bill, exact to the fen (DOMAIN.md). Trusts its input's shape: validate at the boundary first. */
export { splitBill } from './engine.js';
/** Validate an untrusted request before splitBill (a ZodError names the field); the `pos split` schemas. */
export { parseSplitRequest, splitUntrusted, splitRequestJsonSchema } from './split-request.js';
/** parsePolicy: validate a policy document, PolicyError naming the field. resolvePolicyNumbers: numbers for one bill. */
export { parsePolicy, resolvePolicyNumbers } from './policy.js';
/** The counter's catalog: institution items joined with the national catalog (unmapped items sell fully self-paid). */
export { createCatalog, entryInForce, joinItem, nationalRecordsUpTo, NationalCatalogDoc, NationalRecord, InstitutionItemSchema, InstitutionCatalogDoc } from './catalog.js';
/** Bill lines as the cashier entered them → engine lines. */
export { priceLines, type PricedLine, type PricingLineInput } from './pricing.js';
/** Why this authorizer cannot pay for the user on `date`, or null when usable. */
export { authorizerUnusableReason } from './mulaid.js';
