/**
 * msgid: institution code (12) + yyyyMMddHHmmss (China time) + 4-digit sequence = 30 characters.
 * Unique per message and re-sent unchanged on retry, so the center can deduplicate.
 */
import { formatCompactTime } from './time.js';

export const MSGID_LENGTH = 30;
const MSGID = /^([0-9A-Za-z]{12})(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{4})$/;

export function formatMsgid(fixmedins_code12: string, date: Date, seq: number): string {
  if (!/^[0-9A-Za-z]{12}$/.test(fixmedins_code12)) {
    throw new Error(`fixmedins_code must be 12 letters or digits for a msgid: ${JSON.stringify(fixmedins_code12)}`);
  }
  if (!Number.isInteger(seq) || seq < 0 || seq > 9999) throw new Error(`msgid sequence must be 0..9999: ${seq}`);
  return fixmedins_code12 + formatCompactTime(date) + String(seq).padStart(4, '0');
}

export interface ParsedMsgid {
  fixmedins_code: string;
  /** yyyyMMddHHmmss as sent */
  time: string;
  seq: number;
}

/** Parses a msgid, checking the shape and that the time is a real calendar time; null when invalid. */
export function parseMsgid(msgid: string): ParsedMsgid | null {
  const m = MSGID.exec(msgid);
  if (!m) return null;
  const [, code, y, mo, d, h, mi, s, seq] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return { fixmedins_code: code, time: `${y}${mo}${d}${h}${mi}${s}`, seq: Number(seq) };
}

export function isValidMsgid(msgid: unknown): msgid is string {
  return typeof msgid === 'string' && parseMsgid(msgid) !== null;
}
