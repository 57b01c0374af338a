/**
 * HIS bills by number at a whole terminal: over HTTP (with the token the HIS sets) and from a folder;
 * a bill settled already refused (by this terminal's own record, and on the HIS's word for another
 * window); an HIS line removed only with a supervisor's number and PIN, audited, and a confirm that
 * does not match the bill refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHisSim, type HisSim } from '../../../src/his-sim/index.js';
import { httpSource } from '../../../src/main/his/source.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { tempDir } from '../../helpers/tmp.js';
import { EMPLOYEE, identify, waitStatus } from '../sync/helpers.js';
import { HIS_TOKEN, hisDraft, reverseApproved, settleBill } from './his-helpers.js';

let his: HisSim;
let t: AppUnderTest;
const dir = tempDir('pos-his-bills-');

beforeAll(async () => {
  his = await startHisSim({ dbPath: path.join(dir.dir, 'his.db'), token: HIS_TOKEN });
  t = await startApp({ his: { source: 'http', url: his.url, headers: { 'x-his-token': HIS_TOKEN }, retryBaseMs: 50, retryMaxMs: 200 } });
  await t.login();
});
afterAll(async () => {
  await t?.close();
  await his?.close();
  dir.cleanup();
});

describe('a bill by its number, over HTTP', () => {
  it('loads the bill the HIS gives for the number; an unknown number and a malformed one say so', async () => {
    const no = his.newDemoBill();
    const r = await t.call('his.loadBill', { billNo: ` ${no} ` });
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ source: 'http', removed: [], bill: { his_bill_no: no, format: 'yb-pos-his-bill/1' } });
    expect(r.data.bill.lines.length).toBeGreaterThanOrEqual(2);
    expect(t.app.store.audit.list().some((a) => a.action === 'his.bill_loaded' && a.subject === no)).toBe(true);
    expect((await t.call('his.loadBill', { billNo: 'MZ0000NONE' })).error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('MZ0000NONE') });
    expect((await t.call('his.loadBill', { billNo: '../etc/passwd' })).error.code).toBe('VALIDATION');
  });

  it('without the HIS token the HIS refuses the terminal, and the cashier is told', async () => {
    const src = httpSource({ url: his.url, billPath: '/bills/{no}', resultsPath: '/results', headers: {}, timeoutMs: 2000 });
    await expect(src.fetchBill(his.newDemoBill())).rejects.toThrow(/HTTP 401.*令牌/);
  });

  it('a bill the HIS answers wrongly (a bad amount) is refused naming the field', async () => {
    his.addBill({ format: 'yb-pos-his-bill/1', his_bill_no: 'MZBAD1', med_type: '11', lines: [{ med_list_codg: '001101000010000', pric: '10.001', cnt: 1 }] });
    expect((await t.call('his.loadBill', { billNo: 'MZBAD1' })).error).toMatchObject({ code: 'VALIDATION', field: 'lines.0.pric' });
  });
});

describe('a bill settled already is refused with the settlement it belongs to', () => {
  it('by this terminal: loading it again, and confirming it again without loading', async () => {
    const no = his.newDemoBill();
    const first = await settleBill(t, no);
    const again = await t.call('his.loadBill', { billNo: no });
    expect(again.error.code).toBe('CONFLICT');
    const setl = (await t.call('settle.get', { id: first.id })).data.setl_id;
    expect(again.error.message).toContain(setl);
    // the renderer skipped the load: the confirm itself is refused, in the commit's transaction
    const { personRef } = await identify(t, t.app.sim!, EMPLOYEE);
    const twice = await t.call('settle.confirm', { ...hisDraft(t, personRef, first.held), requestId: t.newRequestId() });
    expect(twice.error.code).toBe('CONFLICT');
    expect(twice.error.message).toContain(`处方 ${no} 已在本机结算`);
    expect((await t.call('settle.list', {})).data.filter((s: { id: string }) => s.id === first.id)).toHaveLength(1);
  });

  it('after the reversal the bill can be settled again', async () => {
    const no = his.newDemoBill();
    const s = await settleBill(t, no);
    expect((await reverseApproved(t, s.id, '患者退费')).ok).toBe(true);
    await t.app.worker.drainNow();
    await waitStatus(t, s.id, 'reversed');
    expect((await t.call('his.retryNow')).data.unacked).toBe(0);
    const r = await t.call('his.loadBill', { billNo: no });
    expect(r.ok).toBe(true);
  });

  it('by another window: the HIS says the bill is paid', async () => {
    const no = his.newDemoBill();
    const other = { format: 'yb-pos-his-result/1', key: 'other-window:settled', kind: 'settled', his_bill_no: no, settlement_id: 'other-window', setl_id: 'ST20261202999', terminal_id: 'T09', at: '2026-12-02T09:00:00+08:00' };
    const res = await fetch(`${his.url}/results`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': other.key, 'x-his-token': HIS_TOKEN }, body: JSON.stringify(other) });
    expect(res.status).toBe(200);
    const r = await t.call('his.loadBill', { billNo: no });
    expect(r.error).toMatchObject({ code: 'CONFLICT' });
    expect(r.error.message).toMatch(/HIS 显示处方 .* 已结算（结算号 ST20261202999，终端 T09/);
  });
});

describe('removing an HIS line needs a supervisor and is audited', () => {
  it('a wrong PIN or a cashier who is not a supervisor is refused; a supervisor removes it; the confirm must match', async () => {
    let no = his.newDemoBill();
    while ((await t.call('his.loadBill', { billNo: no })).data.bill.lines.length < 3) no = his.newDemoBill();
    const held = (await t.call('his.loadBill', { billNo: no })).data;
    const line = held.bill.lines[1];
    const ask = { billNo: no, position: 1, med_list_codg: line.med_list_codg, reason: '患者不做此检查' };
    const wrong = await t.call('his.removeLine', { ...ask, supervisorNo: '9001', pin: '0000' });
    expect(wrong.error.code).toBe('AUTH');
    const cashier = await t.call('his.removeLine', { ...ask, supervisorNo: '1002', pin: '2345' });
    expect(cashier.error).toMatchObject({ code: 'AUTH', params: { reason: 'not_supervisor' } });
    const stale = await t.call('his.removeLine', { ...ask, med_list_codg: 'SOMETHING-ELSE', supervisorNo: '9001', pin: '9999' });
    expect(stale.error.code).toBe('CONFLICT');
    const ok = await t.call('his.removeLine', { ...ask, supervisorNo: '9001', pin: '9999' });
    expect(ok.ok).toBe(true);
    expect(ok.data.bill.lines).toHaveLength(held.bill.lines.length - 1);
    expect(ok.data.removed).toEqual([expect.objectContaining({ line_index: 1, med_list_codg: line.med_list_codg, approved_by: '9001', requested_by: '1001', reason: '患者不做此检查' })]);
    const audit = t.app.store.audit.list();
    // the terminal's one pin gate audits the wrong PIN; the approval audits who was not a supervisor
    expect(audit.some((a) => a.action === 'approval_failed' && a.actor === '9001')).toBe(true);
    expect(audit.filter((a) => a.action === 'approval.refused').map((a) => JSON.parse(String(a.detail)).reason)).toEqual(['not_supervisor']);
    expect(audit.some((a) => a.action === 'approval.granted' && a.actor === '9001' && a.subject === `${no}#1`)).toBe(true);
    const removed = audit.find((a) => a.action === 'his.line_removed' && a.subject === no)!;
    expect(JSON.parse(String(removed.detail))).toMatchObject({ line_index: 1, approved_by: '9001', reason: '患者不做此检查' });

    const { personRef } = await identify(t, t.app.sim!, EMPLOYEE);
    // the lines as the HIS gave them (the removed one still in): refused
    const all = await t.call('settle.confirm', { ...hisDraft(t, personRef, held), requestId: t.newRequestId() });
    expect(all.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('HIS 明细不能修改') });
    // a line dropped without approval: refused as well
    const dropped = held.bill.lines.filter((_: unknown, i: number) => i !== 0);
    expect((await t.call('settle.confirm', { ...hisDraft(t, personRef, held, dropped), requestId: t.newRequestId() })).error.code).toBe('CONFLICT');
    const r = await t.call('settle.confirm', { ...hisDraft(t, personRef, ok.data), requestId: t.newRequestId() });
    expect(r.ok).toBe(true);
    expect(r.data.lines).toHaveLength(held.bill.lines.length - 1);
  });
});

describe('a folder the HIS writes bill files into', () => {
  let f: AppUnderTest;
  const folder = path.join(dir.dir, 'his-folder');
  beforeAll(async () => {
    fs.mkdirSync(folder, { recursive: true });
    f = await startApp({ his: { source: 'folder', folder } });
    await f.login();
  });
  afterAll(() => f?.close());

  it('loads <number>.json; a number it does not have is NOT_FOUND', async () => {
    const bill = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../samples/his-bill-outpatient.json'), 'utf8'));
    fs.writeFileSync(path.join(folder, 'MZF0001.json'), JSON.stringify({ ...bill, his_bill_no: 'MZF0001' }));
    const r = await f.call('his.loadBill', { billNo: 'MZF0001' });
    expect(r.data).toMatchObject({ source: 'folder', bill: { his_bill_no: 'MZF0001' } });
    expect(r.data.bill.lines).toHaveLength(bill.lines.length);
    expect((await f.call('his.loadBill', { billNo: 'MZF0404' })).error.code).toBe('NOT_FOUND');
  });

  it('a result file another window wrote beside the bill means it is settled', async () => {
    const bill = JSON.parse(fs.readFileSync(path.join(folder, 'MZF0001.json'), 'utf8'));
    fs.writeFileSync(path.join(folder, 'MZF0002.json'), JSON.stringify({ ...bill, his_bill_no: 'MZF0002' }));
    const id = '01930000-0000-7000-8000-00000000abcd';
    fs.writeFileSync(path.join(folder, `MZF0002.${id}.settled.result.json`), JSON.stringify({ setl_id: 'ST9', terminal_id: 'T07' }));
    const r = await f.call('his.loadBill', { billNo: 'MZF0002' });
    expect(r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已由终端 T07 结算（结算号 ST9）') });
    fs.writeFileSync(path.join(folder, `MZF0002.${id}.reversed.result.json`), '{}');
    expect((await f.call('his.loadBill', { billNo: 'MZF0002' })).ok).toBe(true);
  });
});
