/**
 * Times and dates as the cashier reads them, in the business time zone (configuration
 * `terminal.timeZone`, Asia/Shanghai by default), like the settlement records and the exports, and
 * never in the browser's locale: dates are yyyy-MM-dd (2026-12-02), times HH:mm:ss, 24 hours.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch {
      // an unknown zone name in the configuration: China time, as the default
      f = formatter('Asia/Shanghai');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** { date: yyyy-MM-dd, time: HH:mm:ss } of an instant in the zone */
export function partsIn(d: Date, timeZone: string): { date: string; time: string } {
  const p: Record<string, string> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(d)) p[type] = value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** "2026-12-02 14:05:09" */
export function formatDateTime(d: Date, timeZone: string): string {
  const { date, time } = partsIn(d, timeZone);
  return `${date} ${time}`;
}

/** An ISO timestamp's "HH:mm:ss" in the zone; unparseable text is shown as it is. */
export function formatTimeOf(iso: string, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : partsIn(d, timeZone).time;
}

/** An ISO timestamp's "yyyy-MM-dd HH:mm:ss" in the zone. */
export function formatDateTimeOf(iso: string, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d, timeZone);
}

/** Today in the zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return partsIn(now, timeZone).date;
}

/** A typed date: yyyy-MM-dd naming a real day, or null. */
export function parseIsoDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? m[0] : null;
}

/** The day before or after a yyyy-MM-dd date. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
