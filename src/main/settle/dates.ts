/** Calendar dates as yyyy-MM-dd text. Pure string work: no clock, no time zone. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for an existing calendar date written yyyy-MM-dd (2025-02-29 is false). */
export function isCalendarDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** The year of a yyyy-MM-dd date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
