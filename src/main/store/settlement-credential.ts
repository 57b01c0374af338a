/**
 * A settlement's credential (mdtrt_cert_no: the card number, ID number or e-voucher token; card_sn) is
 * kept sealed in its row, bound to the settlement's id: only the sync worker reads it, at send time.
 */
import type { Sealer } from './seal.js';

export interface Credential {
  mdtrt_cert_no: string;
  card_sn: string | null;
}

const ctx = (id: string, column: keyof Credential) => `settlements.${column}|${id}`;

export function sealedCredential(sealer: Sealer, id: string, c: Credential): Credential {
  return {
    mdtrt_cert_no: sealer.seal(c.mdtrt_cert_no, ctx(id, 'mdtrt_cert_no')),
    card_sn: c.card_sn === null ? null : sealer.seal(c.card_sn, ctx(id, 'card_sn')),
  };
}

/** the stored value opened (a value from before migration 6 is plain and comes back as it is) */
export function openCredential(sealer: Sealer, id: string, column: keyof Credential, stored: string | null): string | null {
  return sealer.openMaybe(stored, ctx(id, column));
}
