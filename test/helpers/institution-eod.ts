/**
 * A small generator of institution rows for end-of-day tests and benches: settlements written straight
 * into pos.settlements (one unnest insert per batch) and window heartbeats into pos.window_status, as
 * the replication would leave them. Amounts in fen, the split adding up.
 */
import crypto from 'node:crypto';
import type pg from 'pg';

export interface GenSettlement {
  id?: string;
  terminal_id: string;
  fixmedins_code: string;
  repl_seq?: number;
  kind?: 'pharmacy' | 'outpatient';
  status?: 'queued' | 'settled' | 'refused' | 'reversing' | 'reversed';
  business_date: string;
  /** ISO */
  created_at?: string;
  cashier_no: string;
  psn_no: string;
  psn_name_masked?: string;
  insutype: string;
  mdtrt_id?: string | null;
  setl_id?: string | null;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay?: number;
  psn_cash_pay: number;
  rv_setl_id?: string | null;
  rv_time?: string | null;
  rv_business_date?: string | null;
}

let seq = 0;

export async function insertSettlements(c: Pick<pg.ClientBase, 'query'>, rows: readonly GenSettlement[]): Promise<string[]> {
  const full = rows.map((r) => {
    const kind = r.kind ?? 'pharmacy';
    return {
      id: r.id ?? crypto.randomUUID(),
      terminal_id: r.terminal_id,
      code: r.fixmedins_code,
      repl_seq: r.repl_seq ?? ++seq,
      kind,
      med_type: kind === 'pharmacy' ? '41' : '11',
      status: r.status ?? 'settled',
      bd: r.business_date,
      at: r.created_at ?? `${r.business_date}T02:00:00.000Z`,
      cashier: r.cashier_no,
      psn_no: r.psn_no,
      name: r.psn_name_masked ?? '张*',
      insutype: r.insutype,
      clr: kind === 'pharmacy' ? '41' : '11',
      mdtrt_id: r.mdtrt_id ?? null,
      setl_id: r.setl_id ?? null,
      medfee: r.medfee_sumamt,
      fund: r.fund_pay_sumamt,
      acct: r.acct_pay,
      mulaid: r.acct_mulaid_pay ?? 0,
      cash: r.psn_cash_pay,
      rv_setl_id: r.rv_setl_id ?? null,
      rv_time: r.rv_time ?? null,
      rv_bd: r.rv_business_date ?? null,
    };
  });
  const col = (k: keyof (typeof full)[number]) => full.map((r) => r[k]);
  await c.query(
    `INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no, psn_no,
       psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, mdtrt_id, setl_id, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
       psn_cash_pay, counted_from, rv_setl_id, rv_time, rv_business_date, detail)
     SELECT id, terminal_id, code, repl_seq, kind, med_type, status, bd, at, at, cashier, psn_no, name, '530602********1234', insutype, '530600', clr, mdtrt_id, setl_id,
       acct > 0, medfee, fund, acct, mulaid, cash, CASE WHEN setl_id IS NULL THEN 'local' ELSE 'center' END, rv_setl_id, rv_time, rv_bd, '{}'::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::date[], $9::timestamptz[], $10::text[], $11::text[], $12::text[],
       $13::text[], $14::text[], $15::text[], $16::text[], $17::int8[], $18::int8[], $19::int8[], $20::int8[], $21::int8[], $22::text[], $23::timestamptz[], $24::date[])
       AS t(id, terminal_id, code, repl_seq, kind, med_type, status, bd, at, cashier, psn_no, name, insutype, clr, mdtrt_id, setl_id, medfee, fund, acct, mulaid, cash,
            rv_setl_id, rv_time, rv_bd)`,
    (['id', 'terminal_id', 'code', 'repl_seq', 'kind', 'med_type', 'status', 'bd', 'at', 'cashier', 'psn_no', 'name', 'insutype', 'clr', 'mdtrt_id', 'setl_id', 'medfee', 'fund', 'acct', 'mulaid', 'cash', 'rv_setl_id', 'rv_time', 'rv_bd'] as const).map(col),
  );
  return full.map((r) => r.id);
}

/** what a window's heartbeat leaves in pos.window_status (heard_at: the server's now unless given) */
export async function putWindowStatus(
  c: Pick<pg.ClientBase, 'query'>,
  terminalId: string,
  s: { backlog?: number; oldest_unsent_date?: string | null; heard_at?: string | null } = {},
): Promise<void> {
  await c.query(
    `INSERT INTO pos.window_status (terminal_id, heard_at, acked_seq, local_seq, backlog, oldest_unsent_date) VALUES ($1, coalesce($2::timestamptz, now()), 0, $3::int, $3::int, $4::date)
     ON CONFLICT (terminal_id) DO UPDATE SET heard_at = EXCLUDED.heard_at, local_seq = EXCLUDED.local_seq, backlog = EXCLUDED.backlog, oldest_unsent_date = EXCLUDED.oldest_unsent_date`,
    [terminalId, s.heard_at ?? null, s.backlog ?? 0, s.oldest_unsent_date ?? null],
  );
}
