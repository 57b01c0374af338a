/**
 * The social-security card basic-info string (iReadCardBas output), GBK-encoded:
 *   division(6)|ssn(18)|card_no(9)|card_sn(32)|name|reset|spec_version|issue_date|expiry_date|terminal_no|terminal_device_no|
 * Decoding validates every field the terminal relies on and names the first bad one. No clock inside:
 * the caller passes today's date.
 */
import iconv from 'iconv-lite';
import { Identity } from '../../shared/domain.js';
import { idNumberProblem, isValidYmd } from './id-number.js';

export { encodeFrame } from './frame-codec.js';

export interface BasicInfoFields {
  /** issuing division code (6 digits) */
  division: string;
  /** social security number = resident ID number (18) */
  certno: string;
  /** card number (9) */
  card_no: string;
  /** card identification code (32), starts with the division */
  card_sn: string;
  psn_name: string;
  /** card reset info (historical bytes) */
  reset: string;
  spec_version: string;
  /** yyyymmdd */
  issue_date: string;
  /** yyyymmdd */
  expiry_date: string;
  terminal_no: string;
  terminal_device_no: string;
}

export const BASIC_INFO_ORDER = [
  'division',
  'certno',
  'card_no',
  'card_sn',
  'psn_name',
  'reset',
  'spec_version',
  'issue_date',
  'expiry_date',
  'terminal_no',
  'terminal_device_no',
] as const satisfies readonly (keyof BasicInfoFields)[];

export type BasicInfoField = keyof BasicInfoFields | 'payload';

export type BasicInfoResult =
  | { ok: true; identity: Identity; fields: BasicInfoFields }
  | { ok: false; field: BasicInfoField; reason: string };

export interface DecodeOptions {
  /** today's date, yyyy-MM-dd or yyyymmdd; an expiry before it is refused */
  today: string;
  deviceId?: string;
}

/** Decode a card payload (GBK bytes). Never throws. */
export function decodeBasicInfo(payload: Uint8Array, opts: DecodeOptions): BasicInfoResult {
  let text: string;
  try {
    // vendors' C buffers often carry trailing NULs
    let end = payload.length;
    while (end > 0 && payload[end - 1] === 0) end--;
    text = iconv.decode(Buffer.from(payload.subarray(0, end)), 'gbk');
  } catch (e) {
    return { ok: false, field: 'payload', reason: `cannot decode as GBK: ${(e as Error).message}` };
  }
  return decodeBasicInfoString(text, opts);
}

/** Decode the basic-info string as a vendor library or card service returns it. Never throws. */
export function decodeBasicInfoString(text: string, opts: DecodeOptions): BasicInfoResult {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, field: 'payload', reason: 'empty' };
  if (text.length > 2048) return { ok: false, field: 'payload', reason: `too long (${text.length} characters)` };
  const parts = text.replace(/\0+$/, '').split('|');
  // the string ends with '|', so a trailing empty part is normal; vendors may append more fields
  if (parts.length < BASIC_INFO_ORDER.length) {
    return { ok: false, field: 'payload', reason: `expected ${BASIC_INFO_ORDER.length} '|'-separated fields, got ${parts.length}` };
  }
  const raw = {} as BasicInfoFields;
  BASIC_INFO_ORDER.forEach((k, i) => {
    raw[k] = parts[i]!.replace(/^[\s\0]+|[\s\0]+$/g, '');
  });
  for (const k of BASIC_INFO_ORDER) {
    if (raw[k].includes('\uFFFD')) return { ok: false, field: k, reason: 'invalid GBK bytes' };
    if (/[\u0000-\u001f\u007f]/.test(raw[k])) return { ok: false, field: k, reason: 'control characters' };
  }
  const today = opts.today.replace(/-/g, '');
  if (!isValidYmd(today)) return { ok: false, field: 'payload', reason: `today "${opts.today}" is not a date (caller error)` };

  const f = { ...raw, certno: raw.certno.toUpperCase(), card_sn: raw.card_sn.toUpperCase(), card_no: raw.card_no.toUpperCase() };
  if (!/^\d{6}$/.test(f.division)) return { ok: false, field: 'division', reason: 'must be 6 digits' };
  const idProblem = idNumberProblem(f.certno);
  if (idProblem) return { ok: false, field: 'certno', reason: idProblem };
  if (!/^[0-9A-Z]{9}$/.test(f.card_no)) return { ok: false, field: 'card_no', reason: 'must be 9 letters or digits' };
  if (!/^[0-9A-Z]{32}$/.test(f.card_sn)) return { ok: false, field: 'card_sn', reason: 'must be 32 letters or digits' };
  if (!f.card_sn.startsWith(f.division)) return { ok: false, field: 'card_sn', reason: `does not start with the division ${f.division}` };
  if (f.psn_name.length === 0) return { ok: false, field: 'psn_name', reason: 'empty' };
  if (Array.from(f.psn_name).length > 50) return { ok: false, field: 'psn_name', reason: 'longer than 50 characters' };
  if (!isValidYmd(f.issue_date)) return { ok: false, field: 'issue_date', reason: `"${f.issue_date}" is not a yyyymmdd date` };
  if (!isValidYmd(f.expiry_date)) return { ok: false, field: 'expiry_date', reason: `"${f.expiry_date}" is not a yyyymmdd date` };
  if (f.expiry_date < f.issue_date) return { ok: false, field: 'expiry_date', reason: 'before the issue date' };
  if (f.expiry_date < today) return { ok: false, field: 'expiry_date', reason: `card expired on ${f.expiry_date}` };

  const parsed = Identity.safeParse({
    source: 'card',
    mdtrt_cert_type: '03',
    mdtrt_cert_no: f.card_no,
    card_sn: f.card_sn,
    certno: f.certno,
    psn_name: f.psn_name,
    insuplc_admdvs: f.division,
    ...(opts.deviceId !== undefined ? { deviceId: opts.deviceId } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: 'payload', reason: `identity: ${issue?.path.join('.')} ${issue?.message}` };
  }
  return { ok: true, identity: parsed.data, fields: f };
}

/**
 * Build the GBK payload a card reader returns (simulators, tests). Missing optional fields are empty.
 * Throws RangeError when a field holds '|' or a character GBK cannot encode (a caller error).
 */
export function encodeBasicInfo(fields: Partial<BasicInfoFields> & Pick<BasicInfoFields, 'division' | 'certno' | 'card_no' | 'card_sn' | 'psn_name' | 'issue_date' | 'expiry_date'>): Buffer {
  const text = basicInfoString(fields);
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new RangeError('basic info holds characters GBK cannot encode');
  return bytes;
}

/** The '|'-separated basic-info string (ends with '|'). */
export function basicInfoString(fields: Partial<BasicInfoFields>): string {
  return (
    BASIC_INFO_ORDER.map((k) => {
      const v = fields[k] ?? '';
      if (v.includes('|')) throw new RangeError(`basic info field ${k} holds '|'`);
      return v;
    }).join('|') + '|'
  );
}
