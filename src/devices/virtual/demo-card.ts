/** Valid basic-info strings for the virtual card reader (developer panel, tests). */
import { basicInfoString, type BasicInfoFields } from '../card/basic-info.js';
import { createHash } from 'node:crypto';

export interface DemoCardInput {
  certno: string;
  psn_name: string;
  /** default: the first 6 characters of the ID number */
  division?: string;
  /** default: derived from the ID number */
  card_no?: string;
  issue_date?: string;
  expiry_date?: string;
}

/** Basic-info fields for a card: card_sn = division + 26 characters derived from the ID number. */
export function demoCardFields(p: DemoCardInput): BasicInfoFields {
  const division = p.division ?? p.certno.slice(0, 6);
  const h = createHash('sha256').update(p.certno).digest('hex').toUpperCase();
  return {
    division,
    certno: p.certno,
    card_no: p.card_no ?? `A${h.replace(/\D/g, '').padEnd(8, '0').slice(0, 8)}`,
    card_sn: (division + h).slice(0, 32),
    psn_name: p.psn_name,
    reset: '00814E43238697159900BF4F',
    spec_version: '3.00',
    issue_date: p.issue_date ?? '20200101',
    expiry_date: p.expiry_date ?? '20300101',
    terminal_no: '530600000001',
    terminal_device_no: '00000001',
  };
}

/** The '|'-separated basic-info string for `present()`. */
export function demoCardBasicInfo(p: DemoCardInput): string {
  return basicInfoString(demoCardFields(p));
}
