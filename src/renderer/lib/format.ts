/** Display helpers other than money (money is formatYuan in src/shared/money.ts) and time (business-time.ts). */

/** A typed ID number as the contract wants it: trimmed, x → X. */
export function normaliseCertno(text: string): string {
  return text.trim().replace(/x$/, 'X');
}

export function isCertno(text: string): boolean {
  return /^\d{17}[\dX]$/.test(text);
}

/** Text a scanner would send for a code or barcode: no spaces, letters/digits/dashes only. */
export function looksLikeCode(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{3,49}$/.test(text.trim());
}
