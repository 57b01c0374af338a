/**
 * The window's day over a real terminal (SQLite, the embedded simulator over loopback HTTP) with an
 * institution database that is away (nothing listens on its port): two cashiers, cash with change, a
 * reversal, a settlement still pending at the center, a hand-over 0.50 short. The summary gives each
 * cashier the figures of the hand-over and the window their sum, to the fen; it names the backlog the
 * institution database has not taken; the per-terminal 3201 is refused; its PDF prints; `pos day` says
 * the same and `pos reconcile --date` refuses (exit 2) pointing to `--institution` and `pos day`.
 * Without an institution database the window's day is not offered and the reconciliation runs as ever.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverRecord, PdfFile } from '../../../src/shared/api-till.js';
import type { WindowDay } from '../../../src/shared/api-window-day.js';
import type { Split } from '../../../src/shared/domain.js';
import { dayCommand } from '../../../src/main/cli/day.js';
import { reconcileCommand } from '../../../src/main/cli/reconcile.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, ATORVASTATIN, EMPLOYEE, identify, until, waitStatus } from '../sync/helpers.js';

const RESIDENT = '530600000000000003'; // 王秀英: no personal account, pays cash

let t: AppUnderTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** a loopback port nothing listens on: the institution database is away */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function confirm(t: AppUnderTest, psnNo: string, code: string, qty: string, extraCash = 0): Promise<string> {
  const { personRef } = await identify(t, t.app.sim!, psnNo);
  const draft = t.draft(personRef, [{ code, qty }]);
  const due = (await t.call<{ split: { psn_cash_pay: number } }>('settle.preview', draft)).data.split.psn_cash_pay;
  const r = await t.call<{ id: string }>('settle.confirm', { ...draft, requestId: t.newRequestId(), cash: due > 0 ? { received: due + extraCash, tender: 'typed' } : null });
  expect(r.ok, r.error?.message).toBe(true);
  return r.data.id;
}

async function login(t: AppUnderTest, no: string, pin: string) {
  await t.call('session.logout', {});
  const r = await t.call('session.login', { cashierNo: no, pin });
  expect(r.ok, r.error?.message).toBe(true);
}

function io() {
  const o = { out: '', err: '' };
  return { o, io: { stdout: { write: (s: string) => (o.out += s) }, stderr: { write: (s: string) => (o.err += s) } } };
}

describe("the window's day with an institution database", () => {
  it('per cashier and for the window to the fen, the hand-over difference, the backlog, no per-terminal 3201; pos day and pos reconcile', async () => {
    const port = await closedPort();
    const database = { url: `postgres://pos_w_w01@127.0.0.1:${port}/institution`, tls: { mode: 'disable' }, connectTimeoutMs: 500 };
    t = await startApp({ terminal: { id: 'W01', msgidSlot: 1 }, institution: { database, replication: { retryBaseMs: 50, retryMaxMs: 200 } } });
    const { store } = t.app;
    await t.login();
    expect((await t.call<{ available: boolean }>('windowDay.available', {})).data.available).toBe(true);

    // 1001: three settlements (one with change), one of them reversed; a hand-over 0.50 short
    const a = await confirm(t, RESIDENT, AMOXICILLIN, '2', 500);
    const b = await confirm(t, EMPLOYEE, ATORVASTATIN, '3');
    const c = await confirm(t, RESIDENT, AMOXICILLIN, '1');
    for (const id of [a, b, c]) await waitStatus(t, id, 'settled');
    expect((await t.reverse(c, '开错药')).ok).toBe(true);
    await waitStatus(t, c, 'reversed');
    const preview = await t.call<{ cashExpected: number }>('till.handoverPreview', {});
    const expected1001 = preview.data.cashExpected;
    expect(expected1001).toBeGreaterThan(50);
    const ho = await t.call<HandoverRecord>('till.handoverRecord', { cashCounted: expected1001 - 50, note: '短少五角', print: false });
    expect(ho.data.difference).toBe(-50);

    // 1002: one settled, one still pending at the center (the worker is stopped before it is confirmed)
    await login(t, '1002', '2345');
    const d = await confirm(t, RESIDENT, ATORVASTATIN, '1');
    await waitStatus(t, d, 'settled');
    await t.app.worker.stop();
    const e = await confirm(t, RESIDENT, AMOXICILLIN, '3');
    expect(store.settlements.get(e)!.status).toBe('queued');

    const date = store.settlements.get(a)!.business_date;
    const split = (id: string): Split => store.settlements.get(id)!.center_split ?? store.settlements.get(id)!.local_split;
    const sum = (ids: string[], f: keyof Split) => ids.reduce((n, id) => n + (split(id)[f] as number), 0);
    const cashDue = (ids: string[]) => ids.reduce((n, id) => n + store.receipts.receipt(id)!.cash_due, 0);

    const day = (await t.call<WindowDay>('windowDay.get', { date })).data;
    expect(day.terminal_id).toBe('W01');
    expect(day.cashiers.map((x) => x.cashier.no)).toEqual(['1001', '1002']);
    const [k1, k2] = day.cashiers;
    expect(k1!.settlements).toEqual({ count: 3, medfee: sum([a, b, c], 'medfee_sumamt'), fund: sum([a, b, c], 'fund_pay_sumamt'), acct: sum([a, b, c], 'acct_pay'), mulaid: sum([a, b, c], 'acct_mulaid_pay'), cash: sum([a, b, c], 'psn_cash_pay') });
    expect(k1!.reversals.count).toBe(1);
    expect(k1!.reversals.medfee).toBe(split(c).medfee_sumamt);
    expect(k1!.byKind.cashCollected).toBe(cashDue([a, b, c]));
    expect(k1!.byKind.cashRefunded).toBe(split(c).psn_cash_pay);
    expect(k1!.byKind.cashCollected).toBeGreaterThan(0);
    expect(k1!.cashExpected).toBe(cashDue([a, b, c]) - split(c).psn_cash_pay);
    // exactly what the hand-over of the same cashier's day says
    expect(k1!.cashExpected).toBe(expected1001);
    expect(k1!.handedOver).toEqual({ count: 1, expected: expected1001, counted: expected1001 - 50, difference: -50 });
    expect(k2!.settlements.count).toBe(2);
    expect(k2!.settlementsPending).toBe(1);
    expect(k2!.settlements.medfee).toBe(sum([d, e], 'medfee_sumamt'));
    expect(k2!.byKind.cashCollected).toBe(cashDue([d, e]));
    expect(k2!.handedOver.count).toBe(0);
    // the window: the sum of its cashiers
    expect(day.total.settlements.count).toBe(5);
    expect(day.total.settlements.medfee).toBe(sum([a, b, c, d, e], 'medfee_sumamt'));
    expect(day.total.cashExpected).toBe(k1!.cashExpected + k2!.cashExpected);
    expect(day.total.settlementsPending).toBe(1);
    expect(day.handovers.map((h) => [h.id, h.cashier, h.cashExpected, h.cashCounted, h.difference, h.note])).toEqual([[ho.data.id, { no: '1001', name: '李收费' }, expected1001, expected1001 - 50, -50, '短少五角']]);
    expect(day.total.handedOver.difference).toBe(-50);
    // the institution database is away: every change is still owed, and said so
    expect(day.replication.backlog).toBe(store.replication.counts().backlog);
    expect(day.replication.backlog).toBeGreaterThan(0);
    expect(day.replication.oldestUnsentDate).toBe(date);
    await until('the sender says PostgreSQL is down', async () => (await t!.call<WindowDay>('windowDay.get', { date })).data.replication.state, (s) => s === 'down');

    // no per-terminal 3201 from the screen either
    const run = await t.call('reconcile.run', { date });
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ code: 'CONFLICT', key: 'windowDay.reconcileAtInstitution' });
    expect(store.reconcileRuns.last(date, date)).toBeNull();

    // its A4 PDF
    const pdf = (await t.call<PdfFile>('windowDay.pdf', { date })).data;
    const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
    expect(text).toContain('窗口日结单');
    expect(text).toContain('李收费');
    expect(text).toContain('短款');
    expect(text).toContain('未同步到机构库');

    // the command line, on the same data directory
    const dir = t.dir;
    await t.app.close();
    t = null;
    const config = path.join(dir, 'pos.config.json');
    fs.writeFileSync(config, JSON.stringify({ center: { url: 'embedded' }, dataDir: dir, terminal: { id: 'W01', msgidSlot: 1 }, institution: { database } }));
    const j = io();
    expect(await dayCommand(['--date', date, '--config', config, '--json'], j.io), j.o.err).toBe(0);
    const cli = JSON.parse(j.o.out) as WindowDay;
    expect(cli.cashiers).toEqual(day.cashiers);
    expect(cli.total).toEqual(day.total);
    expect(cli.replication).toMatchObject({ state: null, backlog: day.replication.backlog });
    const txt = io();
    expect(await dayCommand(['--date', date, '--config', config], txt.io)).toBe(0);
    expect(txt.o.out).toContain('收款员 李收费（1001）');
    expect(txt.o.out).toContain('差额 -0.50（短款）');
    expect(txt.o.out).toContain(`机构库: 未同步 ${day.replication.backlog} 条`);
    expect(txt.o.out).toContain(`pos reconcile --institution --date ${date}`);
    expect(await dayCommand(['--config', config], io().io)).toBe(2);

    const rec = io();
    expect(await reconcileCommand(['--date', date, '--config', config], rec.io)).toBe(2);
    expect(rec.o.err).toContain(`pos reconcile --institution --date ${date}`);
    expect(rec.o.err).toContain(`pos day --date ${date}`);
    expect(rec.o.err).toContain('不发送本窗口的 3201');
    expect(rec.o.out).toBe('');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('without an institution database: no window day, the reconciliation with the center as before', async () => {
    t = await startApp();
    await t.login();
    expect((await t.call<{ available: boolean }>('windowDay.available', {})).data.available).toBe(false);
    expect((await t.call('windowDay.get', { date: '2026-11-24' })).error?.code).toBe('CONFLICT');
    const r = await t.call<{ status: string }>('reconcile.run', { date: '2026-11-24' });
    expect(r.ok, r.error?.message).toBe(true);
    const config = path.join(t.dir, 'alone.config.json');
    fs.writeFileSync(config, JSON.stringify({ center: { url: 'embedded' }, dataDir: path.join(t.dir, 'alone') }));
    const o = io();
    expect(await dayCommand(['--date', '2026-11-24', '--config', config], o.io)).toBe(2);
    expect(o.o.err).toContain('pos reconcile --date 2026-11-24');
  }, 60_000);
});
