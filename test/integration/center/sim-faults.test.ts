/** Fault injection, admin endpoints and the dedupe switch: what the client sees on a bad link. */
import { simAdmin } from '../../helpers/sim-admin.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { CenterError, createCenterClient } from '../../../src/main/center/index.js';
import { FIXMEDINS_CODE, NOW_TEXT, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { timeoutMs: 400 });
});
afterEach(() => {
  h.sim.setFaults({ down: false, delayMs: 0, garbage: false });
});
afterAll(async () => {
  await h.close();
});

function pharmacy(p: { psn_no: string; certno: string }) {
  return {
    data: { psn_no: p.psn_no, mdtrt_cert_type: '02' as const, mdtrt_cert_no: p.certno, begntime: NOW_TEXT, medfee_sumamt: 1250, insutype: '310', acct_used_flag: true },
    feedetail: [{ feedetl_sn: '1', fee_ocur_time: NOW_TEXT, med_list_codg: 'XJ01CAA040A001010100001', pric: 1250, cnt: '1', det_item_fee_sumamt: 1250 }],
  };
}

describe('faults', () => {
  it('down: the client sees the center as unreachable', async () => {
    h.sim.setFaults({ down: true });
    const err = await h.client.signIn(h.meta()).catch((e) => e);
    expect(err).toBeInstanceOf(CenterError);
    expect(err.kind).toBe('unreachable');
    h.sim.setFaults({ down: false });
    await expect(h.client.signIn(h.meta())).resolves.toHaveProperty('sign_no');
  });

  it('a closed port is unreachable too', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r())); // nothing listens there any more
    const c = createCenterClient({ url: `http://127.0.0.1:${port}`, fixmedins_code: FIXMEDINS_CODE, fixmedins_name: 'x', mdtrtarea_admvs: '530600', opter: '1', opter_name: 'x' });
    const err = await c.signIn(h.meta()).catch((e) => e);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('delay beyond the client timeout: timeout; the settlement was applied; resending the msgid returns it once', async () => {
    const p = h.person('账户充足');
    const balc0 = h.sim.balance(p.psn_no);
    const n0 = h.sim.settlements().length;
    h.sim.setFaults({ delayMs: 1500 });
    const meta = h.meta();
    const started = Date.now();
    const err = await h.client.pharmacySettle2102(pharmacy(p), meta).catch((e) => e);
    expect(err).toBeInstanceOf(CenterError);
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1400);
    // the outcome was unknown to the terminal, but the center applied it
    expect(h.sim.settlements()).toHaveLength(n0 + 1);
    h.sim.setFaults({ delayMs: 0 });
    const out = await h.client.pharmacySettle2102(pharmacy(p), meta);
    expect(out.setlinfo.setl_id).toBe(h.sim.settlements()[n0].setl_id);
    expect(h.sim.settlements()).toHaveLength(n0 + 1);
    expect(h.sim.balance(p.psn_no)).toBe(balc0 - out.setlinfo.acct_pay);
  });

  it('garbage: a 200 that is not JSON is a bad reply, with the body kept', async () => {
    h.sim.setFaults({ garbage: true });
    const err = await h.client.signIn(h.meta()).catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.httpStatus).toBe(200);
    expect(err.rawBody).toContain('502 Bad Gateway');
  });

  it('setFaults validates and merges', () => {
    expect(h.sim.setFaults({ delayMs: 10 })).toMatchObject({ down: false, delayMs: 10, garbage: false });
    expect(() => h.sim.setFaults({ delayMs: -1 })).toThrow();
    expect(h.sim.getFaults().delayMs).toBe(10);
  });
});

describe('admin endpoints', () => {
  it('reads people and balances and switches faults over HTTP, even while down', async () => {
    const admin = simAdmin(h.sim);
    const people = (await (await admin.get('/admin/people')).json()) as Array<{ psn_no: string; label: string; card: { basicInfo: string } | null; qr: string | null }>;
    expect(people.length).toBeGreaterThanOrEqual(15);
    const zw = people.find((p) => p.label.includes('张伟'))!;
    expect(zw.card!.basicInfo.split('|')).toHaveLength(12);
    const bal = await (await admin.get(`/admin/balance/${zw.psn_no}`)).json();
    expect(bal).toEqual({ psn_no: zw.psn_no, balc: h.sim.balance(zw.psn_no) });
    expect((await admin.get('/admin/balance/nobody')).status).toBe(404);
    // a tester's top-up: whole fen only, unknown people named
    const topUp = (psn: string, body: unknown) => admin.post(`/admin/balance/${psn}`, body);
    expect(await (await topUp(zw.psn_no, { balc: 123456 })).json()).toEqual({ psn_no: zw.psn_no, balc: 123456 });
    expect(h.sim.balance(zw.psn_no)).toBe(123456);
    for (const bad of [{ balc: -1 }, { balc: 1.5 }, { balc: '100' }, { balc: 1, extra: true }]) expect((await topUp(zw.psn_no, bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await topUp('nobody', { balc: 1 })).status).toBe(404);
    expect(h.sim.balance(zw.psn_no)).toBe(123456);

    const set = await admin.post('/admin/faults', { down: true });
    expect(await set.json()).toMatchObject({ down: true, delayMs: 0, garbage: false });
    expect((await h.client.signIn(h.meta()).catch((e) => e)).kind).toBe('unreachable');
    expect(await (await admin.get('/admin/faults')).json()).toMatchObject({ down: true });
    const bad = await admin.post('/admin/faults', { down: 'yes' });
    expect(bad.status).toBe(400);
    await admin.post('/admin/faults', { down: false });
    await expect(h.client.signIn(h.meta())).resolves.toHaveProperty('sign_no');
  });
});

describe('admin endpoints are not for a web page', () => {
  it('a cross-origin text/plain POST (no token) sets nothing; a POST must be JSON even with the token', async () => {
    const zw = h.sim.people().find((p) => p.label.includes('张伟'))!;
    const before = h.sim.balance(zw.psn_no);
    // what a page on the Internet can send without a preflight: a "simple" request, text/plain, no custom header
    const simple = await fetch(`${h.sim.url}/admin/balance/${zw.psn_no}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{"balc":999999999}' });
    expect(simple.status).toBe(401);
    expect((await fetch(`${h.sim.url}/admin/people`)).status).toBe(401);
    expect((await fetch(`${h.sim.url}/admin/faults`, { headers: { 'x-sim-admin-token': 'wrong' } })).status).toBe(401);
    const plain = await fetch(`${h.sim.url}/admin/faults`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-sim-admin-token': h.sim.adminToken }, body: '{"down":true}' });
    expect(plain.status).toBe(415);
    expect(h.sim.getFaults().down).toBe(false);
    expect(h.sim.balance(zw.psn_no)).toBe(before);
  });
});

describe('dedupe switch', () => {
  it('with dedupe off, the same msgid is processed again', async () => {
    const off = await startHarness({ dedupe: false });
    try {
      const p = off.person('账户充足');
      const meta = off.meta();
      const a = await off.client.pharmacySettle2102(pharmacy(p), meta);
      const b = await off.client.pharmacySettle2102(pharmacy(p), meta);
      expect(b.setlinfo.setl_id).not.toBe(a.setlinfo.setl_id);
      expect(off.sim.settlements()).toHaveLength(2);
    } finally {
      await off.close();
    }
  });
});

describe('sign-in requirement', () => {
  it('with requireSignIn, business messages need a sign_no issued by 9001', async () => {
    const strict = await startHarness({ requireSignIn: true });
    try {
      const p = strict.person('账户充足');
      const data = { mdtrt_cert_type: '02' as const, mdtrt_cert_no: p.certno };
      const err = await strict.client.personInfo(data, strict.meta()).catch((e) => e);
      expect(err.kind).toBe('refused');
      expect(err.err_msg).toContain('签到');
      const { sign_no } = await strict.client.signIn(strict.meta());
      const out = await strict.client.personInfo(data, { ...strict.meta(), sign_no });
      expect(out.baseinfo.psn_no).toBe(p.psn_no);
    } finally {
      await strict.close();
    }
  });
});

describe('state survives a restart', () => {
  it('balances and settlements are in the SQLite file', async () => {
    const first = await startHarness();
    const p = first.person('账户充足');
    const out = await first.client.pharmacySettle2102(pharmacy(p), first.meta());
    const dbPath = `${first.dir}/center-sim.db`;
    await first.sim.close();
    const { startCenterSim } = await import('../../../src/center-sim/index.js');
    const again = await startCenterSim({ dbPath });
    try {
      expect(again.balance(p.psn_no)).toBe(238650 - out.setlinfo.acct_pay);
      expect(again.settlements().map((s) => s.setl_id)).toEqual([out.setlinfo.setl_id]);
    } finally {
      await again.close();
      (await import('node:fs')).rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
