/**
 * Personal data at rest: after settlements identified by card, e-voucher and typed ID number, no ID
 * number, name, birth date, card number or e-voucher token is anywhere in terminal.db or its WAL —
 * not in settlements, not in the person cache, not in the outbox — yet the worker still sends the
 * right credential (it is bound, and opened, at send time) and the cache still finds people offline.
 * The data directory is 0700 and its files 0600.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindLate } from '../../../src/main/services/settlement/messages.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';

const LINES = [{ code: 'XA11GAV017A001010100011', qty: '1' }];
let a: AppUnderTest;
let secrets: string[] = [];
const sent: string[] = [];
// what leaves for the center: the client posts through node:http (center/http/)
const realRequest = http.request;

async function presentedRef(a: AppUnderTest, present: () => Promise<unknown>): Promise<string> {
  let ref: string | null = null;
  const off = a.app.router.subscribe((name, payload) => {
    if (name === 'identity.presented') ref = (payload as { ref: string }).ref;
  });
  await present();
  for (let i = 0; i < 100 && !ref; i++) await new Promise((r) => setTimeout(r, 20));
  off();
  if (!ref) throw new Error('nothing presented');
  return ref;
}

beforeAll(async () => {
  (http as { request: typeof http.request }).request = ((...args: Parameters<typeof http.request>) => {
    const req = realRequest(...args);
    const end = req.end.bind(req) as (body?: unknown) => http.ClientRequest;
    (req as { end: unknown }).end = (body?: unknown) => {
      if (body !== undefined) sent.push(String(body));
      return end(body);
    };
    return req;
  }) as typeof http.request;
  a = await startApp();
  await a.login();
  const people = a.app.sim!.people();
  const zw = people.find((p) => p.psn_no === '530600000000000001')!;
  const withQr = people.find((p) => p.qr && p.psn_no !== zw.psn_no)!;
  const typed = people.find((p) => p.psn_no === '530600000000000003')!;
  secrets = [zw.certno, zw.psn_name, zw.card!.card_no, zw.card!.card_sn, withQr.qr!, withQr.certno, withQr.psn_name, typed.certno, typed.psn_name];
  // birth dates as the ID number carries them, and as dates
  for (const c of [zw.certno, withQr.certno, typed.certno]) secrets.push(c.slice(6, 14), `${c.slice(6, 10)}-${c.slice(10, 12)}-${c.slice(12, 14)}`);

  const byCard = await presentedRef(a, () => a.call('dev.presentCard', { psn_no: zw.psn_no }));
  const byQr = (await a.call('devices.wedgeScan', { text: withQr.qr })).data.ref as string;
  for (const ref of [byCard, byQr]) {
    const who = await a.call('person.identify', { ref });
    expect(who.ok).toBe(true);
    const v = await a.call('settle.confirm', { ...a.draft(who.data.personRef, LINES), requestId: a.newRequestId() });
    expect(v.ok, JSON.stringify(v.error)).toBe(true);
  }
  const p3 = await a.identifyTyped(typed.psn_no);
  expect((await a.call('settle.confirm', { ...a.draft(p3.personRef, LINES), requestId: a.newRequestId() })).ok).toBe(true);
  await a.app.worker.drainNow();
});

const leftovers: string[] = [];
afterAll(async () => {
  (http as { request: typeof http.request }).request = realRequest;
  await a.close();
  for (const d of leftovers) fs.rmSync(d, { recursive: true, force: true });
});

describe('personal data at rest', () => {
  it('the worker sent the real credentials (bound from the sealed settlement when each message left)', () => {
    const envelopes = sent.filter((b) => /"infno":"210[12]"/.test(b));
    expect(envelopes.length).toBeGreaterThanOrEqual(6);
    const zw = a.app.sim!.people().find((p) => p.psn_no === '530600000000000001')!;
    expect(envelopes.some((b) => b.includes(`"mdtrt_cert_no":"${zw.card!.card_no}"`))).toBe(true);
    expect(a.app.store.db.prepare('SELECT DISTINCT status FROM settlements').pluck().all()).toEqual(['settled']);
  });

  it('the outbox holds a placeholder, bound to the credential only at send time', () => {
    const db = a.app.store.db;
    const rows = db.prepare("SELECT settlement_id, payload FROM outbox WHERE infno = '2101'").all() as Array<{ settlement_id: string; payload: string }>;
    expect(rows.length).toBe(3);
    for (const r of rows) {
      expect(JSON.parse(r.payload).data.mdtrt_cert_no).toBe('$mdtrt_cert_no');
      const rec = a.app.store.settlements.get(r.settlement_id)!;
      const bound = bindLate(JSON.parse(r.payload), rec, () => []) as { data: { mdtrt_cert_no: string } };
      expect(bound.data.mdtrt_cert_no).toBe(rec.mdtrt_cert_no);
      expect(rec.mdtrt_cert_no).not.toMatch(/^enc1:/);
    }
    const stored = db.prepare('SELECT mdtrt_cert_no, card_sn FROM settlements').all() as Array<{ mdtrt_cert_no: string; card_sn: string | null }>;
    for (const s of stored) expect(s.mdtrt_cert_no).toMatch(/^enc1:/);
    expect(stored.some((s) => s.card_sn?.startsWith('enc1:'))).toBe(true);
  });

  it('the person cache finds people by card and ID number without holding either', () => {
    const zw = a.app.sim!.people().find((p) => p.psn_no === '530600000000000001')!;
    expect(a.app.store.personCache.byCardNo(zw.card!.card_no)?.person.psn_name).toBe(zw.psn_name);
    expect(a.app.store.personCache.byCertno(zw.certno)?.person.certno).toBe(zw.certno);
    const row = a.app.store.db.prepare('SELECT * FROM person_cache WHERE psn_no = ?').get(zw.psn_no) as Record<string, string>;
    expect(row.data).toMatch(/^enc1:/);
    expect(row.certno_key).toMatch(/^k1:/);
  });

  it('no ID number, name, birth date, card number or e-voucher token is in the database files', async () => {
    const dir = a.dir;
    await a.app.close();
    // reopen read-only after close so the WAL is checkpointed, then read every byte of the files
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('terminal.db'));
    expect(files).toContain('terminal.db');
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f))));
    for (const s of secrets) expect(bytes.includes(Buffer.from(s, 'utf8')), `"${s}" is in the file`).toBe(false);
    // the same through SQL, for readability of a failure
    const db = new Database(path.join(dir, 'terminal.db'), { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM settlements').all()) + JSON.stringify(db.prepare('SELECT * FROM person_cache').all()) + JSON.stringify(db.prepare('SELECT * FROM outbox').all());
    db.close();
    for (const s of secrets) expect(dump.includes(s), `"${s}" readable by SQL`).toBe(false);
    leftovers.push(dir);
    a = await startApp({ dataDir: dir }); // afterAll closes it
  });

  it('the data directory is 0700 and its files 0600', () => {
    expect(fs.statSync(a.dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(a.dir)) {
      const st = fs.statSync(path.join(a.dir, f));
      if (st.isFile()) expect(st.mode & 0o777, f).toBe(0o600);
      else if (['keys', 'logs', 'exports'].includes(f)) expect(st.mode & 0o777, f).toBe(0o700);
    }
  });
});
