/** Errors of the settle folder. Each carries the field path (zod style: `lines.2.code`) so callers can point at it. */

/** Thrown for a catalog code the terminal does not know, or a quantity an item cannot be sold in. */
export class CatalogError extends Error {
  constructor(message: string, readonly code: string, readonly field: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Thrown when a policy file fails validation; the message names the field. */
export class PolicyError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/**
 * Thrown by splitBill when an internal caller hands it data that should have been validated at its boundary
 * (a fractional amount, a ratio above 100%, a split that would not add up): never a silently wrong amount.
 */
export class SplitInvariantError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'SplitInvariantError';
  }
}
