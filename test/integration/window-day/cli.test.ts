/**
 * `pos day` and `pos reconcile --date` as the processes cron runs (src/main/cli.ts): on a window of an
 * institution database the per-terminal reconciliation exits 2 before anything is built (no store, no
 * center: the database named is not even reachable), pointing to `--institution` and `pos day`;
 * `pos day` gives the window's (empty) day; on a terminal of its own, `pos day` points back to `pos reconcile`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WindowDay } from '../../../src/shared/api-window-day.js';
import { tempDir } from '../../helpers/tmp.js';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('pos-day-cli-');
afterAll(() => tmp.cleanup());

function pos(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const window = path.join(tmp.dir, 'window.config.json');
const alone = path.join(tmp.dir, 'alone.config.json');
fs.writeFileSync(
  window,
  JSON.stringify({ center: { url: 'embedded' }, dataDir: path.join(tmp.dir, 'w'), terminal: { id: 'W07', msgidSlot: 7 }, institution: { database: { url: 'postgres://pos_w_w07@127.0.0.1:1/institution', tls: { mode: 'disable' } } } }),
);
fs.writeFileSync(alone, JSON.stringify({ center: { url: 'embedded' }, dataDir: path.join(tmp.dir, 'a') }));

describe('pos day / pos reconcile on a window of an institution', () => {
  it('pos reconcile --date: exit 2, no store opened, pointing to --institution and pos day', () => {
    const r = pos('reconcile', '--date', '2026-11-24', '--config', window);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('pos reconcile --institution --date 2026-11-24');
    expect(r.err).toContain('pos day --date 2026-11-24');
    expect(r.err).toContain('no per-terminal 3201 is sent');
    expect(fs.existsSync(path.join(tmp.dir, 'w'))).toBe(false);
  }, 100_000);

  it('pos day --json: the window day of a quiet day; usage; a terminal of its own is pointed to pos reconcile', () => {
    const r = pos('day', '--date', '2026-11-24', '--config', window, '--json');
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as WindowDay;
    expect(d).toMatchObject({ terminal_id: 'W07', business_date: '2026-11-24', cashiers: [], handovers: [], replication: { backlog: 0, state: null } });
    expect(d.total.cashExpected).toBe(0);
    expect(pos('day', '--date', '2026-11-31', '--config', window).code).toBe(2);
    const a = pos('day', '--date', '2026-11-24', '--config', alone);
    expect(a.code).toBe(2);
    expect(a.err).toContain('pos reconcile --date 2026-11-24');
  }, 200_000);
});
