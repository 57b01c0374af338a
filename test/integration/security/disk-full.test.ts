/**
 * A full disk, for real: the data directory on a small tmpfs mounted for the test (root only; where
 * mounting is not allowed, SQLite's max_page_count makes the database "full" the same way — SQLITE_FULL
 * from the same write path). A confirm is refused plainly with nothing half-written, the process (and
 * the embedded simulator in it) survives, login and logout are still audited when the disk is nearly
 * full, and start-up on a full disk says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/main/app.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';

const LINES = [{ code: 'XA11GAV017A001010100011', qty: '1' }];
const counts = (a: AppUnderTest) =>
  a.app.store.db.prepare("SELECT (SELECT COUNT(*) FROM settlements) s, (SELECT COUNT(*) FROM outbox) o, (SELECT COUNT(*) FROM audit WHERE action = 'settlement.confirm') c").get();

function tryMount(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0 || os.platform() !== 'linux') return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-diskfull-'));
const mounted = tryMount(mnt, '24m');
let rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  if (mounted) execFileSync('umount', ['-l', mnt]);
  fs.rmSync(mnt, { recursive: true, force: true });
});

describe.runIf(mounted)('on a real full disk (tmpfs)', () => {
  let a: AppUnderTest;
  const dataDir = path.join(mnt, 'data');
  const filler = path.join(mnt, 'filler');

  it('a confirm is refused plainly, nothing is half-written, the process and the simulator live on', async () => {
    a = await startApp({ dataDir, security: { minFreeDiskMb: 0 } });
    await a.login();
    const p = await a.identifyTyped('530600000000000003');
    // one settlement waits in the queue (the center is down) to be sent once the disk is full
    a.app.sim!.setFaults({ down: true });
    expect((await a.call('settle.confirm', { ...a.draft(p.personRef, LINES), requestId: a.newRequestId() })).ok).toBe(true);
    const before = counts(a);
    // fill the disk to the last byte
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch {
      for (;;) {
        try {
          fs.writeSync(fd, Buffer.alloc(512, 1));
        } catch {
          break;
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    rejections = [];
    const r = await a.call('settle.confirm', { ...a.draft(p.personRef, LINES), requestId: a.newRequestId() });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('STORAGE_FULL');
    expect(counts(a)).toEqual(before);
    // the simulator shares the disk: the queued settlement and more identifications reach it now, its
    // writes fail, and it answers (an error) instead of killing the process with an unhandled rejection
    a.app.sim!.setFaults({ down: false });
    const retried = await a.call('sync.retryNow');
    expect(retried.ok || retried.error.code === 'STORAGE_FULL').toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const who = a.app.sim!.people()[i % 10]!;
      const r = await a.call('person.identify', { mdtrt_cert_type: '02', certno: who.certno });
      seen.add(r.ok ? 'ok' : r.error.code);
    }
    expect([...seen].every((c) => ['ok', 'STORAGE_FULL', 'CENTER_BAD_REPLY', 'CENTER_REFUSED'].includes(c)), [...seen].join()).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(rejections).toEqual([]);
    expect((await a.call('status.get')).ok).toBe(true);
    expect(a.app.store.db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").pluck().get()).toBeGreaterThan(0);
    expect(await a.app.store.auditVerifier.verify()).toMatchObject({ ok: true });
    await a.app.close();
  });

  it('start-up on the full disk says so in plain words', async () => {
    const lines: string[] = [];
    const start = buildApp({ shell: 'browser', overrides: { dataDir, devices: { virtual: false } }, log: (l) => lines.push(l) }).then(
      async (app) => {
        await app.close();
        return 'started';
      },
      (e: Error) => e.message,
    );
    const outcome = await start;
    console.log(`[disk-full] start-up on a full disk: ${outcome === 'started' ? lines.filter((l) => /disk/.test(l)).join(' | ') : outcome}`);
    // either it cannot open its files, or it opens and refuses settlements: both are said plainly
    if (outcome === 'started') expect(lines.join('\n')).toMatch(/disk holding .* is nearly full .* settlements are refused/);
    else expect(outcome).toMatch(/the disk holding .* is full .*free some space/);
    fs.rmSync(filler);
  });
});

describe('a database that cannot grow (max_page_count), and a nearly full disk', () => {
  it('SQLITE_FULL on confirm: refused as STORAGE_FULL with nothing half-written', async () => {
    const a = await startApp();
    try {
      await a.login();
      const p = await a.identifyTyped('530600000000000003');
      a.app.store.db.exec('VACUUM'); // no free pages left to reuse
      const pages = a.app.store.db.pragma('page_count', { simple: true }) as number;
      a.app.store.db.pragma(`max_page_count = ${pages}`);
      // confirms fill the pages there are; the one that needs a new page meets SQLITE_FULL
      let r;
      let before;
      for (let i = 0; i < 200; i++) {
        before = counts(a);
        r = await a.call('settle.confirm', { ...a.draft(p.personRef, LINES), requestId: a.newRequestId() });
        if (!r.ok) break;
      }
      expect(r!.error).toMatchObject({ code: 'STORAGE_FULL' });
      expect(r!.error.message).not.toMatch(/SQLITE|\//);
      expect(counts(a)).toEqual(before);
      expect(await a.app.store.auditVerifier.verify()).toMatchObject({ ok: true });
      a.app.store.db.pragma('max_page_count = 1073741823');
      expect((await a.call('settle.confirm', { ...a.draft(p.personRef, LINES), requestId: a.newRequestId() })).ok).toBe(true);
    } finally {
      await a.close();
    }
  });

  it('below security.minFreeDiskMb confirms are refused, while login and logout are still audited', async () => {
    const a = await startApp({ security: { minFreeDiskMb: 1_000_000 } });
    try {
      await a.login();
      const p = await a.identifyTyped('530600000000000003');
      const r = await a.call('settle.confirm', { ...a.draft(p.personRef, LINES), requestId: a.newRequestId() });
      expect(r.error.code).toBe('STORAGE_FULL');
      expect((await a.call('security.status')).data.disk.low).toBe(true);
      await a.call('session.logout');
      const acts = a.app.store.audit.list().map((e) => e.action);
      expect(acts).toEqual(expect.arrayContaining(['session.login', 'session.logout']));
      expect(acts).not.toContain('settlement.confirm');
    } finally {
      await a.close();
    }
  });
});
