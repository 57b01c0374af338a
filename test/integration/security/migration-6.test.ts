/**
 * A terminal.db made before migration 6 (plain credential numbers, a plain person cache, cashiers
 * without MACs, an audit log without a chain) is sealed when it is opened: afterwards nothing personal
 * is readable, the chain and the cashier checks hold, logins and offline look-ups still work, and a
 * queued message still goes with the right credential.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { migrations } from '../../../src/main/store/migrations.js';
import { createStore } from '../../../src/main/store/index.js';
import { hashPin } from '../../../src/main/store/pin-hash.js';
import { bindLate } from '../../../src/main/services/settlement/messages.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('pos-mig6-');
afterEach(() => t.cleanup());

const CERTNO = '530602197803151234';
const person = {
  psn_no: 'P1', psn_name: '张伟', certno: CERTNO, gend: '1', age: 48, brdy: '1978-03-15', insutype: '310', psn_type: '11', psn_insu_stas: '1', insuplc_admdvs: '530600',
  hasAccount: true, balc: 100, cvlserv_flag: false, mulaid: [], filing: null, ytd: { year: 2026, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 },
};

function makeVersion3(file: string) {
  const db = new Database(file);
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0);');
  for (const m of migrations.filter((m) => m.version <= 3).sort((a, b) => a.version - b.version)) {
    db.exec(m.sql);
    db.prepare('UPDATE schema_version SET version = ?').run(m.version);
  }
  db.prepare("INSERT INTO cashiers (no, name, role, pin_hash, created_at) VALUES ('1001', '李收费', 'cashier', ?, '2026-01-01')").run(hashPin('4321'));
  for (let i = 0; i < 3; i++) db.prepare("INSERT INTO audit (at, actor, action) VALUES ('2026-01-01', '1001', ?)").run(`old.${i}`);
  const rec = sampleRecord({ mdtrt_cert_no: CERTNO, card_sn: 'SN123456' });
  const s = rec.local_split;
  db.prepare(`INSERT INTO settlements (id, kind, med_type, status, business_date, created_at, updated_at, terminal_id, cashier_no, psn_no,
      psn_name_masked, certno_masked, insutype, insuplc_admdvs, mdtrt_cert_type, mdtrt_cert_no, card_sn, use_acct, local_split, explanation,
      policy_version, medfee_sumamt, items, amt_medfee, amt_fund, amt_acct, amt_mulaid, amt_cash)
    VALUES (?, 'pharmacy', '41', 'queued', '2026-11-26', ?, ?, 'T01', '1001', 'P1', '张*', '530602********1234', '310', '530600', '02', ?, 'SN123456', 1, ?, '[]', 't', ?, ?, ?, ?, ?, ?, ?)`).run(
    rec.id, rec.created_at, rec.created_at, CERTNO, JSON.stringify(s), s.medfee_sumamt, JSON.stringify(sampleItems()), s.medfee_sumamt, s.fund_pay_sumamt, s.acct_pay, s.acct_mulaid_pay, s.psn_cash_pay,
  );
  db.prepare("INSERT INTO outbox (id, settlement_id, step, infno, msgid, payload, status, created_at) VALUES (1, ?, 1, '2101', 'M1', ?, 'pending', '2026-01-01')").run(
    rec.id,
    JSON.stringify({ data: { psn_no: 'P1', mdtrt_cert_type: '02', mdtrt_cert_no: CERTNO }, feedetail: '$feedetail' }),
  );
  db.prepare("INSERT INTO person_cache (psn_no, certno, card_no, data, fetched_at) VALUES ('P1', ?, 'D12345678', ?, ?)").run(CERTNO, JSON.stringify(person), new Date().toISOString());
  db.close();
  return rec.id;
}

it('seals what an earlier version kept in plain text, once, and everything still works', async () => {
  const file = path.join(t.dir, 'terminal.db');
  const id = makeVersion3(file);
  const store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14: () => '20261126101500' });
  try {
    const raw = (sql: string) => JSON.stringify(store.db.prepare(sql).all());
    for (const sql of ['SELECT * FROM settlements', 'SELECT * FROM person_cache', 'SELECT * FROM outbox']) {
      expect(raw(sql)).not.toContain(CERTNO);
      expect(raw(sql)).not.toContain('张伟');
    }
    expect(raw('SELECT card_sn FROM settlements')).not.toContain('SN123456');
    expect(store.db.prepare('SELECT version FROM schema_version').pluck().get()).toBeGreaterThanOrEqual(6);

    // the audit chain covers the old entries, and new ones continue it
    store.audit.append({ actor: '1001', action: 'new' });
    expect(await store.auditVerifier.verify()).toMatchObject({ ok: true, checked: 4 });
    // the cashier still logs in; the row has its MAC
    expect(store.cashiers.check('1001', '4321', Date.now()).kind).toBe('ok');
    expect(store.cashiers.tampered()).toEqual([]);
    // the person cache still finds him, by ID and card number
    expect(store.personCache.byCertno(CERTNO)?.person.psn_name).toBe('张伟');
    expect(store.personCache.byCardNo('D12345678')?.person.psn_no).toBe('P1');
    // the queued message goes with the credential, opened from the sealed settlement
    const rec = store.settlements.get(id)!;
    expect(rec.mdtrt_cert_no).toBe(CERTNO);
    expect(rec.card_sn).toBe('SN123456');
    const payload = store.outbox.pending(1)!.payload;
    expect((bindLate(payload, rec, () => sampleItems()) as { data: { mdtrt_cert_no: string } }).data.mdtrt_cert_no).toBe(CERTNO);
  } finally {
    store.close();
  }
});
