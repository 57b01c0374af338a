/** Display helpers other than money (money is formatYuan in src/shared/money.ts). */

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO timestamp → local "HH:mm:ss"; unparseable text is shown as it is. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local "yyyy-MM-dd HH:mm:ss" for the status-bar clock. */
export function formatClock(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

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
