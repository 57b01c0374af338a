/** Resident ID numbers (GB 11643): 6-digit area + yyyyMMdd + 3-digit sequence + ISO 7064 MOD 11-2 check. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`the first 17 characters of an ID number are digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** A valid 18-character ID number; an odd sequence is male, even is female. */
export function makeIdNumber(area6: string, brdy: string, seq3: number): string {
  const ymd = brdy.replace(/-/g, '');
  const first17 = `${area6}${ymd}${String(seq3).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function isValidIdNumber(certno: string): boolean {
  return /^\d{17}[\dX]$/.test(certno) && idCheckChar(certno.slice(0, 17)) === certno[17];
}
