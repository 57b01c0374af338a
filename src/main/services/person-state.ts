/**
 * What a person's accounts hold now, as far as this terminal knows: the center's picture taken at
 * identification (1101, or the cache), plus what this terminal's settlements did to it since.
 *
 * The outbox reaches the center in order, so the next bill is priced at the center against the state
 * every earlier message left. The preview must price against the same state, or the center's split
 * differs (a `split_differs` conflict) and the balances on screen are stale. So:
 *   - a confirmed settlement (or a queued reversal) is PENDING: its effect (own account, co-pay
 *     account, year-to-date deductible / pooling / critical illness) is added on top of the picture;
 *   - when the center answers, the effect moves into the picture with the center's amounts (and the
 *     own balance the center reports, setlinfo.balc), and is no longer pending;
 *   - a refused message's effect is dropped: the center did not apply it.
 * At start-up the settlements still waiting for the center are pending again (from the store).
 */
import type { Person, Split } from '../../shared/domain.js';
import type { SettlementRecord } from '../store/index.js';
import type { SettlementChange } from './settlement/changes.js';
import { SETTLING } from './settlement/messages.js';

/** What one settlement takes from the accounts (fen) and adds to the year's counters. */
export interface AccountDelta {
  psn_no: string;
  mulaid_psn_no: string | null;
  acct: number;
  mulaid: number;
  year: number;
  dedc: number;
  hifp: number;
  hifmi: number;
}

type Rec = Pick<SettlementRecord, 'psn_no' | 'mulaid_psn_no' | 'business_date'>;

export function deltaOf(rec: Rec, split: Split): AccountDelta {
  return {
    psn_no: rec.psn_no,
    mulaid_psn_no: rec.mulaid_psn_no,
    acct: split.acct_pay,
    mulaid: split.acct_mulaid_pay,
    year: Number(rec.business_date.slice(0, 4)),
    dedc: split.act_pay_dedc,
    hifp: split.hifp_pay,
    hifmi: split.hifmi_pay,
  };
}

/** Whether a delta touches what is shown for this person (own account, year, or one of the authorizers). */
export function touches(p: Person, d: AccountDelta): boolean {
  const ids = new Set([p.psn_no, ...p.mulaid.map((a) => a.psn_no)]);
  return ids.has(d.psn_no) || (d.mulaid_psn_no !== null && ids.has(d.mulaid_psn_no));
}

const less = (balc: number, amount: number, sign: 1 | -1) => Math.max(0, balc - sign * amount);

/** The person after the delta (sign 1: the settlement took it; -1: it was given back). */
export function applyDelta(p: Person, d: AccountDelta, sign: 1 | -1): Person {
  let balc = p.balc;
  let ytd = p.ytd;
  if (d.psn_no === p.psn_no) {
    if (p.hasAccount) balc = less(balc, d.acct, sign);
    if (ytd.year === d.year) {
      ytd = {
        year: ytd.year,
        dedc_used: Math.max(0, ytd.dedc_used + sign * d.dedc),
        hifp_paid: Math.max(0, ytd.hifp_paid + sign * d.hifp),
        hifmi_paid: Math.max(0, ytd.hifmi_paid + sign * d.hifmi),
      };
    }
  }
  // the person is someone's co-pay authorizer: that account is their own
  if (d.mulaid_psn_no === p.psn_no && p.hasAccount) balc = less(balc, d.mulaid, sign);
  const mulaid = p.mulaid.map((a) => {
    if (a.psn_no === d.mulaid_psn_no) return { ...a, balc: less(a.balc, d.mulaid, sign) };
    if (a.psn_no === d.psn_no) return { ...a, balc: less(a.balc, d.acct, sign) };
    return a;
  });
  return { ...p, balc, ytd, mulaid };
}

/** One held person's picture: `base` is what the center said (updated as it answers). */
export interface Held {
  base: Person;
}

const reversalKey = (id: string) => `${id}:reversal`;

export function createPersonState() {
  const pending = new Map<string, { delta: AccountDelta; sign: 1 | -1 }>();

  return {
    /** settlements the center has not answered yet (start-up): their effects are pending again */
    seed(unanswered: readonly SettlementRecord[]): void {
      for (const rec of unanswered) {
        if (rec.status === 'queued') pending.set(rec.id, { delta: deltaOf(rec, rec.local_split), sign: 1 });
        // a settled one being reversed gives back what the center took; one not settled yet takes nothing net
        else if (rec.status === 'reversing' && rec.center_split) pending.set(reversalKey(rec.id), { delta: deltaOf(rec, rec.center_split), sign: -1 });
      }
    },

    /** the person as the next bill will be priced at the center */
    effective(base: Person): Person {
      let p = base;
      for (const { delta, sign } of pending.values()) if (touches(p, delta)) p = applyDelta(p, delta, sign);
      return p;
    },

    /**
     * A settlement's change (after its commit): update the pending effects and the held pictures.
     * Returns the deltas involved, so the caller can tell whose screen changed.
     */
    changed(c: SettlementChange, held: Iterable<Held>, balcAfter?: number): AccountDelta[] {
      const rebase = (rec: SettlementRecord, delta: AccountDelta, sign: 1 | -1) => {
        for (const h of held) {
          if (!touches(h.base, delta)) continue;
          h.base = applyDelta(h.base, delta, sign);
          // the center's own word on the balance after this settlement
          if (balcAfter !== undefined && h.base.psn_no === rec.psn_no && h.base.hasAccount) h.base = { ...h.base, balc: balcAfter };
        }
      };
      switch (c.kind) {
        case 'confirmed': {
          const rec = c.record();
          const delta = deltaOf(rec, rec.local_split);
          pending.set(rec.id, { delta, sign: 1 });
          return [delta];
        }
        case 'reversal_requested': {
          const rec = c.record();
          const delta = deltaOf(rec, rec.center_split ?? rec.local_split);
          pending.set(reversalKey(rec.id), { delta, sign: -1 });
          return [delta];
        }
        case 'answered': {
          const rec = c.record();
          if (c.effect.center_split) {
            pending.delete(rec.id);
            const delta = deltaOf(rec, c.effect.center_split);
            rebase(rec, delta, 1);
            return [delta];
          }
          if (c.effect.status === 'reversed') {
            pending.delete(reversalKey(rec.id));
            const delta = deltaOf(rec, rec.center_split ?? rec.local_split);
            rebase(rec, delta, -1);
            return [delta];
          }
          return [];
        }
        case 'refused': {
          const rec = c.record();
          const key = SETTLING.has(c.infno) ? rec.id : reversalKey(rec.id);
          const was = pending.get(key);
          pending.delete(key);
          return was ? [was.delta] : [];
        }
        default:
          return [];
      }
    },

    /** how many effects wait for the center (tests, support) */
    pendingCount: () => pending.size,
  };
}
export type PersonState = ReturnType<typeof createPersonState>;
