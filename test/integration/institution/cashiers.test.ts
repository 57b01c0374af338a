/**
 * Institution cashiers on a real PostgreSQL: administered once at any window (PostgreSQL through
 * pos.cashier_change), pulled into every window's SQLite, logged in from that cache also while
 * PostgreSQL is down; a cached row edited in SQLite is refused and named; a non-administrator cannot
 * change cashiers (neither through the router nor straight at the server); the last administrator stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cashierCommand } from '../../../src/main/cli/cashier.js';
import { openPool } from '../../../src/main/institution/pg/connect.js';
import { changeInstitutionCashier, fetchInstitutionCashiers } from '../../../src/main/institution/pg/cashiers-sql.js';
import { hashPin } from '../../../src/main/store/pin-hash.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';

const H = 'P53060200001'; // the terminal's default fixmedins_code
const tmp = tempDir('pos-inst-cashiers-');
let inst: InstitutionPg;
/** each window its own msgid slot, as an installer gives them */
let slots = 1;
let A: AppUnderTest;
let B: AppUnderTest;
let wbConf: Awaited<ReturnType<InstitutionPg['addWindow']>>;

async function window(id: string, conf: Awaited<ReturnType<InstitutionPg['addWindow']>>) {
  return startApp(
    { seedDemoCashiers: false, terminal: { id, msgidSlot: slots++ }, institution: { database: asConfig(conf), replication: { heartbeatMs: 150 } } },
    { cashiers: 'none' },
  );
}

/** poll until fn holds (the window pulls every 150 ms) */
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const login = (x: AppUnderTest, cashierNo: string, pin: string) => x.call('session.login', { cashierNo, pin });

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
  // the owner's connection dies with the crash below (this file does not use it afterwards)
  inst.admin.on('error', () => undefined);
  const wa = await inst.addWindow('WA', H, 'outpatient');
  wbConf = await inst.addWindow('WB', H, 'pharmacy');
  A = await window('WA', wa);
  B = await window('WB', wbConf);
}, 90_000);
afterAll(async () => {
  await A?.close();
  await B?.close();
  await inst?.close();
  tmp.cleanup();
});

describe('cashiers at many windows', () => {
  it('an administrator at window A adds a cashier and resets his PIN; window B pulls and he logs in there', async () => {
    expect((await A.call('session.get')).data.firstAdminNeeded).toBe(true);
    const first = await A.call('setup.firstAdmin', { cashierNo: '9901', name: '钱管理', pin: '2468' });
    expect(first.ok, JSON.stringify(first.error)).toBe(true);
    const added = await A.call('cashier.add', { cashierNo: '1001', name: '李收费', role: 'cashier', pin: '1357' });
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
    expect((await A.call('cashier.resetPin', { cashierNo: '1001', pin: '8642' })).ok).toBe(true);

    // PostgreSQL holds them with the same hash format, a growing revision, who and where
    const rows = (await inst.admin.query('SELECT no, role, pin_hash, revision, changed_by, changed_at_terminal FROM pos.cashiers WHERE fixmedins_code = $1 ORDER BY no', [H])).rows;
    expect(rows.map((r) => [r.no, r.role, r.changed_by, r.changed_at_terminal])).toEqual([
      ['1001', 'cashier', '9901', 'WA'],
      ['9901', 'administrator', '9901', 'WA'],
    ]);
    expect(rows[0].pin_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(Number(rows[0].revision)).toBeGreaterThan(Number(rows[1].revision));
    const audit = (await inst.admin.query('SELECT terminal_id, actor, action, cashier_no FROM pos.cashier_audit ORDER BY id')).rows;
    expect(audit.map((r) => `${r.terminal_id} ${r.actor} ${r.action} ${r.cashier_no}`)).toEqual(['WA 9901 first_admin 9901', 'WA 9901 add 1001', 'WA 9901 reset_pin 1001']);
    await expect(inst.admin.query('DELETE FROM pos.cashier_audit')).rejects.toThrow(/append-only/);

    const atB = await until('1001 logs in at B', async () => {
      const r = await login(B, '1001', '8642');
      return r.ok ? r : null;
    });
    expect(atB.data.cashier).toMatchObject({ no: '1001', role: 'cashier' });
    await B.call('session.logout');
    expect((await login(B, '1001', '1357')).error.code).toBe('AUTH'); // the PIN before the reset
  });

  it('a non-administrator cannot change cashiers: the router refuses and so does PostgreSQL', async () => {
    expect((await login(B, '1001', '8642')).ok).toBe(true);
    const r = await B.call('cashier.add', { cashierNo: '1002', name: '王药师', role: 'cashier', pin: '2580' });
    expect(r.error.code).toBe('AUTH');
    await B.call('session.logout');
    // a window's role straight at the server: no table rights, and the function checks the actor
    const pool = openPool(asConfig(wbConf));
    try {
      await expect(pool.query("UPDATE pos.cashiers SET role = 'administrator' WHERE no = '1001'")).rejects.toThrow(/permission denied/);
      await expect(changeInstitutionCashier(pool, { actor: '1001', action: 'set_role', no: '1001', role: 'administrator' })).rejects.toMatchObject({ code: 'PSN01' });
      await expect(changeInstitutionCashier(pool, { actor: '1001', action: 'add', no: '1003', name: 'x', role: 'administrator', pinHash: hashPin('7531'), createdAt: 'x' })).rejects.toMatchObject({ code: 'PSN01' });
      // a window reads its own institution's cashiers only
      expect((await fetchInstitutionCashiers(pool)).map((c) => c.no)).toEqual(['1001', '9901']);
    } finally {
      await pool.end();
    }
    expect((await inst.admin.query("SELECT role FROM pos.cashiers WHERE no = '1001'")).rows[0].role).toBe('cashier');
  });

  it('the last administrator can be neither demoted nor disabled', async () => {
    // A is still signed in as 9901, the only administrator
    const demote = await A.call('cashier.setRole', { cashierNo: '9901', role: 'supervisor' });
    expect(demote.error.code).toBe('CONFLICT');
    expect(demote.error.message).toMatch(/last administrator/);
    const pool = openPool(asConfig(wbConf));
    try {
      await expect(changeInstitutionCashier(pool, { actor: '9901', action: 'set_active', no: '9901', active: false })).rejects.toMatchObject({ code: 'PSN02' });
    } finally {
      await pool.end();
    }
    // with a second administrator the first may step down
    expect((await A.call('cashier.add', { cashierNo: '9902', name: '孙管理', role: 'administrator', pin: '3579' })).ok).toBe(true);
    expect((await A.call('cashier.setRole', { cashierNo: '9902', role: 'supervisor' })).ok).toBe(true);
    expect((await inst.admin.query("SELECT count(*)::int AS n FROM pos.cashiers WHERE role = 'administrator' AND active")).rows[0].n).toBe(1);
  });

  it("an institution without cashiers leaves a window's own; its administrator's first change makes him the institution's first administrator", async () => {
    const OTHER = 'H53060299999';
    const conf = await inst.addWindow('WC', OTHER, 'another hospital');
    // the embedded default with its demo cashiers, now given an institution database that has none
    const C = await startApp({ terminal: { id: 'WC', fixmedins_code: OTHER, msgidSlot: 90 }, institution: { database: asConfig(conf), replication: { heartbeatMs: 150 } } });
    try {
      await new Promise((r) => setTimeout(r, 400)); // a few pulls
      expect(C.app.store.cashiers.list().map((c) => c.no)).toEqual(['1001', '1002', '9001', '9901']);
      expect((await login(C, '9901', '2468')).ok).toBe(true);
      const r = await C.call('cashier.add', { cashierNo: '1005', name: '吴收费', role: 'cashier', pin: '1593' });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      const rows = (await inst.admin.query('SELECT no, role, changed_at_terminal FROM pos.cashiers WHERE fixmedins_code = $1 ORDER BY no', [OTHER])).rows;
      expect(rows.map((x) => `${x.no} ${x.role} ${x.changed_at_terminal}`)).toEqual(['1005 cashier WC', '9901 administrator WC']);
      // from now on the institution is the one owner: the window holds what it holds
      expect(C.app.store.cashiers.list().map((c) => c.no)).toEqual(['1005', '9901']);
      // and the first institution's cashiers are not this one's
      expect(rows.some((x) => x.no === '1001')).toBe(false);
    } finally {
      await C.close();
    }
  });

  it('`pos cashier add` at a window with an institution database is refused: the cashiers are the institution\'s', async () => {
    const file = path.join(tmp.dir, 'wb.json');
    fs.writeFileSync(file, JSON.stringify({ center: { url: 'embedded' }, dataDir: B.dir, terminal: { id: 'WB', msgidSlot: 2 }, institution: { database: asConfig(wbConf) } }));
    const err: string[] = [];
    const io = { stdout: { write: () => true }, stderr: { write: (x: string) => err.push(x) } };
    expect(await cashierCommand(['add', '--no', '1006', '--name', '郑收费', '--role', 'cashier', '--config', file], io)).toBe(1);
    expect(err.join('')).toMatch(/institution database/);
    expect(B.app.store.cashiers.row('1006')).toBeNull();
  });

  it('PostgreSQL crashed: the cashier still logs in at B from the cache; changes are refused plainly; a row edited in SQLite is refused and named', async () => {
    await until('B has 9902', async () => B.app.store.cashiers.row('9902'));
    inst.cluster.crash();
    try {
      const r = await login(B, '1001', '8642');
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      await B.call('session.logout');
      const refused = await A.call('cashier.add', { cashierNo: '1004', name: '周收费', role: 'cashier', pin: '1470' });
      expect(refused.error.code).toBe('CONFLICT');
      expect((refused.error as { key?: string }).key).toBe('institution.cashiersUnreachable');

      // someone with the file gives 1001 the administrator's role in B's SQLite
      B.app.store.db.prepare("UPDATE cashiers SET role = 'administrator' WHERE no = '1001'").run();
      const t = await login(B, '1001', '8642');
      expect(t.error.code).toBe('AUTH');
      expect(t.error.message).toMatch(/integrity/);
      expect(B.app.store.audit.list().some((e) => e.action === 'cashier.integrity_failed' && e.subject === '1001')).toBe(true);
      expect(B.app.store.cashiers.tampered()).toEqual(['1001']);
    } finally {
      inst.cluster.start();
    }
    // back: the next pull restores the row from the institution
    await until('1001 restored at B', async () => B.app.store.cashiers.row('1001')?.intact && B.app.store.cashiers.row('1001')?.role === 'cashier');
    expect((await login(B, '1001', '8642')).ok).toBe(true);
    await B.call('session.logout');
  }, 60_000);

  it('a cashier changes his own PIN at B; A pulls it', async () => {
    expect((await login(B, '1001', '8642')).ok).toBe(true);
    const r = await B.call('session.changePin', { oldPin: '8642', newPin: '9753' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    await B.call('session.logout');
    await A.call('session.logout');
    await until('new PIN at A', async () => (await login(A, '1001', '9753')).ok);
  });

});
