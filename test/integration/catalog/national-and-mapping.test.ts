/**
 * The national catalog behind the institution's, through a whole terminal against the embedded
 * simulator: downloaded at start (paged 1312/1318/1319), a version change downloaded later, a cut
 * download leaving the catalog whole; an unmapped item sold fully self-paid (marked, and so at the
 * center); a mapping the center does not know refused at 2204 / 2101 with the center's reason, then
 * uploaded (3301) and settled, and revoked (3302) when the item leaves the catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { AMOXICILLIN, EMPLOYEE, identify, waitStatus } from '../sync/helpers.js';

const OSELTAMIVIR = 'XJ05AHA017E001010100028';
const NIFEDIPINE = 'XC08CAX137A001010100009';
const CEFACLOR = 'XJ01DCC027E001010100004';
const CONSULTATION = '001101000010000';

let t: AppUnderTest;
const sim = () => t.app.sim!;

async function as(no: string, pin: string) {
  await t.call('session.logout');
  const r = await t.call('session.login', { cashierNo: no, pin });
  if (!r.ok) throw new Error(r.error.message);
}

beforeAll(async () => {
  t = await startApp({ catalog: { national: { pageSize: 10 } } });
  await as('9901', '2468'); // the catalog's calls are an administrator's
});
afterAll(() => t?.close());

describe('the national catalog downloaded from the center', () => {
  it('at start, paged: 1312 items, 1318 caps, 1319 ratios; its version kept', () => {
    const store = t.app.store;
    expect(store.nationalCatalog.count()).toBe(44);
    const d = store.nationalCatalog.lastDone()!;
    expect(d.max_updt_time).toBe('2026-11-01 00:00:00');
    expect(JSON.parse(d.counts!)).toMatchObject({ items: 44 });
    const sends = store.audit.list().find((a) => a.action === 'catalog.national_download');
    // 44 items in pages of 10: 5 pages of 1312, then the caps and the ratios
    expect(JSON.parse(String(sends?.detail)).pages).toBeGreaterThanOrEqual(5 + 1 + 1);
  });

  it('a cut download leaves the catalog as it was', async () => {
    sim().national.publish(2);
    sim().setFaults({ http500: true, onlyInfno: '1318' });
    const r = await t.call('catalog.downloadNational');
    expect(r.ok).toBe(false);
    sim().setFaults({ http500: false, onlyInfno: null });
    expect(t.app.store.nationalCatalog.lastDownload()).toMatchObject({ state: 'failed' });
    expect(t.app.store.nationalCatalog.highWaterMark()).toBe('2026-11-01 00:00:00');
    const cef = (await t.call('catalog.lookup', { code: CEFACLOR })).data;
    expect(cef.pric_uplmt_amt).toBe(2600);
    const status = (await t.call('catalog.status')).data;
    expect(status.national.lastError).toMatch(/1318/);
  });

  it('a version change: the new class, cap and ratio apply; an item withdrawn sells self-paid; a new one is covered', async () => {
    const before = (await t.call('catalog.lookup', { code: OSELTAMIVIR })).data;
    expect(before).toMatchObject({ unmapped: 'not_in_national', chrgitm_lv: '03' });
    const r = await t.call('catalog.downloadNational');
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ since: '2026-11-01 00:00:00', version: '2026-12-01 00:00:00' });
    expect(r.data.items).toBeGreaterThanOrEqual(5);
    expect((await t.call('catalog.lookup', { code: OSELTAMIVIR })).data).toMatchObject({ unmapped: null, chrgitm_lv: '02', selfpay_prop: 1000 });
    expect((await t.call('catalog.lookup', { code: NIFEDIPINE })).data).toMatchObject({ unmapped: 'not_in_national', chrgitm_lv: '03' });
    expect((await t.call('catalog.lookup', { code: CEFACLOR })).data.pric_uplmt_amt).toBe(2500);
    expect((await t.call('catalog.status')).data.national).toMatchObject({ items: 45, version: '2026-12-01 00:00:00', lastError: null });
  });
});

describe('unmapped items and mappings at the counter', () => {
  it('an unmapped item sells fully self-paid, marked on its line, and the center agrees to the fen', async () => {
    const vitE = (await t.call('catalog.search', { q: '维生素E' })).data[0];
    expect(vitE).toMatchObject({ unmapped: 'no_mapping', chrgitm_lv: '03', med_list_codg: null });
    const { personRef } = await identify(t, sim(), EMPLOYEE);
    const draft = t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }, { code: vitE.code, qty: '1' }]);
    const preview = (await t.call('settle.preview', draft)).data;
    expect(preview.lines_priced.map((l: { code: string; unmapped: string | null }) => [l.code, l.unmapped])).toEqual([
      [AMOXICILLIN, null],
      [vitE.code, 'no_mapping'],
    ]);
    expect(preview.split.fulamt_ownpay_amt).toBe(vitE.price);
    const v = (await t.call('settle.confirm', { ...draft, requestId: t.newRequestId() })).data;
    await t.app.worker.drainNow();
    const done = await waitStatus(t, v.id, 'settled');
    expect(done).toBe('settled');
    const rec = (await t.call('settle.get', { id: v.id })).data;
    expect(rec.center).toEqual(rec.local);
    expect(rec.center.fulamt_ownpay_amt).toBe(vitE.price);
    expect(t.app.store.conflicts.openCount()).toBe(0);
    const items = t.app.store.settlements.items(v.id);
    expect(items[1]).toMatchObject({ code: vitE.code, unmapped: 'no_mapping', chrgitm_lv: '03' });
  });

  it('a mapping the center does not know is refused at 2204 with the center\u2019s reason; uploaded (3301), the next one settles', async () => {
    sim().national.setRequireMapping(true);
    const { personRef } = await identify(t, sim(), EMPLOYEE);
    const outpatient = t.draft(personRef, [{ code: CONSULTATION, qty: '1', pric: 1000 }], { kind: 'outpatient', med_type: '11' });
    const v = (await t.call('settle.confirm', { ...outpatient, requestId: t.newRequestId() })).data;
    await t.app.worker.drainNow();
    await waitStatus(t, v.id, 'refused');
    const refused = (await t.call('settle.get', { id: v.id })).data;
    expect(refused.last_error).toMatch(/定点医药机构目录 ZL\d+ 与医疗目录 001101000010000 的对照未上传或已撤销/);
    const log = t.app.store.sendLog.forSettlement(v.id);
    expect(log.map((s: { infno: string; state: string }) => `${s.infno}:${s.state}`)).toEqual(['2201:success', '2204:refused']);

    const up = (await t.call('catalog.uploadMappings')).data;
    expect(up.uploaded).toBeGreaterThanOrEqual(40);
    expect(up.refused).toEqual([]);
    const status = (await t.call('catalog.status')).data;
    expect(status.mappings.uploaded).toBe(up.uploaded);
    const again = (await t.call('settle.confirm', { ...outpatient, requestId: t.newRequestId() })).data;
    await t.app.worker.drainNow();
    expect(await waitStatus(t, again.id, 'settled')).toBe('settled');
    // a pharmacy line with an uploaded mapping goes through 2101/2102 as well
    const ph = (await t.call('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() })).data;
    await t.app.worker.drainNow();
    expect(await waitStatus(t, ph.id, 'settled')).toBe('settled');
  });

  it('an item that leaves the catalog has its mapping revoked (3302)', async () => {
    const v = t.app.store.catalogVersions.items(t.app.store.catalogVersions.inForce(new Date().toISOString())!.id);
    const kept = v.filter((i) => i.med_list_codg !== AMOXICILLIN);
    const lines = ['机构编码,名称,规格,单位,单价,条码,整售,医保编码', ...kept.map((i) => [i.medins_list_codg, i.name, i.spec, i.unit, (i.price / 100).toFixed(2), i.barcode ?? '', i.whole_units ? '是' : '否', i.med_list_codg ?? ''].join(','))];
    const file = path.join(t.dir, 'without-amoxicillin.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const id = 'f3c4d7a2-0000-4000-8000-000000000001';
    const data = fs.readFileSync(file).toString('base64');
    expect((await t.call('catalog.uploadChunk', { uploadId: id, fileName: 'without-amoxicillin.csv', index: 0, last: true, data })).ok).toBe(true);
    const imported = (await t.call('catalog.importUploaded', { uploadId: id, dryRun: false })).data;
    expect(imported.preview.counts.removed).toBe(1);
    expect((await t.call('catalog.activate', { versionId: imported.versionId, effectiveAt: null })).ok).toBe(true);
    const up = (await t.call('catalog.uploadMappings')).data;
    expect(up).toMatchObject({ revoked: 1, uploaded: 0 });
    expect(sim().national.mappings().find((m) => m.med_list_codg === AMOXICILLIN)?.state).toBe('revoked');
    expect((await t.call('catalog.lookup', { code: AMOXICILLIN })).ok).toBe(false);
  });
});
