/**
 * The institution schema on a real PostgreSQL: migrations apply once, a window's role writes its own
 * rows and is refused another window's (row-level security), the finance role reads all and writes
 * nothing, and the connection config refuses a password in the URL or clear text over the network.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstitutionConfig } from '../../../src/main/institution/config.js';
import { openPool } from '../../../src/main/institution/pg/connect.js';
import { migrateInstitution, schemaVersion } from '../../../src/main/institution/pg/migrate.js';
import { pgMigrations } from '../../../src/main/institution/pg/schema.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';

const tmp = tempDir('pos-inst-schema-');
let inst: InstitutionPg;
const H = 'H53060200001';

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
}, 60_000);
afterAll(async () => {
  await inst?.close();
  tmp.cleanup();
});

function row(id: string, terminal: string, extra: Record<string, unknown> = {}) {
  return { id, terminal_id: terminal, fixmedins_code: H, repl_seq: 1, medfee_sumamt: 10_000, fund_pay_sumamt: 6_000, acct_pay: 3_000, acct_mulaid_pay: 0, psn_cash_pay: 1_000, ...extra };
}
async function insert(c: pg.ClientBase | pg.Pool, r: ReturnType<typeof row>) {
  await c.query(
    `INSERT INTO pos.settlements (id, terminal_id, fixmedins_code, repl_seq, kind, med_type, status, business_date, created_at, updated_at, cashier_no,
       psn_no, psn_name_masked, certno_masked, insutype, insuplc_admdvs, clr_type, use_acct, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay,
       psn_cash_pay, counted_from, detail)
     VALUES ($1, $2, $3, $4, 'pharmacy', '41', 'settled', '2026-12-01', now(), now(), '1001', 'P1', '张*', '530602********0119', '310', '530602', '41', true,
       $5, $6, $7, $8, $9, 'center', '{}')`,
    [r.id, r.terminal_id, r.fixmedins_code, r.repl_seq, r.medfee_sumamt, r.fund_pay_sumamt, r.acct_pay, r.acct_mulaid_pay, r.psn_cash_pay],
  );
}

describe('institution schema', () => {
  it('migrates once; a second run applies nothing', async () => {
    expect(await schemaVersion(inst.admin)).toBe(Math.max(...pgMigrations.map((m) => m.version)));
    expect((await migrateInstitution(inst.admin)).applied).toEqual([]);
  });

  it("a window writes its own rows and is refused another window's; finance reads all and writes nothing", async () => {
    const w1 = openPool(InstitutionConfig.parse({ database: asConfig(await inst.addWindow('W01', H)) }).database!);
    const w2conf = await inst.addWindow('W02', H);
    const w2 = openPool(InstitutionConfig.parse({ database: { url: w2conf.url, passwordFile: w2conf.passwordFile, tls: { mode: 'disable' } } }).database!);
    const fin = openPool(InstitutionConfig.parse({ finance: asConfig(await inst.addFinance()) }).finance!);
    try {
      await insert(w1, row('s-w1', 'W01'));
      await insert(w2, row('s-w2', 'W02'));
      await expect(insert(w1, row('s-forged', 'W02'))).rejects.toThrow(/row-level security/);
      // another institution's code under its own window id is refused too
      await expect(insert(w1, row('s-other-inst', 'W01', { fixmedins_code: 'H53060299999' }))).rejects.toThrow(/row-level security/);
      // an update of another window's row finds nothing to update
      expect((await w1.query("UPDATE pos.settlements SET cashier_no = 'x' WHERE id = 's-w2'")).rowCount).toBe(0);
      expect((await w1.query('SELECT id FROM pos.settlements ORDER BY id')).rows.map((r) => r.id)).toEqual(['s-w1']);
      expect((await fin.query('SELECT id FROM pos.settlements ORDER BY id')).rows.map((r) => r.id)).toEqual(['s-w1', 's-w2']);
      await expect(fin.query("UPDATE pos.settlements SET cashier_no = 'x'")).rejects.toThrow(/permission denied/);
      // the amounts must add up and never go negative, whoever writes
      await expect(insert(w1, row('s-bad', 'W01', { psn_cash_pay: 999 }))).rejects.toThrow(/check constraint/);
      await expect(insert(w1, row('s-neg', 'W01', { fund_pay_sumamt: 12_000, psn_cash_pay: -1_000 }))).rejects.toThrow(/check constraint/);
    } finally {
      await Promise.all([w1.end(), w2.end(), fin.end()]);
    }
  });

  it('the connection config refuses a password in the URL, clear text to another machine, unknown keys', () => {
    expect(() => InstitutionConfig.parse({ database: { url: 'postgres://w:secret@db.hospital.local/inst' } })).toThrow(/passwordFile/);
    expect(() => InstitutionConfig.parse({ database: { url: 'postgres://w@db.hospital.local/inst', tls: { mode: 'disable' } } })).toThrow(/in the clear/);
    expect(() => InstitutionConfig.parse({ database: { url: 'postgres://w@db.hospital.local/inst', pasword: 'x' } })).toThrow();
    expect(InstitutionConfig.parse({ database: { url: 'postgres://w@db.hospital.local/inst' } }).database!.tls.mode).toBe('verify-full');
  });
});
