/**
 * An internal error reaches the cashier as an incident number only — no raw message, no file path —
 * while its stack goes to <dataDir>/logs/pos.log (0600, rotated). Old cached people are purged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogFile } from '../../../src/main/security/log-file.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { tempDir } from '../../helpers/tmp.js';

let a: AppUnderTest | null = null;
afterEach(async () => {
  await a?.close();
  a = null;
});

describe('internal errors', () => {
  it('the cashier sees an incident number; the log file (0600) has the stack and the raw message', async () => {
    a = await startApp();
    await a.login();
    a.app.store.settlements.listByDate = () => {
      throw new Error('SQLITE_CORRUPT at /var/lib/yb-pos/terminal.db page 42');
    };
    const r = await a.call('settle.list', {});
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INTERNAL');
    expect(r.error.message).not.toMatch(/\/var\/lib|SQLITE|page 42/);
    const incident = (r.error as unknown as { params: { incident: string } }).params.incident;
    expect(incident).toMatch(/^[0-9A-F]{8}$/);
    const log = path.join(a.dir, 'logs', 'pos.log');
    const text = fs.readFileSync(log, 'utf8');
    expect(text).toContain(`incident ${incident}`);
    expect(text).toContain('/var/lib/yb-pos/terminal.db page 42');
    expect(text).toMatch(/at .*\.ts:\d+/); // the stack
    expect(fs.statSync(log).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(log)).mode & 0o777).toBe(0o700);
  });
});

describe('the log file', () => {
  it('rotates at maxBytes and keeps `keep` old files, each 0600', () => {
    const t = tempDir('pos-log-');
    try {
      const log = createLogFile(t.dir, { maxBytes: 1000, keep: 2 });
      for (let i = 0; i < 60; i++) log.write(`line ${i} ${'x'.repeat(80)}`);
      const files = fs.readdirSync(t.dir).sort();
      expect(files).toEqual(['pos.log', 'pos.log.1', 'pos.log.2']);
      for (const f of files) {
        expect(fs.statSync(path.join(t.dir, f)).size).toBeLessThanOrEqual(1000);
        expect(fs.statSync(path.join(t.dir, f)).mode & 0o777).toBe(0o600);
      }
      expect(fs.readFileSync(path.join(t.dir, 'pos.log'), 'utf8')).toContain('line 59');
    } finally {
      t.cleanup();
    }
  });
});

describe('the person cache', () => {
  it('entries older than security.personCacheDays are purged at start', async () => {
    a = await startApp();
    await a.login();
    const p = a.app.sim!.people().find((x) => x.psn_no === '530600000000000003')!;
    await a.identifyTyped(p.psn_no);
    expect(a.app.store.personCache.byCertno(p.certno)).not.toBeNull();
    a.app.store.db.prepare("UPDATE person_cache SET fetched_at = '2020-01-01T00:00:00.000Z'").run();
    const dir = a.dir;
    await a.app.close();
    const b = await startApp({ dataDir: dir, security: { personCacheDays: 30 } });
    try {
      expect(b.app.store.personCache.byCertno(p.certno)).toBeNull();
      expect(b.app.store.db.prepare('SELECT COUNT(*) FROM person_cache').pluck().get()).toBe(0);
    } finally {
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
      a = null;
    }
  });
});
