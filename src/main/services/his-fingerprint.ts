/**
 * An HIS bill's lines are the hospital's prescription: the cashier may not change a quantity or a
 * price. When a bill is parsed (bill.parseHis) the main side seals its lines (an HMAC under a key of
 * this process); a draft that claims the bill (`his`) must carry that seal over exactly the lines it
 * sends, or preview and confirm refuse it. The renderer cannot make a seal, so an edited line, a
 * line added or one dropped shows. (Removing a line with a supervisor's approval comes with the HIS
 * work; it will seal the bill anew.)
 */
import crypto from 'node:crypto';
import { formatQty, parseQty, yuanToFen } from '../../shared/money.js';
import type { HisBill } from '../../shared/his-bill.js';

/** one key per process: seals do not outlive the process that made them (the renderer reloads then too) */
const KEY = crypto.randomBytes(32);

export interface SealedLine {
  code: string;
  /** fen */
  pric: number;
  qty: string;
  name: string;
}

function seal(billNo: string, medType: string, lines: readonly SealedLine[]): string {
  const text = JSON.stringify([billNo, medType, lines.map((l) => [l.code, l.pric, formatQty(parseQty(l.qty)), l.name])]);
  return crypto.createHmac('sha256', KEY).update(text).digest('base64url');
}

/** The seal of a parsed bill (its prices and counts already checked by parseHisBill). */
export function sealHisBill(bill: HisBill): string {
  return seal(
    bill.his_bill_no,
    bill.med_type,
    bill.lines.map((l) => ({ code: l.med_list_codg, pric: yuanToFen(l.pric), qty: String(l.cnt).trim(), name: l.name ?? '' })),
  );
}

/** Whether a draft's lines are exactly the sealed bill's. */
export function hisSealHolds(fingerprint: string | null, billNo: string, medType: string, lines: ReadonlyArray<{ code: string; qty: string; pric?: number; name?: string }>): boolean {
  if (!fingerprint) return false;
  if (lines.some((l) => l.pric === undefined)) return false;
  let expected: string;
  try {
    expected = seal(billNo, medType, lines.map((l) => ({ code: l.code, pric: l.pric as number, qty: l.qty, name: l.name ?? '' })));
  } catch {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(fingerprint);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
