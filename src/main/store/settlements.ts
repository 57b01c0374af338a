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
import type { AuditEntry } from './audit.js';
import type { MsgidAllocator } from './msgid.js';

/** A settlement as stored (main side only: it holds the credential number needed to send it). */
export interface SettlementRecord {
  id: string;
  request_id: string;
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
};

function fromRow(r: Row): SettlementRecord {
  return {
    ...r,
    use_acct: r.use_acct === 1,
    local_split: JSON.parse(r.local_split),
    center_split: r.center_split ? JSON.parse(r.center_split) : null,
    explanation: JSON.parse(r.explanation),
    his: r.his ? JSON.parse(r.his) : null,
  };
}

export function createSettlementRepo(db: Db, deps: { nowIso: () => string; msgids: MsgidAllocator; audit: (e: AuditEntry) => void }) {
  const insertSettlement = db.prepare(`INSERT INTO settlements (
      id, request_id, kind, med_type, status, business_date, created_at, updated_at, terminal_id, cashier_no,
      psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, mdtrt_cert_type, mdtrt_cert_no, card_sn,
      use_acct, mulaid_psn_no, mulaid_name_masked, local_split, center_split, explanation, policy_version, his,
      medfee_sumamt, mdtrt_id, setl_id, last_error)
    VALUES (@id, @request_id, @kind, @med_type, @status, @business_date, @created_at, @updated_at, @terminal_id, @cashier_no,
      @psn_no, @psn_name_masked, @certno_masked, @insutype, @insuplc_admdvs, @mdtrt_cert_type, @mdtrt_cert_no, @card_sn,
      @use_acct, @mulaid_psn_no, @mulaid_name_masked, @local_split, @center_split, @explanation, @policy_version, @his,
      @medfee_sumamt, @mdtrt_id, @setl_id, @last_error)`);
  const insertItem = db.prepare(`INSERT INTO settlement_items
      (settlement_id, line_no, code, name, chrgitm_lv, pric, cnt, amount, selfpay_prop, pric_uplmt_amt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertOutbox = db.prepare(`INSERT INTO outbox (settlement_id, step, infno, msgid, payload, status, created_at)
      VALUES (?, ?, ?, ?, ?, 'pending', ?)`);
  const byId = db.prepare('SELECT * FROM settlements WHERE id = ?');
  const byRequest = db.prepare('SELECT * FROM settlements WHERE request_id = ?');
  const itemsOf = db.prepare('SELECT * FROM settlement_items WHERE settlement_id = ? ORDER BY line_no');
  const nextStep = db.prepare('SELECT COALESCE(MAX(step), 0) + 1 AS step FROM outbox WHERE settlement_id = ?');
  const updateStmts = new Map<string, Database.Statement>();

  const repo = {
    /**
     * The durable commit of a confirmed settlement: settlement + items + outbox + audit in ONE transaction,
     * before any network call. Returns the existing settlement when the request id was already committed
     * (a double press, or a renderer retry), so nothing is doubled.
     */
    commitConfirmed(rec: SettlementRecord, items: SettlementItem[], messages: OutboxMessage[], audit: AuditEntry): { record: SettlementRecord; created: boolean } {
      return db.transaction(() => {
        const existing = byRequest.get(rec.request_id) as Row | undefined;
        if (existing) return { record: fromRow(existing), created: false };
        insertSettlement.run({
          ...rec,
          use_acct: rec.use_acct ? 1 : 0,
          local_split: JSON.stringify(rec.local_split),
          center_split: rec.center_split ? JSON.stringify(rec.center_split) : null,
          explanation: JSON.stringify(rec.explanation),
          his: rec.his ? JSON.stringify(rec.his) : null,
        });
        for (const it of items) {
          insertItem.run(rec.id, it.line_no, it.code, it.name, it.chrgitm_lv, it.pric, it.cnt, it.amount, it.selfpay_prop, it.pric_uplmt_amt);
        }
        for (const m of messages) insertOutbox.run(rec.id, m.step, m.infno, deps.msgids.next(), JSON.stringify(m.payload), deps.nowIso());
        deps.audit(audit);
        return { record: rec, created: true };
      }).immediate();
    },

    /** Queue more messages for an existing settlement (a reversal) with its status change and audit, atomically. */
    enqueue(id: string, messages: Omit<OutboxMessage, 'step'>[], status: SettlementStatus, audit: AuditEntry): SettlementRecord {
      return db.transaction(() => {
        let { step } = nextStep.get(id) as { step: number };
        for (const m of messages) insertOutbox.run(id, step++, m.infno, deps.msgids.next(), JSON.stringify(m.payload), deps.nowIso());
        db.prepare('UPDATE settlements SET status = ?, last_error = NULL, updated_at = ? WHERE id = ?').run(status, deps.nowIso(), id);
        deps.audit(audit);
        return fromRow(byId.get(id) as Row);
      }).immediate();
    },

    findByRequest(requestId: string): SettlementRecord | null {
      const r = byRequest.get(requestId) as Row | undefined;
      return r ? fromRow(r) : null;
    },

    get(id: string): SettlementRecord | null {
      const r = byId.get(id) as Row | undefined;
      return r ? fromRow(r) : null;
    },

    items(id: string): Array<SettlementItem & { name: string }> {
      return (itemsOf.all(id) as Array<Record<string, unknown>>).map((r) => ({
        line_no: r.line_no as number,
        code: r.code as string,
        name: r.name as string,
        chrgitm_lv: r.chrgitm_lv as SplitLine['chrgitm_lv'],
        pric: r.pric as number,
        cnt: r.cnt as string,
        amount: r.amount as number,
        selfpay_prop: r.selfpay_prop as number,
        pric_uplmt_amt: (r.pric_uplmt_amt as number | null) ?? null,
      }));
    },

    listByDate(date: string): SettlementRecord[] {
      return (db.prepare('SELECT * FROM settlements WHERE business_date = ? ORDER BY created_at DESC, id DESC').all(date) as Row[]).map(fromRow);
    },

    /** Apply what the center answered; in the caller's transaction. */
    update(id: string, fields: Partial<Pick<SettlementRecord, 'status' | 'center_split' | 'mdtrt_id' | 'setl_id' | 'last_error'>>): void {
      const entries = Object.entries(fields).filter(([k, v]) => UPDATABLE.has(k) && v !== undefined);
      const key = entries.map(([k]) => k).join(',');
      let stmt = updateStmts.get(key);
      if (!stmt) {
        // one prepared statement per set of columns: the worker's updates come in a handful of shapes
        stmt = db.prepare(`UPDATE settlements SET ${[...entries.map(([k]) => `${k} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`);
        updateStmts.set(key, stmt);
      }
      const values = entries.map(([k, v]) => (k === 'center_split' ? (v ? JSON.stringify(v) : null) : v));
      stmt.run(...values, deps.nowIso(), id);
    },

    toView(rec: SettlementRecord): SettlementView {
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
        lines: repo.items(rec.id).map((i) => ({
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
