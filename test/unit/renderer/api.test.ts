import { afterEach, describe, expect, it } from 'vitest';
import type { PosBridge } from '../../../src/shared/api.js';
import { api, ApiCallError } from '../../../src/renderer/lib/api.js';
import { beginBusy, busySnapshot, visibleBusy } from '../../../src/renderer/lib/busy.js';
import { isCertno, looksLikeCode, normaliseCertno } from '../../../src/renderer/lib/format.js';
import { newRequestId } from '../../../src/renderer/lib/uuid.js';
import { formatDateTimeOf, formatTimeOf, parseIsoDate, shiftDate, todayIn } from '../../../src/renderer/lib/business-time.js';

const g = globalThis as unknown as { pos?: PosBridge };
afterEach(() => {
  delete g.pos;
});

function stub(call: (name: string, input: unknown) => unknown): void {
  g.pos = { call: (async (name: string, input: unknown) => call(name, input)) as PosBridge['call'], on: () => () => {} };
}

describe('api()', () => {
  it('returns data on ok', async () => {
    stub(() => ({ ok: true, data: { depth: 3 } }));
    await expect(api('status.get', {})).resolves.toEqual({ depth: 3 });
  });

  it('throws ApiCallError carrying code, message and field', async () => {
    stub(() => ({ ok: false, error: { code: 'VALIDATION', message: 'bad', field: 'lines.0.qty' } }));
    const err = await api('settle.list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).code).toBe('VALIDATION');
    expect((err as ApiCallError).field).toBe('lines.0.qty');
    expect((err as ApiCallError).message).toBe('bad');
  });

  it('a bridge that throws becomes INTERNAL', async () => {
    g.pos = { call: (async () => { throw new Error('ipc gone'); }) as PosBridge['call'], on: () => () => {} };
    const err = await api('settle.list', {}).catch((e: unknown) => e);
    expect((err as ApiCallError).code).toBe('INTERNAL');
  });

  it('tracks the call as busy while it runs (not the quiet background calls)', async () => {
    let release!: () => void;
    g.pos = { call: (() => new Promise((r) => (release = () => r({ ok: true, data: [] })))) as unknown as PosBridge['call'], on: () => () => {} };
    const p = api('settle.list', {});
    expect(busySnapshot().map((b) => b.labelKey)).toEqual(['busy.list']);
    release();
    await p;
    expect(busySnapshot()).toEqual([]);
  });
});

describe('busy', () => {
  it('shows only what has run for the threshold, the oldest first', () => {
    const endA = beginBusy('busy.identify', 1000);
    const endB = beginBusy('busy.preview', 1500);
    expect(visibleBusy(busySnapshot(), 1999)).toBeNull();
    expect(visibleBusy(busySnapshot(), 2000)?.labelKey).toBe('busy.identify');
    endA();
    endA();
    expect(visibleBusy(busySnapshot(), 2600)?.labelKey).toBe('busy.preview');
    endB();
    expect(busySnapshot()).toEqual([]);
  });
});

describe('format helpers', () => {
  it('ID numbers', () => {
    expect(normaliseCertno(' 53060219800101123x ')).toBe('53060219800101123X');
    expect(isCertno('53060219800101123X')).toBe(true);
    expect(isCertno('5306021980010112')).toBe(false);
  });
  it('codes and barcodes', () => {
    expect(looksLikeCode('6901234567892')).toBe(true);
    expect(looksLikeCode('XJ01CAA040A001010100000')).toBe(true);
    expect(looksLikeCode('阿莫西林')).toBe(false);
    expect(looksLikeCode('amo')).toBe(false);
  });
  it('times and dates in the business time zone, whatever the machine’s zone', () => {
    const iso = '2026-12-01T18:04:05.000Z'; // 02:04:05 on 2 December in China
    expect(formatTimeOf(iso, 'Asia/Shanghai')).toBe('02:04:05');
    expect(formatDateTimeOf(iso, 'Asia/Shanghai')).toBe('2026-12-02 02:04:05');
    expect(formatTimeOf(iso, 'UTC')).toBe('18:04:05');
    expect(todayIn('Asia/Shanghai', new Date(iso))).toBe('2026-12-02');
    expect(formatTimeOf('garbage', 'Asia/Shanghai')).toBe('garbage');
    // an unknown zone in the configuration falls back to China time rather than failing
    expect(formatTimeOf(iso, 'Mars/Olympus')).toBe('02:04:05');
    expect(parseIsoDate('2026-12-02')).toBe('2026-12-02');
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('12/02/2026')).toBeNull();
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('request ids are v7 UUIDs, distinct and increasing', () => {
    const a = newRequestId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const b = newRequestId();
    expect(b).not.toBe(a);
    expect(b > a).toBe(true);
  });
});
