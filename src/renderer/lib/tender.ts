/**
 * The amount received at the counter, as the cashier types it (yuan, up to two decimals): what it is
 * in fen, the change, or why it cannot be taken. Pure: the reducer keeps the text, the screen and
 * the confirm read it through here. Nothing typed means the exact amount (整额).
 */
import { yuanToFen } from '../../shared/money.js';

export type TenderHow = 'typed' | 'note' | 'exact';

export interface TenderState {
  text: string;
  how: TenderHow;
}

export const NO_TENDER: TenderState = { text: '', how: 'typed' };

export type TenderProblem = 'format' | 'short' | 'tooMuch';

export interface Tendered {
  /** fen received (the cash due when nothing was typed), or null when the text is no amount */
  received: number | null;
  change: number | null;
  /** how much is missing when short */
  short: number;
  problem: TenderProblem | null;
  how: TenderHow;
}

/** change above this is a mistyped amount, not a note handed over (the main side's cash.maxChangeFen default) */
export const PLAUSIBLE_CHANGE_FEN = 100_000;

export function tendered(t: TenderState, due: number): Tendered {
  const text = t.text.trim();
  if (text === '') return { received: due, change: 0, short: 0, problem: null, how: 'exact' };
  let received: number;
  try {
    received = yuanToFen(text);
  } catch {
    return { received: null, change: null, short: 0, problem: 'format', how: t.how };
  }
  if (received < due) return { received, change: null, short: due - received, problem: 'short', how: t.how };
  const change = received - due;
  return { received, change, short: 0, problem: change > PLAUSIBLE_CHANGE_FEN ? 'tooMuch' : null, how: t.how };
}

/** a quick key: a note (100, 50 yuan) or the exact amount */
export function quickTender(kind: 'exact' | 100 | 50, due: number): TenderState {
  if (kind === 'exact') return { text: (due / 100).toFixed(2), how: 'exact' };
  return { text: String(kind), how: 'note' };
}

/** only what an amount can hold: digits and one decimal point, two places at most */
export function cleanTenderText(s: string): string {
  const kept = s.replace(/[^\d.]/g, '');
  const dot = kept.indexOf('.');
  return dot < 0 ? kept.slice(0, 8) : `${kept.slice(0, Math.min(dot, 8))}.${kept.slice(dot + 1).replace(/\./g, '').slice(0, 2)}`;
}
