/**
 * Wall-clock time in the terminal's business time zone (Asia/Shanghai by default), so that
 * "today", msgids and inf_time agree with the center whatever the machine's own zone is.
 */
export interface Clock {
  now(): Date;
  /** yyyy-MM-dd in the business zone */
  today(): string;
  /** yyyy-MM-dd of a given instant in the business zone */
  dateOf(d: Date): string;
  /** yyyyMMddHHmmss in the business zone (msgid) */
  stamp14(d?: Date): string;
}

export function createClock(timeZone: string, now: () => Date = () => new Date()): Clock {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const parts = (d: Date) => {
    const p: Record<string, string> = {};
    for (const { type, value } of fmt.formatToParts(d)) p[type] = value;
    return p;
  };
  return {
    now,
    today: () => {
      const p = parts(now());
      return `${p.year}-${p.month}-${p.day}`;
    },
    dateOf: (d) => {
      const p = parts(d);
      return `${p.year}-${p.month}-${p.day}`;
    },
    stamp14: (d = now()) => {
      const p = parts(d);
      return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
    },
  };
}
