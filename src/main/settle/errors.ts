/** Errors of the settle folder. Both carry the field path (zod style: `lines.2.code`) so callers can point at it. */

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
