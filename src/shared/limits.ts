/**
 * Bounds and ranks the contract checks with (no imports: domain.ts re-exports them).
 * Plausible upper bounds of what a cashier's input can carry, so an absurd number is a VALIDATION
 * naming its field before any arithmetic could overflow: a unit price up to 1,000,000.00 yuan, a bill
 * up to 100,000,000.00 yuan (quantities are at most 6 digits, lines at most 500).
 */
export const MAX_UNIT_PRICE_FEN = 100_000_000;
export const MAX_BILL_FEN = 10_000_000_000;

/** a real calendar date yyyy-MM-dd (2026-13-45 and 2026-02-30 are not) */
export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** cashier < supervisor < administrator: what needs a supervisor accepts an administrator too */
const ROLE_RANK = { cashier: 0, supervisor: 1, administrator: 2 } as const;
export type RoleName = keyof typeof ROLE_RANK;
export const roleAtLeast = (role: RoleName | null | undefined, needed: RoleName): boolean => !!role && ROLE_RANK[role] >= ROLE_RANK[needed];
