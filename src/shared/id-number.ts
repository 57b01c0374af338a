/** Resident ID numbers (GB 11643): 17 digits + ISO 7064 MOD 11-2 check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** Check character for the first 17 digits. Throws RangeError when `first17` is not 17 digits (a programming error). */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why an ID number is not valid, or null when it is. */
export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dXx]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const birth = id.slice(6, 14);
  if (!isValidYmd(birth)) return `birth date ${birth} is not a valid date`;
  const want = idCheckDigit(id.slice(0, 17));
  if (id[17]!.toUpperCase() !== want) return `check digit is ${id[17]}, expected ${want}`;
  return null;
}

export function isValidIdNumber(id: string): boolean {
  return idNumberProblem(id) === null;
}

/** Build a valid ID number (simulators, tests): division (6) + birth yyyymmdd + 3-digit sequence + check. */
export function makeIdNumber(division: string, birthYmd: string, seq: number): string {
  const first17 = `${division}${birthYmd}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** yyyymmdd that names a real calendar day (1900-2199). */
export function isValidYmd(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}
