/**
 * Times on the wire are China Standard Time (UTC+8, no daylight saving), whatever the machine's
 * time zone: the center, the receipts and the cashier all read Beijing time.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;

export interface CstParts {
  y: string;
  M: string;
  d: string;
  H: string;
  m: string;
  s: string;
  S: string;
}

export function cstParts(date: Date): CstParts {
  const t = new Date(date.getTime() + CST_OFFSET_MS);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return {
    y: String(t.getUTCFullYear()).padStart(4, '0'),
    M: p2(t.getUTCMonth() + 1),
    d: p2(t.getUTCDate()),
    H: p2(t.getUTCHours()),
    m: p2(t.getUTCMinutes()),
    s: p2(t.getUTCSeconds()),
    S: String(t.getUTCMilliseconds()).padStart(3, '0'),
  };
}

/** yyyy-MM-dd HH:mm:ss (inf_time, setl_time, begntime) */
export function formatInfTime(date: Date): string {
  const p = cstParts(date);
  return `${p.y}-${p.M}-${p.d} ${p.H}:${p.m}:${p.s}`;
}

/** yyyyMMddHHmmss (the time inside a msgid) */
export function formatCompactTime(date: Date): string {
  const p = cstParts(date);
  return `${p.y}${p.M}${p.d}${p.H}${p.m}${p.s}`;
}

/** yyyyMMddHHmmssSSS (refmsg_time, respond_time) */
export function formatMillisTime(date: Date): string {
  return formatCompactTime(date) + cstParts(date).S;
}

/** yyyy-MM-dd in China time (the date of service). */
export function formatCstDate(date: Date): string {
  const p = cstParts(date);
  return `${p.y}-${p.M}-${p.d}`;
}

/** yyyy-MM-dd HH:mm:ss read as China time, or null when it is not such a time */
export function parseInfTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, M, d, H, mi, s] = m.map(Number);
  const t = Date.UTC(y, M - 1, d, H, mi, s) - CST_OFFSET_MS;
  return formatInfTime(new Date(t)) === text ? new Date(t) : null;
}
