/**
 * From a presented credential to a person: devices (and typed ID numbers) become identities held
 * here under short-lived refs; 1101 at the center turns one into a Person; the renderer gets a
 * masked PersonView. When the center cannot be reached, the last 1101 answer (person cache) is used
 * and marked stale. What this terminal's settlements did to a held person since (balances, the
 * year's counters) is added by person-state.ts, and the screen hears of it ('person.updated').
 */
import crypto from 'node:crypto';
import type { IdentityPresented } from '../../shared/api.js';
import { maskCertno, maskName, type Identity, type Person, type PersonView } from '../../shared/domain.js';
import { authorizerUnusableReason } from '../settle/index.js';
import { isCenterError, personFrom1101, type CenterGateway } from '../center/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { isValidIdNumber } from '../../shared/id-number.js';
import { createPersonState } from './person-state.js';
import type { SettlementChange } from './settlement/changes.js';

export interface IdentifiedPerson {
  ref: string;
  person: Person;
  identity: Identity;
  stale: boolean;
}

export interface IdentifyDeps {
  store: Pick<Store, 'personCache' | 'audit' | 'settlements'>;
  /** 1101 goes here; it rejects with the client's CenterError */
  center: Pick<CenterGateway, 'call'>;
  mdtrtarea_admvs: string;
  clock: { today(): string; now(): Date };
  onPresented(e: IdentityPresented): void;
  /** a held person's balances or counters changed (a settlement was confirmed, answered, refused, reversed) */
  onUpdated?(view: PersonView): void;
  /** the year's accumulations shown on the person card (policy numbers), or null */
  year?(person: Person, today: string): PersonView['year'];
  actor: () => string;
}

/** 1101's input for a credential: a card by number and chip id, an ID number, an e-voucher token */
function input1101(identity: Identity) {
  if (identity.mdtrt_cert_type === '03') {
    return { mdtrt_cert_type: '03' as const, mdtrt_cert_no: identity.mdtrt_cert_no, card_sn: identity.card_sn ?? '', psn_cert_type: '01', certno: identity.certno ?? '', psn_name: identity.psn_name ?? '' };
  }
  if (identity.mdtrt_cert_type === '02') {
    return { mdtrt_cert_type: '02' as const, mdtrt_cert_no: identity.mdtrt_cert_no, psn_cert_type: '01', certno: identity.certno ?? identity.mdtrt_cert_no };
  }
  return { mdtrt_cert_type: '01' as const, mdtrt_cert_no: identity.mdtrt_cert_no };
}

/** the center did not answer (or answered what cannot be read): the cache may stand in; a refusal may not */
const centerAbsent = (err: unknown) => isCenterError(err) && err.kind !== 'refused';

const REF_TTL_MS = 30 * 60_000;
const MAX_REFS = 200;

export function displayOf(identity: Identity): string {
  if (identity.certno) return `${identity.psn_name ? maskName(identity.psn_name) + ' ' : ''}${maskCertno(identity.certno)}`;
  if (identity.mdtrt_cert_type === '01') return '医保电子凭证';
  return maskCertno(identity.mdtrt_cert_no);
}

/** An ID number read by a scanner (ID-card scanners type it like a keyboard): the person, in every bill mode. */
export function scannedIdNumber(text: string, deviceId: string): Identity | null {
  const certno = text.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(certno) || !isValidIdNumber(certno)) return null;
  return { source: 'typed', mdtrt_cert_type: '02', mdtrt_cert_no: certno, certno, deviceId };
}

interface HeldPerson {
  ref: string;
  /** what the center (or the cache) said, updated as the center answers this terminal's settlements */
  base: Person;
  identity: Identity;
  stale: boolean;
  at: number;
}

export function createIdentifyService(deps: IdentifyDeps) {
  const presented = new Map<string, { identity: Identity; at: number }>();
  const people = new Map<string, HeldPerson>();
  const state = createPersonState();
  state.seed(deps.store.settlements.unansweredAtCenter());
  const current = (h: HeldPerson): IdentifiedPerson => ({ ref: h.ref, person: state.effective(h.base), identity: h.identity, stale: h.stale });

  function prune(map: Map<string, { at: number }>) {
    const cutoff = Date.now() - REF_TTL_MS;
    for (const [k, v] of map) if (v.at < cutoff || map.size > MAX_REFS) map.delete(k);
  }

  function view(p: IdentifiedPerson): PersonView {
    const today = deps.clock.today();
    const crossRegion = p.person.insuplc_admdvs !== deps.mdtrtarea_admvs;
    const f = p.person.filing;
    const filingValid = !!f && f.begn_date <= today && today <= f.end_date;
    return {
      personRef: p.ref,
      psn_no: p.person.psn_no,
      name: p.person.psn_name,
      certno_masked: maskCertno(p.person.certno),
      gend: p.person.gend,
      age: p.person.age,
      insutype: p.person.insutype,
      insuplc_admdvs: p.person.insuplc_admdvs,
      crossRegion,
      filingValid: crossRegion ? filingValid : true,
      hasAccount: p.person.hasAccount,
      balc: p.person.balc,
      year: deps.year?.(p.person, today) ?? null,
      authorizers: p.person.mulaid.map((a) => {
        const reason = authorizerUnusableReason(a, today);
        return {
          psn_no: a.psn_no,
          name_masked: maskName(a.psn_name),
          relation: a.relation,
          insutype: a.insutype,
          balc: a.balc,
          bind_end_date: a.bind_end_date,
          usable: reason === null,
          reason,
        };
      }),
      stale: p.stale,
      identifiedBy: p.identity.source,
      mdtrt_cert_type: p.identity.mdtrt_cert_type,
    };
  }

  async function resolve(identity: Identity): Promise<PersonView> {
    let person: Person;
    let stale = false;
    try {
      const out = await deps.center.call('1101', { data: input1101(identity) }, { insuplc_admdvs: identity.insuplc_admdvs ?? deps.mdtrtarea_admvs });
      person = personFrom1101(out, { today: deps.clock.now() });
      deps.store.personCache.put(person, identity.mdtrt_cert_type === '03' ? identity.mdtrt_cert_no : null);
    } catch (err) {
      if (!centerAbsent(err)) throw err;
      const cached =
        identity.mdtrt_cert_type === '03'
          ? deps.store.personCache.byCardNo(identity.mdtrt_cert_no)
          : identity.certno
            ? deps.store.personCache.byCertno(identity.certno)
            : null;
      if (!cached) throw err;
      person = cached.person;
      stale = true;
    }
    const ref = crypto.randomUUID();
    const entry: HeldPerson = { ref, base: person, identity, stale, at: Date.now() };
    prune(people);
    people.set(ref, entry);
    deps.store.audit.append({
      actor: deps.actor(),
      action: stale ? 'person.identify_cached' : 'person.identify',
      subject: person.psn_no,
      detail: { source: identity.source, mdtrt_cert_type: identity.mdtrt_cert_type },
    });
    return view(current(entry));
  }

  return {
    /** a device read a credential: keep it under a ref and tell the renderer */
    present(identity: Identity): IdentityPresented {
      prune(presented);
      const ref = crypto.randomUUID();
      presented.set(ref, { identity, at: Date.now() });
      const e: IdentityPresented = {
        ref,
        source: identity.source,
        mdtrt_cert_type: identity.mdtrt_cert_type,
        display: displayOf(identity),
        deviceId: identity.deviceId ?? null,
      };
      deps.onPresented(e);
      return e;
    },
    async identify(input: { ref: string } | { mdtrt_cert_type: '02'; certno: string }): Promise<PersonView> {
      if ('ref' in input) {
        const p = presented.get(input.ref);
        if (!p) throw AppError.keyed('NOT_FOUND', 'identify.presentedExpired', {}, { field: 'ref', message: 'the presented card or QR code has expired; present it again' });
        presented.delete(input.ref);
        return resolve(p.identity);
      }
      if (!isValidIdNumber(input.certno)) throw AppError.keyed('VALIDATION', 'identify.badCheckDigit', {}, { field: 'certno', message: 'certno: the ID number check digit is wrong' });
      return resolve({ source: 'typed', mdtrt_cert_type: '02', mdtrt_cert_no: input.certno, certno: input.certno });
    },
    /** the person behind a ref handed to the renderer */
    get(ref: string): IdentifiedPerson {
      const p = people.get(ref);
      if (!p) throw AppError.keyed('NOT_FOUND', 'identify.personExpired', {}, { field: 'personRef', message: 'the identified person has expired; identify again' });
      return current(p);
    },
    /**
     * A settlement changed (after its commit): the balances and counters of the people it touches,
     * and their screens. `balcAfter` is the own balance the center reported with its settlement.
     */
    settlementChanged(c: SettlementChange, balcAfter?: number): void {
      const deltas = state.changed(c, people.values(), balcAfter);
      if (deltas.length === 0 || !deps.onUpdated) return;
      const ids = new Set(deltas.flatMap((d) => [d.psn_no, d.mulaid_psn_no ?? '']));
      for (const h of people.values()) {
        if (ids.has(h.base.psn_no) || h.base.mulaid.some((a) => ids.has(a.psn_no))) deps.onUpdated(view(current(h)));
      }
    },
  };
}
export type IdentifyService = ReturnType<typeof createIdentifyService>;

