import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runSplitCommand } from '../../../src/main/cli/split-command.js';
import { splitRequestJsonSchema } from '../../../src/main/settle/index.js';

const dir = mkdtempSync(join(tmpdir(), 'split-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function streams(input?: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  if (input !== undefined) stdin.end(input);
  return { io: { stdin, stdout, stderr }, out: () => out, err: () => err, stdin };
}

const inline = {
  lines: [
    { line_no: 1, code: 'XJ01DCC027E001010100004', name: '头孢克洛胶囊', chrgitm_lv: '02', pric: 2500, cnt: '1', selfpay_prop: 1000, pric_uplmt_amt: null },
  ],
  policy: { dedc_left: 0, pool_ratio: 7000, pool_cap_left: 200000, hifmi_ratio: 0, hifmi_cap_left: 0, cvlserv_ratio: 0, acct_may_pay_class_c: true, policy_version: 'inline-1' },
  person: { acct_balc: 500, acct_used: true, mulaid_balc: null, fund_allowed: true },
};
// 2500 B 10%: pre 250, in scope 2250, hifp 1575, co-ins 675, psn_part 925, acct 500, cash 425.
const inlineExpect = { medfee_sumamt: 2500, preselfpay_amt: 250, inscp_scp_amt: 2250, hifp_pay: 1575, pool_prop_selfpay: 675, fund_pay_sumamt: 1575, psn_part_amt: 925, acct_pay: 500, psn_cash_pay: 425, policy_version: 'inline-1' };

const byContext = {
  lines: [{ line_no: 1, code: 'A', chrgitm_lv: '01', pric: 10000, cnt: '1', selfpay_prop: 0, pric_uplmt_amt: null }],
  person: { acct_balc: 0, acct_used: false, mulaid_balc: null, fund_allowed: true },
  context: { insutype: '310', med_type: '41', hosp_level: 1, date: '2026-01-01', ytd: { year: 2026, dedc_used: 20000, hifp_paid: 0, hifmi_paid: 0 } },
};

describe('pos split', () => {
  it('splits an inline request from stdin', async () => {
    const s = streams(JSON.stringify(inline));
    expect(await runSplitCommand([], s.io)).toBe(0);
    const out = JSON.parse(s.out());
    expect(out).toMatchObject(inlineExpect);
    expect(out.lines).toHaveLength(1);
    expect(out.explanation.find((e: { key: string }) => e.key === 'line.1.preselfpay_amt').zh).toBe('头孢克洛胶囊 乙类先行自付 10%: 2.50 元');
    expect(out.ytd_delta).toEqual({ dedc_used: 0, hifp_paid: 1575, hifmi_paid: 0 });
    expect(s.err()).toBe('');
  });

  it('reads the request from a file', async () => {
    const f = join(dir, 'req.json');
    writeFileSync(f, JSON.stringify(inline));
    const s = streams();
    expect(await runSplitCommand([f], s.io)).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject(inlineExpect);
  });

  it('resolves a request by context with the bundled sample policy of --region 530600', async () => {
    const s = streams(JSON.stringify(byContext));
    expect(await runSplitCommand(['--region', '530600'], s.io)).toBe(0);
    // 2026 employee pharmacy: 75% of 10000 = 7500
    expect(JSON.parse(s.out())).toMatchObject({ hifp_pay: 7500, psn_part_amt: 2500, policy_version: '530600-2026-sample' });
  });

  it('resolves a request by context with --policy FILE or policy_file', async () => {
    const policy = JSON.parse(readFileSync(new URL('../../../src/main/settle/data/policy-530600.json', import.meta.url), 'utf8'));
    policy.versions[1].insutypes['310'].med_types['41'].ratio_bp = 9000;
    policy.versions[1].version = 'custom-2026';
    const f = join(dir, 'policy.json');
    writeFileSync(f, JSON.stringify(policy));
    let s = streams(JSON.stringify(byContext));
    expect(await runSplitCommand(['--policy', f, '--region', '530600'], s.io)).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject({ hifp_pay: 9000, policy_version: 'custom-2026' });
    s = streams(JSON.stringify({ ...byContext, policy_file: f }));
    expect(await runSplitCommand([], s.io)).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject({ hifp_pay: 9000 });
  });

  const bad: [string, string[], string, RegExp][] = [
    ['a field of the request', [], JSON.stringify({ ...inline, lines: [{ ...inline.lines[0], cnt: '1.00001' }] }), /lines\.0\.cnt/],
    ['a policy ratio', [], JSON.stringify({ ...inline, policy: { ...inline.policy, pool_ratio: 70.5 } }), /policy\.pool_ratio/],
    ['broken JSON', [], '{"lines": [', /invalid JSON/],
    ['a context field', ['--region', '530600'], JSON.stringify({ ...byContext, context: { ...byContext.context, hosp_level: 4 } }), /context\.hosp_level/],
    ['a date no policy covers', ['--region', '530600'], JSON.stringify({ ...byContext, context: { ...byContext.context, date: '2020-01-01' } }), /no policy version covers 2020-01-01/],
    ['a context without a policy', [], JSON.stringify(byContext), /needs a policy/],
    ['an unknown option', ['--fast'], JSON.stringify(inline), /unknown option --fast/],
    ['a region without a bundled policy', ['--region', '110000'], JSON.stringify(byContext), /no bundled policy for region 110000/],
    ['a missing input file', [join(dir, 'missing.json')], '', /ENOENT/],
  ];
  for (const [what, argv, input, message] of bad) {
    it(`exits 2 naming ${what}, with no split written`, async () => {
      const s = streams(input);
      expect(await runSplitCommand(argv, s.io)).toBe(2);
      expect(s.err()).toMatch(message);
      expect(s.out()).toBe('');
    });
  }

  it('exits 2 when the policy file is invalid, naming the field inside it', async () => {
    const f = join(dir, 'bad-policy.json');
    writeFileSync(f, JSON.stringify({ region: '530600', name: 'x', sample: true, versions: [{ version: 'v', effective_from: '2025-01-01', insutypes: { '310': { has_personal_account: true, acct_may_pay_class_c: true, med_types: { '41': { deductible_fen: 0, ratio_bp: 20000, annual_cap_fen: 0 } } } } }] }));
    const s = streams(JSON.stringify(byContext));
    expect(await runSplitCommand(['--policy', f], s.io)).toBe(2);
    expect(s.err()).toMatch(/versions\.0\.insutypes\.310\.med_types\.41\.ratio_bp/);
  });

  it('exits 2 when the policy region does not match --region', async () => {
    const policy = JSON.parse(readFileSync(new URL('../../../src/main/settle/data/policy-530600.json', import.meta.url), 'utf8'));
    policy.region = '530100';
    const f = join(dir, 'kunming.json');
    writeFileSync(f, JSON.stringify(policy));
    const s = streams(JSON.stringify(byContext));
    expect(await runSplitCommand(['--policy', f, '--region', '530600'], s.io)).toBe(2);
    expect(s.err()).toMatch(/530100 does not match --region 530600/);
  });
});

describe('pos split --ndjson', () => {
  it('answers line by line; an invalid line gets an error object and a nonzero exit at the end', async () => {
    const input = [
      JSON.stringify(inline),
      '',
      JSON.stringify({ ...inline, person: { ...inline.person, acct_balc: -5 } }),
      'not json',
      JSON.stringify(byContext),
    ].join('\n');
    const s = streams(input);
    expect(await runSplitCommand(['--ndjson', '--region', '530600'], s.io)).toBe(2);
    const lines = s.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject(inlineExpect);
    expect(lines[1]).toEqual({ error: { line: 3, field: 'person.acct_balc', message: expect.stringContaining('person.acct_balc') } });
    expect(lines[2].error).toMatchObject({ line: 4, field: '(input)' });
    expect(lines[3]).toMatchObject({ hifp_pay: 7500 });
    expect(s.err()).toMatch(/2 of the input lines were invalid/);
  });

  it('exits 0 when every line is valid', async () => {
    const s = streams(`${JSON.stringify(inline)}\r\n${JSON.stringify(inline)}\r\n`);
    expect(await runSplitCommand(['--ndjson'], s.io)).toBe(0);
    expect(s.out().trimEnd().split('\n')).toHaveLength(2);
  });

  it('streams: the answer to a line comes before the input ends', async () => {
    const s = streams();
    const done = runSplitCommand(['--ndjson'], s.io);
    s.stdin.write(`${JSON.stringify(inline)}\n`);
    await new Promise<void>((resolve) => {
      const check = () => (s.out().includes('\n') ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(JSON.parse(s.out())).toMatchObject({ psn_part_amt: 925 });
    s.stdin.end(`${JSON.stringify(inline)}\n`);
    expect(await done).toBe(0);
    expect(s.out().trimEnd().split('\n')).toHaveLength(2);
  });

  it('keeps up with 20,000 lines', async () => {
    const s = streams();
    const done = runSplitCommand(['--ndjson'], s.io);
    const line = `${JSON.stringify(inline)}\n`;
    for (let i = 0; i < 20_000; i++) {
      if (!s.stdin.write(line)) await new Promise((r) => s.stdin.once('drain', r));
    }
    s.stdin.end();
    expect(await done).toBe(0);
    expect(s.out().split('\n').length - 1).toBe(20_000);
  });
});

describe('split-request.schema.json', () => {
  it('is the JSON Schema of SplitCommandRequest as splitRequestJsonSchema() makes it (regenerate on change)', () => {
    const file = JSON.parse(readFileSync(new URL('../../../src/main/settle/split-request.schema.json', import.meta.url), 'utf8'));
    const schema = splitRequestJsonSchema();
    expect(file).toEqual(schema);
    expect((schema.anyOf as unknown[]).length).toBe(2);
    expect(JSON.stringify(schema)).toContain('"context"');
    expect(JSON.stringify(schema)).toContain('"pool_ratio"');
  });
});
