/**
 * A window's settlements replicated to a real PostgreSQL (one cluster for the file):
 *  (a) pharmacy, outpatient, co-pay with cash and a reversal: every row of pos.settlements equals the
 *      window's record to the fen, every change is in pos.settlement_changes, window_status acked;
 *      the same batch sent again (twice) changes no row (xmin) and adds no change;
 *  (c) a terminal configured with another window's role, or with a wrong password, is 'refused' with the
 *      reason and keeps settling;
 *  (d) no institution configured: nothing is queued and the status says nothing;
 *  (b) PostgreSQL crashed while the window keeps settling: the backlog grows, the status says down;
 *      restarted, the backlog drains, nothing lost or doubled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../../../src/main/institution/pg/connect.js';
import { writeBatch } from '../../../src/main/institution/pg/replication.js';
import { batchRows } from '../../../src/main/institution/replication/row.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { tempDir } from '../../helpers/tmp.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { until, waitStatus } from '../sync/helpers.js';
import { centerDone, expectRowsEqualLocal, FIXMEDINS, replicated, replicatingTerminal, settleOne } from './replication-helpers.js';

const tmp = tempDir('pos-inst-repl-');
let inst: InstitutionPg;
const open: AppUnderTest[] = [];

beforeAll(async () => {
  inst = await startInstitutionPg(tmp.dir);
}, 60_000);
afterAll(async () => {
  for (const t of open) await t.close().catch(() => undefined);
  await inst?.close();
  tmp.cleanup();
});

async function terminal(id: string) {
  const t = await replicatingTerminal(id, asConfig(await inst.addWindow(id, FIXMEDINS)));
  open.push(t);
  return t;
}

describe('replication to the institution database', () => {
  it('(a) every settlement and change arrives equal to the fen; a replayed batch changes nothing', async () => {
    const t = await terminal('W01');
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(await settleOne(t, i));
    await centerDone(t);
    await waitStatus(t, ids[0]!, 'settled');
    const rv = await t.reverse(ids[0]!, '患者退药');
    expect(rv.ok, rv.error?.message).toBe(true);
    await waitStatus(t, ids[0]!, 'reversed');
    await replicated(t);

    const n = await expectRowsEqualLocal(inst.admin, t, 'W01');
    expect(n).toBe(9);
    const rows = (await inst.admin.query("SELECT id, status, mulaid_name_masked, cash_received, rv_setl_id FROM pos.settlements WHERE terminal_id = 'W01'")).rows;
    expect(rows.filter((r) => r.status === 'reversed').map((r) => r.id)).toEqual([ids[0]]);
    expect(rows.some((r) => r.mulaid_name_masked)).toBe(true);
    expect(rows.some((r) => r.cash_received !== null)).toBe(true);
    // every change in its order: confirmed, answers and the reversal, seqs 1..n with none missing
    const counts = t.app.store.replication.counts();
    const changes = (await inst.admin.query("SELECT seq, kind, settlement_id FROM pos.settlement_changes WHERE terminal_id = 'W01' ORDER BY seq")).rows;
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: counts.local_seq }, (_, i) => i + 1));
    expect(changes.filter((c) => c.kind === 'confirmed')).toHaveLength(9);
    expect(changes.filter((c) => c.kind === 'reversal_requested').map((c) => c.settlement_id)).toEqual([ids[0]]);
    const status = (await inst.admin.query("SELECT acked_seq, local_seq, backlog, oldest_unsent_date FROM pos.window_status WHERE terminal_id = 'W01'")).rows[0];
    expect(status).toEqual({ acked_seq: counts.local_seq, local_seq: counts.local_seq, backlog: 0, oldest_unsent_date: null });
    expect(t.app.store.replication.ackedSeq()).toBe(counts.local_seq);

    // the whole history sent again, twice, as a crash between PostgreSQL's commit and the ack would
    const xmin = async () => (await inst.admin.query("SELECT id, xmin::text AS x FROM pos.settlements WHERE terminal_id = 'W01' ORDER BY id")).rows;
    const before = await xmin();
    const pool = openPool(asConfig(await inst.addWindow('W01', FIXMEDINS)), { max: 1 });
    const client = await pool.connect();
    try {
      const batch = t.app.store.replication.batch(10_000, 0);
      for (let i = 0; i < 2; i++) {
        const wrote = await writeBatch(client, { ...batchRows(batch, { terminalId: 'W01', fixmedinsCode: FIXMEDINS }), status: { terminal_id: 'W01', acked_seq: batch.at(-1)!.seq, local_seq: batch.at(-1)!.seq, backlog: 0, oldest_unsent_date: null, center_queue: 0, open_conflicts: 0, cashier_no: '1001', app_version: null } });
        expect(wrote).toEqual({ settlements: 0, changes: 0 });
      }
    } finally {
      client.release();
      await pool.end();
    }
    expect(await xmin()).toEqual(before);
    expect((await inst.admin.query("SELECT count(*)::int AS n FROM pos.settlement_changes WHERE terminal_id = 'W01'")).rows[0].n).toBe(changes.length);
    expect(t.app.store.replication.counts().backlog).toBe(0);
  }, 90_000);

  it('(c) a terminal with another window\'s role is refused with the reason and keeps settling', async () => {
    const other = await inst.addWindow('W09', FIXMEDINS);
    const t = await replicatingTerminal('W03', asConfig(other));
    open.push(t);
    const id = await settleOne(t, 0);
    const st = await until('refused', async () => (await t.call('status.get')).data.institution, (s) => s?.state === 'refused');
    expect(st.lastError).toMatch(/writes as window W09, this terminal is W03/);
    expect(st.backlog).toBeGreaterThan(0);
    await waitStatus(t, id, 'settled');
    await settleOne(t, 1);
    expect((await inst.admin.query("SELECT count(*)::int AS n FROM pos.settlements WHERE terminal_id IN ('W03', 'W09')")).rows[0].n).toBe(0);

    // its own role with a wrong password: refused, said as such
    const own = await inst.addWindow('W04', FIXMEDINS);
    const wrong = path.join(tmp.dir, 'wrong.pw');
    fs.writeFileSync(wrong, 'not-the-password', { mode: 0o600 });
    const u = await replicatingTerminal('W04', { ...asConfig(own), passwordFile: wrong });
    open.push(u);
    await settleOne(u, 1);
    const refused = await until('refused', async () => (await u.call('status.get')).data.institution, (s) => s?.state === 'refused');
    expect(refused.lastError).toMatch(/^wrong password/);
  }, 60_000);

  it('(d) without an institution database nothing is queued and the status bar shows nothing of it', async () => {
    const t = await startApp();
    open.push(t);
    await t.login();
    const id = await settleOne(t, 2);
    await waitStatus(t, id, 'settled');
    expect(t.app.store.replication.counts()).toEqual({ backlog: 0, local_seq: 0, acked_seq: 0, oldest_unsent_date: null });
    expect((await t.call('status.get')).data.institution).toBeNull();
  }, 60_000);

  it('(b) PostgreSQL crashes mid-run: the window keeps settling, says down; restarted, everything arrives once', async () => {
    const t = await terminal('W02');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await settleOne(t, i));
    await replicated(t);
    inst.cluster.crash();
    for (let i = 3; i < 9; i++) ids.push(await settleOne(t, i));
    await centerDone(t);
    const down = await until('down', async () => (await t.call('status.get')).data.institution, (s) => s?.state === 'down', 20_000);
    expect(down.backlog).toBeGreaterThan(0);
    expect(down.lastError).toBeTruthy();
    expect(t.app.store.replication.counts().backlog).toBeGreaterThan(0);
    await inst.cluster.start();
    await replicated(t, 40_000);
    await until('ok', async () => (await t.call('status.get')).data.institution, (s) => s?.state === 'ok', 20_000);
    await inst.admin.end().catch(() => undefined);
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: inst.cluster.url('institution') });
    await admin.connect();
    try {
      expect(await expectRowsEqualLocal(admin, t, 'W02')).toBe(9);
      const changes = (await admin.query("SELECT seq FROM pos.settlement_changes WHERE terminal_id = 'W02' ORDER BY seq")).rows.map((r) => r.seq);
      expect(changes).toEqual(Array.from({ length: t.app.store.replication.counts().local_seq }, (_, i) => i + 1));
    } finally {
      await admin.end();
    }
  }, 120_000);
});
