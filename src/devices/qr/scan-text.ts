/** Turning scanned bytes into text, and text into an e-voucher identity. */
import iconv from 'iconv-lite';
import type { EventEmitter } from 'node:events';
import { Identity } from '../../shared/domain.js';
import { emitDeviceError } from '../events.js';

export type ScanText = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 first, GBK when it is not UTF-8; trailing CR/LF/NUL dropped; other control characters refused (GS for GS1 codes allowed). */
export function scanBytesToText(bytes: Uint8Array): ScanText {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'gbk');
    if (text.includes('\uFFFD')) return { ok: false, reason: 'scan is neither UTF-8 nor GBK' };
  }
  text = text.replace(/^[\r\n\0]+|[\r\n\0]+$/g, '');
  if (text.length === 0) return { ok: false, reason: 'empty scan' };
  if (/[\u0000-\u001c\u001e\u001f\u007f]/.test(text)) return { ok: false, reason: 'scan holds control characters' };
  return { ok: true, text };
}

/** A scanned symbol out of a scanner driver: 'scan' with its text, or an error when it is not text. */
export function emitScan(scanner: EventEmitter<any>, deviceId: string, bytes: Uint8Array): void {
  const t = scanBytesToText(bytes);
  if (!t.ok) emitDeviceError(scanner, { deviceId, reason: t.reason });
  else scanner.emit('scan', { deviceId, text: t.text });
}

/**
 * Whether a scan is a medical-insurance e-voucher QR rather than an item barcode: the e-voucher
 * code is long printable ASCII (20-600 characters); item barcodes (EAN-13, institution codes) are
 * shorter. Heuristic, documented so the cashier UI can offer "use as barcode" for edge cases.
 */
export function looksLikeEVoucher(text: string): boolean {
  return text.length >= 20 && text.length <= 600 && /^[\x21-\x7e]+$/.test(text);
}

/** An e-voucher scan as an Identity (type 01, the QR text as mdtrt_cert_no), or null when it is not one. */
export function eVoucherIdentity(text: string, deviceId?: string): Identity | null {
  if (!looksLikeEVoucher(text)) return null;
  const r = Identity.safeParse({
    source: 'qr',
    mdtrt_cert_type: '01',
    mdtrt_cert_no: text,
    ...(deviceId !== undefined ? { deviceId } : {}),
  });
  return r.success ? r.data : null;
}
