/**
 * The HIS outpatient bill file (format documented in docs/his-bill.md, sample in samples/).
 * Validated with zod; every error names the field (e.g. `lines.2.pric`) and says in words (keyed
 * messages) what is wrong with it. A parsed bill is sealed (his-fingerprint.ts): its lines are the
 * hospital's prescription and are not edited at the counter.
 */
import { HisBill } from '../../shared/his-bill.js';
import { MAX_UNIT_PRICE_FEN } from '../../shared/limits.js';
import { parseQty, yuanToFen } from '../../shared/money.js';
import { AppError, describeZodError } from '../errors.js';
import { sealHisBill } from './his-fingerprint.js';

export function parseHisBill(content: string): HisBill & { fingerprint: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw AppError.keyed('VALIDATION', 'his.notJson', {}, { field: '(file)', message: `the HIS bill is not valid JSON: ${(e as Error).message}` });
  }
  const r = HisBill.safeParse(doc);
  if (!r.success) {
    const { field, message } = describeZodError(r.error);
    throw AppError.keyed('VALIDATION', 'his.invalidField', { field: field ?? '' }, { field, message });
  }
  // amounts and quantities must be exact decimals: check them here so the bill never loads half-valid
  r.data.lines.forEach((l, i) => {
    let pric: number;
    try {
      pric = yuanToFen(l.pric);
    } catch (e) {
      throw AppError.keyed('VALIDATION', 'his.badAmount', { field: `lines.${i}.pric` }, { field: `lines.${i}.pric`, message: `lines.${i}.pric: ${(e as Error).message}` });
    }
    if (pric > MAX_UNIT_PRICE_FEN) throw new AppError('VALIDATION', `lines.${i}.pric: price above 1,000,000.00 yuan`, `lines.${i}.pric`);
    try {
      if (parseQty(l.cnt) <= 0) throw new Error('quantity must be greater than 0');
    } catch (e) {
      throw AppError.keyed('VALIDATION', 'his.badCount', { field: `lines.${i}.cnt` }, { field: `lines.${i}.cnt`, message: `lines.${i}.cnt: ${(e as Error).message}` });
    }
  });
  return { ...r.data, fingerprint: sealHisBill(r.data) };
}
