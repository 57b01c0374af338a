/**
 * Preview, confirm, list and reverse settlements. Confirm is the durable step: the settlement, its
 * items, its outbox messages and an audit entry are committed in one SQLite transaction before any
 * network call; the sync worker sends them afterwards.
 */
import type { BillDraft, PreviewOutput } from '../../shared/api.js';
import { maskCertno, maskName, type SettlementView, type SplitLine } from '../../shared/domain.js';
import { lineAmount, parseQty } from '../../shared/money.js';
import {
  CatalogError,
  PolicyError,
  authorizerUnusableReason,
  priceLines,
  resolvePolicyNumbers,
  splitBill,
  type Catalog,
  type PolicyFile,
} from '../settle/index.js';
import type { HospLevel } from '../../shared/domain.js';
import { AppError } from '../router.js';
import type { Store, SettlementRecord } from '../store/index.js';
import type { IdentifyService, IdentifiedPerson } from './identify.js';
import { reversalMessages, settlementMessages } from './center-messages.js';

export interface SettlementDeps {
  store: Store;
  identify: IdentifyService;
  catalog: Catalog;
  /** policy files by insured division (参保地): cross-region uses the insured place's policy */
  policies: ReadonlyMap<string, PolicyFile>;
  terminal: { id: string; hosp_level: HospLevel; mdtrtarea_admvs: string };
  today: () => string;
  nowIso: () => string;
  cashierNo: () => string;
  /** wake the sync worker after a commit */
  kick(): void;
  onUpdated(view: SettlementView): void;
}

interface Computed {
  person: IdentifiedPerson;
  lines: SplitLine[];
  result: ReturnType<typeof splitBill>;
  mulaid: { psn_no: string; psn_name: string } | null;
}

export function createSettlementService(deps: SettlementDeps) {
  function compute(draft: BillDraft): Computed {
    const person = deps.identify.get(draft.personRef);
    const p = person.person;
    if (draft.kind === 'pharmacy' && draft.med_type !== '41') throw new AppError('VALIDATION', 'med_type: a pharmacy bill is med_type 41', 'med_type');
    if (draft.kind === 'outpatient' && draft.med_type === '41') throw new AppError('VALIDATION', 'med_type: an outpatient bill cannot be med_type 41', 'med_type');

    let lines: SplitLine[];
    try {
      lines = priceLines(draft.lines, deps.catalog, draft.kind);
    } catch (e) {
      if (e instanceof CatalogError) throw new AppError(e.field.endsWith('.code') ? 'NOT_FOUND' : 'VALIDATION', e.message, e.field);
      throw e;
    }

    const policy = deps.policies.get(p.insuplc_admdvs);
    if (!policy) throw new AppError('NOT_FOUND', `no policy is configured for the insured division ${p.insuplc_admdvs}`);
    const today = deps.today();
    let numbers;
    try {
      numbers = resolvePolicyNumbers(policy, {
        insutype: p.insutype,
        med_type: draft.med_type,
        hosp_level: deps.terminal.hosp_level,
        date: today,
        ytd: p.ytd,
        cvlserv_flag: p.cvlserv_flag,
      });
    } catch (e) {
      if (e instanceof PolicyError) throw new AppError('CONFLICT', e.message, e.field);
      throw e;
    }

    const crossRegion = p.insuplc_admdvs !== deps.terminal.mdtrtarea_admvs;
    const filingValid = !!p.filing && p.filing.begn_date <= today && today <= p.filing.end_date;
    const fundAllowed = !crossRegion || filingValid;

    let mulaid: Computed['mulaid'] = null;
    let mulaidBalc: number | null = null;
    if (draft.mulaidPsnNo) {
      const a = p.mulaid.find((m) => m.psn_no === draft.mulaidPsnNo);
      if (!a) throw new AppError('VALIDATION', 'mulaidPsnNo: this person is not bound to that authorizer', 'mulaidPsnNo');
      const reason = authorizerUnusableReason(a, today);
      if (reason) throw new AppError('CONFLICT', `mulaidPsnNo: the authorizer cannot pay (${reason})`, 'mulaidPsnNo');
      mulaid = { psn_no: a.psn_no, psn_name: a.psn_name };
      mulaidBalc = a.balc;
    }

    const result = splitBill({
      lines,
      policy: numbers,
      person: {
        acct_balc: p.hasAccount ? p.balc : 0,
        acct_used: draft.useAcct && p.hasAccount,
        mulaid_balc: mulaidBalc,
        fund_allowed: fundAllowed,
        fund_refused_reason: fundAllowed ? null : '异地就医未备案或备案已失效 / no valid cross-region filing',
      },
    });
    return { person, lines, result, mulaid };
  }

  function view(rec: SettlementRecord): SettlementView {
    return deps.store.settlements.toView(rec);
  }

  return {
    preview(draft: BillDraft): PreviewOutput {
      const c = compute(draft);
      return {
        ...c.result,
        lines_priced: c.lines.map((l) => ({
          code: l.code,
          name: l.name,
          pric: l.pric,
          cnt: l.cnt,
          amount: lineAmount(l.pric, parseQty(l.cnt)),
          chrgitm_lv: l.chrgitm_lv,
        })),
        stale: c.person.stale,
      };
    },

    confirm(draft: BillDraft & { requestId: string }): SettlementView {
      // the same request again (double press, renderer retry): answer with what was committed
      const already = deps.store.settlements.get(draft.requestId);
      if (already) return view(already);
      const c = compute(draft);
      const p = c.person.person;
      const now = deps.nowIso();
      // the request id is the settlement's id: a confirm repeated after a crash or a lost answer finds it
      const id = draft.requestId;
      const rec: SettlementRecord = {
        id,
        kind: draft.kind,
        med_type: draft.med_type,
        status: 'queued',
        business_date: deps.today(),
        created_at: now,
        updated_at: now,
        terminal_id: deps.terminal.id,
        cashier_no: deps.cashierNo(),
        psn_no: p.psn_no,
        psn_name_masked: maskName(p.psn_name),
        certno_masked: maskCertno(p.certno),
        insutype: p.insutype,
        insuplc_admdvs: p.insuplc_admdvs,
        mdtrt_cert_type: c.person.identity.mdtrt_cert_type,
        mdtrt_cert_no: c.person.identity.mdtrt_cert_no,
        card_sn: c.person.identity.card_sn ?? null,
        use_acct: draft.useAcct && p.hasAccount,
        mulaid_psn_no: c.mulaid?.psn_no ?? null,
        mulaid_name_masked: c.mulaid ? maskName(c.mulaid.psn_name) : null,
        local_split: c.result.split,
        center_split: null,
        explanation: c.result.explanation,
        policy_version: c.result.policy_version,
        his: draft.his,
        medfee_sumamt: c.result.split.medfee_sumamt,
        mdtrt_id: null,
        setl_id: null,
        last_error: null,
      };
      const items = c.lines.map((l) => ({ ...l, amount: lineAmount(l.pric, parseQty(l.cnt)) }));
      const { record, created } = deps.store.settlements.commitConfirmed(rec, items, settlementMessages(rec), {
        actor: rec.cashier_no,
        action: 'settlement.confirm',
        subject: id,
        // who confirmed what: the money in the five invariant fields; the whole split is in the settlement row
        detail: {
          kind: rec.kind,
          medfee_sumamt: rec.medfee_sumamt,
          fund_pay_sumamt: rec.local_split.fund_pay_sumamt,
          acct_pay: rec.local_split.acct_pay,
          acct_mulaid_pay: rec.local_split.acct_mulaid_pay,
          psn_cash_pay: rec.local_split.psn_cash_pay,
          mulaid: rec.mulaid_psn_no,
          policy: rec.policy_version,
        },
      });
      const v = view(record);
      if (created) {
        deps.onUpdated(v);
        deps.kick();
      }
      return v;
    },

    list(date?: string): SettlementView[] {
      return deps.store.settlements.listByDate(date ?? deps.today()).map(view);
    },

    get(id: string): SettlementView {
      const rec = deps.store.settlements.get(id);
      if (!rec) throw new AppError('NOT_FOUND', 'no such settlement', 'id');
      return view(rec);
    },

    reverse(id: string, reason: string): SettlementView {
      const rec = deps.store.settlements.get(id);
      if (!rec) throw new AppError('NOT_FOUND', 'no such settlement', 'id');
      if (rec.status !== 'settled' && rec.status !== 'queued') {
        throw new AppError('CONFLICT', `a settlement in status ${rec.status} cannot be reversed`, 'id');
      }
      const updated = deps.store.settlements.enqueue(id, reversalMessages(rec), 'reversing', {
        actor: deps.cashierNo(),
        action: 'settlement.reverse',
        subject: id,
        detail: { reason },
      });
      const v = view(updated);
      deps.onUpdated(v);
      deps.kick();
      return v;
    },
  };
}
export type SettlementService = ReturnType<typeof createSettlementService>;
