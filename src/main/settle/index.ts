/**
 * Public face of the settlement engine (pure: no I/O, no clock, no randomness).
 * The terminal (preview) and the center simulator (2204/2206/2207/2101/2102) both use exactly this.
 *
 * STUB SIGNATURES: the settle helper replaces the bodies; the names and types are the contract
 * other folders code against.
 */
import type {
  BillKind,
  BillLineInput,
  CatalogItem,
  HospLevel,
  Insutype,
  MedType,
  MulaidAuthorizer,
  MulaidUnusableReason,
  PolicyNumbers,
  SplitLine,
  SplitRequest,
  SplitResult,
  YtdState,
} from '../../shared/domain.js';

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

/** A validated policy file for one region (many versions with effective dates). Opaque to callers. */
export type PolicyFile = { region: string; versions: unknown[] } & Record<string, unknown>;

export interface PolicyContext {
  insutype: Insutype;
  med_type: MedType;
  hosp_level: HospLevel;
  /** the date of service, yyyy-MM-dd: picks the policy version */
  date: string;
  ytd: YtdState;
  cvlserv_flag: boolean;
}

/** The split of one bill, exact to the fen (DOMAIN.md). Throws only on input that fails SplitRequest. */
export declare function splitBill(req: SplitRequest): SplitResult;

/** Validate a policy document (parsed JSON); throws PolicyError naming the field. */
export declare function parsePolicy(doc: unknown): PolicyFile;

/** The numbers for one person and bill from a policy file; throws PolicyError when no version covers the date. */
export declare function resolvePolicyNumbers(policy: PolicyFile, ctx: PolicyContext): PolicyNumbers;

/** Catalog lookups (med_list_codg and barcode), search by name / code / pinyin initials. */
export interface Catalog {
  readonly items: readonly CatalogItem[];
  byCode(code: string): CatalogItem | undefined;
  /** med_list_codg or barcode */
  lookup(codeOrBarcode: string): CatalogItem | undefined;
  search(q: string, limit?: number): CatalogItem[];
}

/** Validate a catalog document; throws CatalogError naming the field. */
export declare function parseCatalog(doc: unknown): Catalog;

/**
 * Bill lines as the cashier entered them → engine lines. Pharmacy: price from the catalog.
 * Outpatient: price from the HIS line (`pric`), class/ratio/cap from the catalog.
 * Throws CatalogError for an unknown code or a fractional quantity of an item sold whole.
 */
export declare function priceLines(lines: readonly BillLineInput[], catalog: Catalog, kind: BillKind): SplitLine[];

/** Why this authorizer cannot pay for the user on `date` (yyyy-MM-dd), or null when usable. */
export declare function authorizerUnusableReason(a: MulaidAuthorizer, date: string): MulaidUnusableReason | null;
