/**
 * `pos reconcile --institution` / `pos export --institution` as processes, against a real PostgreSQL
 * and the embedded simulator: one window of this terminal's institution with a settlement the center
 * does not have → exit 3 naming the window and the cashier; the export writes the CSV with the window
 * breakdown; without institution.finance → exit 1 saying so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCstDate } from '../../../src/main/center/index.js';
import { asConfig, startInstitutionPg, type InstitutionPg } from '../../helpers/institution-pg.js';
import { insertSettlements, putWindowStatus } from '../../helpers/institution-eod.js';
import { tempDir } from '../../helpers/tmp.js';

const root = path.resolve(import.meta.dirname, '../../..');
const CODE = 'P53060200001'; // the configuration's default fixmedins_code
const day = formatCstDate(new Date());
let ipg: InstitutionPg;
let dir: string;

function pos(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = tempDir('inst-eod-cli-').dir;
  ipg = await startInstitutionPg(path.join(dir, 'pg'));
  await ipg.addWindow('CLI-W1', CODE, '收费一窗');
  await putWindowStatus(ipg.admin, 'CLI-W1');
  await insertSettlements(ipg.admin, [{ terminal_id: 'CLI-W1', fixmedins_code: CODE, business_date: day, created_at: new Date().toISOString(), cashier_no: '2001', psn_no: 'P1', insutype: '310', setl_id: 'NOT-AT-CENTER-1', mdtrt_id: 'M1', medfee_sumamt: 1000, fund_pay_sumamt: 600, acct_pay: 400, psn_cash_pay: 0 }]);
  const finance = asConfig(await ipg.addFinance());
  fs.writeFileSync(path.join(dir, 'inst.config.json'), JSON.stringify({ dataDir: path.join(dir, 'data'), center: { url: 'embedded', timeoutMs: 3000 }, institution: { finance } }));
  fs.writeFileSync(path.join(dir, 'alone.config.json'), JSON.stringify({ dataDir: path.join(dir, 'data2'), center: { url: 'embedded', timeoutMs: 3000 } }));
}, 60_000);

afterAll(async () => {
  await ipg?.close();
});

describe('pos reconcile / export --institution', () => {
  it('exit 3 with the difference naming window and cashier; the export writes the per-window CSV', () => {
    const r = pos('reconcile', '--institution', '--date', day, '--config', path.join(dir, 'inst.config.json'));
    expect(r.code, r.err).toBe(3);
    expect(r.out).toContain('全院对账');
    expect(r.out).toMatch(/NOT-AT-CENTER-1 窗口 CLI-W1 收费员 2001/);
    const out = path.join(dir, 'inst.csv');
    const e = pos('export', '--institution', '--date', day, '--format', 'csv', '--out', out, '--config', path.join(dir, 'inst.config.json'));
    expect(e.code, e.err).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('CLI-W1,收费一窗,NOT-AT-CENTER-1');
    expect(text).toContain('CLI-W1,收费一窗,310,41,1,10.00');
  }, 200_000);

  it('without institution.finance: exit 1, saying what is missing', () => {
    const r = pos('reconcile', '--institution', '--date', day, '--config', path.join(dir, 'alone.config.json'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('institution.finance is not configured');
  }, 100_000);
});
