import type {
  BillKind,
  ExplanationStep,
  Insutype,
  MdtrtCertType,
  MedType,
  SettlementStatus,
  SettlementView,
  Split,
  SplitLine,
  SplitLineResult,
} from '../../shared/domain.js';
import type Database from 'better-sqlite3';
import type { Db } from './db.js';

const UPDATABLE = new Set(['status', 'center_split', 'mdtrt_id', 'setl_id', 'last_error']);
/** the amount columns end of day adds up, and the split field each is written from (the table's CHECK holds them to it) */
const AMOUNT_COLUMNS = [
  ['amt_medfee', 'medfee_sumamt'],
  ['amt_fund', 'fund_pay_sumamt'],
  ['amt_acct', 'acct_pay'],
  ['amt_mulaid', 'acct_mulaid_pay'],
  ['amt_cash', 'psn_cash_pay'],
] as const satisfies ReadonlyArray<readonly [string, keyof Split]>;
const amountsOf = (split: Split): number[] => AMOUNT_COLUMNS.map(([, field]) => split[field]);
import type { AuditEntry, AuditRepo, AuditRow } from './audit.js';
import type { MsgidAllocator } from './msgid.js';
import type { Sealer } from './seal.js';
import { openCredential, sealedCredential } from './settlement-credential.js';

/** A settlement as stored (main side only: it holds the credential number needed to send it). */
export interface SettlementRecord {
  /** the renderer's request id for the confirm (a UUIDv7), so a repeated confirm finds it */
  id: string;
  kind: BillKind;
  med_type: MedType;
  status: SettlementStatus;
  business_date: string;
  created_at: string;
  updated_at: string;
  terminal_id: string;
  cashier_no: string;
  psn_no: string;
  psn_name_masked: string;
  certno_masked: string;
  insutype: Insutype;
  insuplc_admdvs: string;
  mdtrt_cert_type: MdtrtCertType;
  mdtrt_cert_no: string;
  card_sn: string | null;
  use_acct: boolean;
  mulaid_psn_no: string | null;
  mulaid_name_masked: string | null;
  local_split: Split;
  center_split: Split | null;
  explanation: ExplanationStep[];
  policy_version: string;
  his: unknown | null;
  medfee_sumamt: number;
  mdtrt_id: string | null;
  setl_id: string | null;
  last_error: string | null;
}

export interface SettlementItem extends SplitLine {
  amount: number;
  /** the institution's own code (the fee detail's medins_list_codg) when it is not the line's code */
  medins_list_codg?: string;
  /** set when the line is fully self-paid because the national catalog does not cover it */
  unmapped?: 'no_mapping' | 'not_in_national' | null;
  /** the code the bill line named (the confirm's own lines only: not stored) */
  input_code?: string;
}

export interface OutboxMessage {
  step: number;
  infno: string;
  /** the transaction input; fields the center assigns later (mdtrt_id, setl_id) are filled at send time */
  payload: Record<string, unknown>;
}

type Row = Omit<SettlementRecord, 'use_acct' | 'local_split' | 'center_split' | 'explanation' | 'his'> & {
  use_acct: number;
  local_split: string;
  center_split: string | null;
  explanation: string;
  his: string | null;
  items: string;
  last_outbox_id: number | null;
};

function fromStoredRow(r: Row, sealer: Sealer): SettlementRecord {
  // the stored-only columns (items, last_outbox_id, the amount columns) stay out of the record
  const { items: _items, last_outbox_id: _last, explanation: explanationJson, mdtrt_cert_no: certSealed, card_sn: snSealed, ...rest } = r;
  const rec = {
    ...rest,
    use_acct: r.use_acct === 1,
    local_split: JSON.parse(r.local_split),
    center_split: r.center_split ? JSON.parse(r.center_split) : null,
    his: r.his ? JSON.parse(r.his) : null,
  } as SettlementRecord;
  // the credential is sealed at rest and read only by the sync worker when it sends: opened on first read
  lazy(rec, 'mdtrt_cert_no', () => openCredential(sealer, r.id, 'mdtrt_cert_no', certSealed)!);
  lazy(rec, 'card_sn', () => openCredential(sealer, r.id, 'card_sn', snSealed));
  // the largest field, read by people (the view), never by the sync worker: parsed when first read
  let explanation: ExplanationStep[] | null = null;
  Object.defineProperty(rec, 'explanation', {
    enumerable: true,
    get: () => (explanation ??= JSON.parse(explanationJson) as ExplanationStep[]),
    set: (v: ExplanationStep[]) => {
      explanation = v;
    },
  });
  return rec;
}

/** a record field computed on first read (and settable, like a plain field) */
function lazy<K extends keyof SettlementRecord>(rec: SettlementRecord, key: K, make: () => SettlementRecord[K]): void {
  let value: SettlementRecord[K] | undefined;
  let made = false;
  Object.defineProperty(rec, key, {
    enumerable: true,
    get: () => {
      if (!made) {
        value = make();
        made = true;
      }
      return value as SettlementRecord[K];
    },
    set: (v: SettlementRecord[K]) => {
      value = v;
      made = true;
    },
  });
}

const isFen = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/** the lines exactly as stored: these fields, in this order; a price or amount that is not whole fen is refused */
function itemsJson(items: SettlementItem[]): string {
  return JSON.stringify(
    items.map((it) => {
      if (!isFen(it.pric) || !isFen(it.amount)) throw new Error(`settlement line ${it.line_no}: price and amount must be whole, non-negative fen`);
      return {
        line_no: it.line_no,
        code: it.code,
        name: it.name,
        chrgitm_lv: it.chrgitm_lv,
        pric: it.pric,
        cnt: it.cnt,
        amount: it.amount,
        selfpay_prop: it.selfpay_prop,
        pric_uplmt_amt: it.pric_uplmt_amt ?? null,
        // catalog and HIS (migration 9): only where they say something
        ...(it.medins_list_codg && it.medins_list_codg !== it.code ? { medins_list_codg: it.medins_list_codg } : {}),
        ...(it.unmapped ? { unmapped: it.unmapped } : {}),
      };
    }),
  );
}

/**
 * A confirmed settlement's rows with every value serialized, msgids and times assigned: made before
 * the write transaction, so the transaction (and the write lock) holds only the database work.
 */
export interface PreparedConfirm {
  record: SettlementRecord;
  /** insertSettlement's values; last_outbox_id (SETTLEMENT_LAST_OUTBOX) is filled in the transaction */
  settlement: unknown[];
  messages: Array<{ step: number; infno: string; msgid: string; payload: string }>;
  at: string;
  audit: AuditRow;
}
const SETTLEMENT_LAST_OUTBOX = 27;

export function createSettlementRepo(db: Db, deps: { nowIso: () => string; msgids: MsgidAllocator; audit: Pick<AuditRepo, 'append' | 'row' | 'insert'>; sealer: Sealer }) {
  const fromRow = (r: Row) => fromStoredRow(r, deps.sealer);
  const insertSettlement = db.prepare(`INSERT INTO settlements (
      id, kind, med_type, status, business_date, created_at, updated_at, terminal_id, cashier_no,
      psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, mdtrt_cert_type, mdtrt_cert_no, card_sn,
      use_acct, mulaid_psn_no, mulaid_name_masked, local_split, center_split, explanation, policy_version, his,
      medfee_sumamt, items, last_outbox_id, mdtrt_id, setl_id, last_error, amt_medfee, amt_fund, amt_acct, amt_mulaid, amt_cash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertOutbox = db.prepare(`INSERT INTO outbox (id, settlement_id, after_id, step, infno, msgid, payload, status, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`);
  // outbox ids are handed out here (rows are never deleted, so MAX(id) + 1 is what SQLite would choose),
  // so the settlement row can name its last message when it is written: no second write of the row
  const lastOutboxId = db.prepare('SELECT MAX(id) FROM outbox').pluck();
  const byId = db.prepare('SELECT * FROM settlements WHERE id = ?');
  const exists = db.prepare('SELECT 1 FROM settlements WHERE id = ?').pluck();
  const itemsOf = db.prepare('SELECT items FROM settlements WHERE id = ?').pluck();
  const statusOf = db.prepare('SELECT status FROM settlements WHERE id = ?').pluck();
  const unanswered = db.prepare(`SELECT * FROM settlements WHERE id IN (SELECT settlement_id FROM outbox WHERE status = 'pending')`);
  const lastOf = db.prepare('SELECT o.id, o.step FROM settlements s JOIN outbox o ON o.id = s.last_outbox_id WHERE s.id = ?');
  const setLast = db.prepare('UPDATE settlements SET last_outbox_id = ?, status = ?, last_error = NULL, updated_at = ? WHERE id = ?');
  const updateStmts = new Map<string, Database.Statement>();

  /** messages chained after `after` (null: the first of the settlement); returns the last id */
  function insertMessages(settlementId: string, after: number | null, firstStep: number, firstId: number, messages: Array<Omit<OutboxMessage, 'step'>>): number | null {
    const at = deps.nowIso();
    let id = firstId;
    let prev = after;
    messages.forEach((m, i) => {
      insertOutbox.run(id, settlementId, prev, firstStep + i, m.infno, deps.msgids.next(), JSON.stringify(m.payload), at);
      prev = id++;
    });
    return prev;
  }

  function prepareConfirmed(rec: SettlementRecord, items: SettlementItem[], messages: OutboxMessage[], audit: AuditEntry): PreparedConfirm {
    const at = deps.nowIso();
    const sealed = sealedCredential(deps.sealer, rec.id, { mdtrt_cert_no: rec.mdtrt_cert_no, card_sn: rec.card_sn });
    return {
      record: rec,
      settlement: [
        rec.id, rec.kind, rec.med_type, rec.status, rec.business_date, rec.created_at, rec.updated_at, rec.terminal_id, rec.cashier_no,
        rec.psn_no, rec.psn_name_masked, rec.certno_masked, rec.insutype, rec.insuplc_admdvs, rec.mdtrt_cert_type, sealed.mdtrt_cert_no, sealed.card_sn,
        rec.use_acct ? 1 : 0, rec.mulaid_psn_no, rec.mulaid_name_masked, JSON.stringify(rec.local_split),
        rec.center_split ? JSON.stringify(rec.center_split) : null, JSON.stringify(rec.explanation), rec.policy_version,
        rec.his ? JSON.stringify(rec.his) : null, rec.medfee_sumamt, itemsJson(items),
        null, rec.mdtrt_id, rec.setl_id, rec.last_error,
        ...amountsOf(rec.center_split ?? rec.local_split),
      ],
      // msgids are taken now: one that goes unused (the settlement already existed) is simply never sent
      messages: messages.map((m) => ({ step: m.step, infno: m.infno, msgid: deps.msgids.next(), payload: JSON.stringify(m.payload) })),
      at,
      audit: deps.audit.row(audit),
    };
  }

  const commitTx = db.transaction((p: PreparedConfirm, within?: (record: SettlementRecord) => void) => {
    // a double press or a renderer retry: the settlement that request made, nothing doubled
    if (exists.get(p.record.id) !== undefined) return { record: fromRow(byId.get(p.record.id) as Row), created: false };
    const firstId = ((lastOutboxId.get() as number | null) ?? 0) + 1;
    p.settlement[SETTLEMENT_LAST_OUTBOX] = p.messages.length > 0 ? firstId + p.messages.length - 1 : null;
    insertSettlement.run(...p.settlement);
    let prev: number | null = null;
    p.messages.forEach((m, i) => {
      insertOutbox.run(firstId + i, p.record.id, prev, m.step, m.infno, m.msgid, m.payload, p.at);
      prev = firstId + i;
    });
    deps.audit.insert(p.audit);
    within?.(p.record);
    return { record: p.record, created: true };
  });

  const enqueueTx = db.transaction((id: string, messages: Omit<OutboxMessage, 'step'>[], status: SettlementStatus, audit: AuditEntry) => {
    const last = lastOf.get(id) as { id: number; step: number } | undefined;
    const firstId = ((lastOutboxId.get() as number | null) ?? 0) + 1;
    const newLast = insertMessages(id, last?.id ?? null, (last?.step ?? 0) + 1, firstId, messages);
    setLast.run(newLast ?? last?.id ?? null, status, deps.nowIso(), id);
    deps.audit.append(audit);
    return fromRow(byId.get(id) as Row);
  });

  const repo = {
    /**
     * The durable commit of a confirmed settlement: settlement (with its lines) + outbox + audit in ONE
     * transaction, before any network call. Returns the existing settlement when its id (the request id)
     * was already committed (a double press, or a renderer retry), so nothing is doubled.
     */
    commitConfirmed(rec: SettlementRecord, items: SettlementItem[], messages: OutboxMessage[], audit: AuditEntry): { record: SettlementRecord; created: boolean } {
      return commitTx.immediate(prepareConfirmed(rec, items, messages, audit));
    },

    /** commitConfirmed in its two halves: the values made ready (no database work), then the transaction */
    prepareConfirmed,
    /** `within` runs inside the commit's transaction, only when the settlement is new (offline mark, followers' rows) */
    commitPrepared(p: PreparedConfirm, within?: (record: SettlementRecord) => void): { record: SettlementRecord; created: boolean } {
      return commitTx.immediate(p, within);
    },

    /** Queue more messages for an existing settlement (a reversal) with its status change and audit, atomically. */
    enqueue(id: string, messages: Omit<OutboxMessage, 'step'>[], status: SettlementStatus, audit: AuditEntry): SettlementRecord {
      return enqueueTx.immediate(id, messages, status, audit);
    },

    /** does a settlement with this id exist (a primary-key probe, no row read) */
    exists(id: string): boolean {
      return exists.get(id) !== undefined;
    },

    /** the status as stored now (inside a transaction: as this transaction sees it) */
    statusOf(id: string): SettlementStatus | null {
      return (statusOf.get(id) as SettlementStatus | undefined) ?? null;
    },

    get(id: string): SettlementRecord | null {
      const r = byId.get(id) as Row | undefined;
      return r ? fromRow(r) : null;
    },

    items(id: string): Array<SettlementItem & { name: string }> {
      const json = itemsOf.get(id) as string | undefined;
      return json ? (JSON.parse(json) as Array<SettlementItem & { name: string }>) : [];
    },

    /** settlements with a message still to send: what the center has not applied yet (the balances shown add it) */
    unansweredAtCenter(): SettlementRecord[] {
      return (unanswered.all() as Row[]).map(fromRow);
    },

    listByDate(date: string): SettlementRecord[] {
      return (db.prepare('SELECT * FROM settlements WHERE business_date = ? ORDER BY created_at DESC, id DESC').all(date) as Row[]).map(fromRow);
    },

    /** Apply what the center answered; in the caller's transaction. */
    update(id: string, fields: Partial<Pick<SettlementRecord, 'status' | 'center_split' | 'mdtrt_id' | 'setl_id' | 'last_error'>>): void {
      const entries = Object.entries(fields).filter(([k, v]) => UPDATABLE.has(k) && v !== undefined);
      const withSplit = fields.center_split !== undefined;
      const key = entries.map(([k]) => k).join(',');
      let stmt = updateStmts.get(key);
      if (!stmt) {
        // one prepared statement per set of columns: the worker's updates come in a handful of shapes.
        // A new center split brings its amounts (back to the local preview's when it is cleared).
        const amounts = withSplit ? AMOUNT_COLUMNS.map(([col, field]) => `${col} = COALESCE(?, json_extract(local_split, '$.${field}'))`) : [];
        stmt = db.prepare(`UPDATE settlements SET ${[...entries.map(([k]) => `${k} = ?`), ...amounts, 'updated_at = ?'].join(', ')} WHERE id = ?`);
        updateStmts.set(key, stmt);
      }
      const values = entries.map(([k, v]) => (k === 'center_split' ? (v ? JSON.stringify(v) : null) : v));
      const amounts = withSplit ? (fields.center_split ? amountsOf(fields.center_split) : AMOUNT_COLUMNS.map(() => null)) : [];
      stmt.run(...values, ...amounts, deps.nowIso(), id);
    },

    /** the renderer's view; the lines are read from the row unless the caller has them (a confirm just made them) */
    toView(rec: SettlementRecord, items?: SettlementItem[]): SettlementView {
      return {
        id: rec.id,
        kind: rec.kind,
        med_type: rec.med_type,
        status: rec.status,
        created_at: rec.created_at,
        cashier_no: rec.cashier_no,
        psn_no: rec.psn_no,
        psn_name_masked: rec.psn_name_masked,
        certno_masked: rec.certno_masked,
        insutype: rec.insutype,
        mulaid_psn_no: rec.mulaid_psn_no,
        mulaid_name_masked: rec.mulaid_name_masked,
        local: rec.local_split,
        center: rec.center_split,
        setl_id: rec.setl_id,
        mdtrt_id: rec.mdtrt_id,
        last_error: rec.last_error,
        lines: (items ?? repo.items(rec.id)).map((i) => ({
          line_no: i.line_no,
          code: i.code,
          name: i.name,
          chrgitm_lv: i.chrgitm_lv,
          pric: i.pric,
          cnt: i.cnt,
          amount: i.amount,
        })),
        explanation: rec.explanation,
        policy_version: rec.policy_version,
      };
    },
  };
  return repo;
}
export type SettlementRepo = ReturnType<typeof createSettlementRepo>;
export type { SplitLineResult };
