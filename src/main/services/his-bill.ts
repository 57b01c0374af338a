/**
 * The HIS outpatient bill file (format documented in docs/his-bill.md, sample in samples/).
 * Validated with zod; every error names the field, e.g. "lines.2.pric: amount is not a decimal…".
 */
import { HisBill } from '../../shared/domain.js';
import { MAX_UNIT_PRICE_FEN } from '../../shared/limits.js';
import { parseQty, yuanToFen } from '../../shared/money.js';
import { AppError, describeZodError } from '../errors.js';

export function parseHisBill(content: string): HisBill {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION', `the HIS bill is not valid JSON: ${(e as Error).message}`, '(file)');
  }
  const r = HisBill.safeParse(doc);
  if (!r.success) {
    const { field, message } = describeZodError(r.error);
    throw new AppError('VALIDATION', message, field);
  }
  // amounts and quantities must be exact decimals: check them here so the bill never loads half-valid
  r.data.lines.forEach((l, i) => {
    let pric: number;
    try {
      pric = yuanToFen(l.pric);
    } catch (e) {
      throw new AppError('VALIDATION', `lines.${i}.pric: ${(e as Error).message}`, `lines.${i}.pric`);
    }
    if (pric > MAX_UNIT_PRICE_FEN) throw new AppError('VALIDATION', `lines.${i}.pric: price above 1,000,000.00 yuan`, `lines.${i}.pric`);
    try {
      if (parseQty(l.cnt) <= 0) throw new Error('quantity must be greater than 0');
    } catch (e) {
      throw new AppError('VALIDATION', `lines.${i}.cnt: ${(e as Error).message}`, `lines.${i}.cnt`);
    }
  });
  return r.data;
}
