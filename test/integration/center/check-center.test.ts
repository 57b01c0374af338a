/**
 * `pos check-center` against loopback simulators (HTTP and HTTPS, signed and not): every step with
 * its time, the failing step named with a plain Chinese reason, the steps after it skipped, and the
 * exit codes 0 / 3 / 2. Run in-process with captured output (the command is a plain function).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim, type SimSecurityOptions, type SimTlsOptions } from '../../../src/center-sim/index.js';
import type { CheckReport } from '../../../src/main/center/check/index.js';
import { checkCenterCommand } from '../../../src/main/cli/check-center.js';
import { makePki, type Pki } from '../../helpers/pki.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('check-center-');
const sims: CenterSim[] = [];
let pki: Pki;
const term = smCrypto.sm2.generateKeyPairHex();
const b64 = (h: string) => Buffer.from(h, 'hex').toString('base64');
let n = 0;

beforeAll(() => {
  pki = makePki(path.join(t.dir, 'pki'));
});
afterAll(async () => {
  for (const s of sims) await s.close();
  t.cleanup();
});

async function sim(o: { security?: SimSecurityOptions; tls?: SimTlsOptions } = {}) {
  const s = await startCenterSim({ dbPath: path.join(t.dir, `sim-${sims.length}.db`), ...o });
  sims.push(s);
  return s;
}

function secretsFile(values: Record<string, string>, mode = 0o600): string {
  const f = path.join(t.dir, `secrets-${++n}.json`);
  fs.writeFileSync(f, JSON.stringify(values), { mode });
  fs.chmodSync(f, mode);
  return f;
}

async function check(center: Record<string, unknown>, extra: string[] = []) {
  const cfg = path.join(t.dir, `pos-${++n}.json`);
  fs.writeFileSync(cfg, JSON.stringify({ dataDir: path.join(t.dir, `data-${n}`), terminal: { fixmedins_code: 'H53060200001' }, center: { url: 'http://127.0.0.1:1', ...center } })); // a file names its center (issue 13)
  let out = '';
  let err = '';
  const code = await checkCenterCommand(['--config', cfg, ...extra], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

async function report(center: Record<string, unknown>, extra: string[] = []): Promise<{ code: number; r: CheckReport }> {
  const { code, out } = await check(center, [...extra, '--json']);
  return { code, r: JSON.parse(out) as CheckReport };
}

const statuses = (r: CheckReport) => Object.fromEntries(r.steps.map((s) => [s.id, s.status]));

describe('all good', () => {
  it('signed HTTPS center with a test person: every step passes, each with its time, the person masked; exit 0', async () => {
    const s = await sim({ tls: pki.server, security: { schemes: ['sm2-cainfo'], terminalPublicKey: Buffer.from(term.publicKey, 'hex') } });
    const zhang = s.people().find((p) => p.label.includes('张伟'))!;
    const center = { url: s.url, tls: { caFile: pki.caFile }, signing: { schemes: 'sm2-cainfo', secretsFile: secretsFile({ sm2PrivateKey: b64(term.privateKey) }) } };
    const { code, out } = await check(center, ['--person', zhang.certno]);
    expect(code).toBe(0);
    expect(out).toMatch(/^检查医保中心连接：https:\/\/127\.0\.0\.1:\d+  签名：sm2-cainfo\n/);
    for (const title of ['名称解析', 'TCP 连接', 'TLS 证书', 'HTTP 请求', '报文受理', '签名验证', '9001 签到', '1101 人员信息']) {
      expect(out).toMatch(new RegExp(`\\[通过\\] ${title}\\s+\\d+(\\.\\d)? ms  `));
    }
    expect(out).toContain('签发者 CN=Test Center Root CA');
    expect(out).toContain('签名方案 sm2-cainfo 通过验证');
    expect(out).toContain(zhang.psn_no);
    expect(out).not.toContain(zhang.certno);
    expect(out).not.toContain(zhang.psn_name);
    expect(out).toMatch(/全部通过（共 \d+ ms）\n$/);

    const { code: c2, r } = await report(center);
    expect(c2).toBe(0);
    expect(r.steps.map((x) => x.id)).toEqual(['dns', 'tcp', 'tls', 'http', 'envelope', 'signature', 'signin', 'person']);
    expect(statuses(r)).toMatchObject({ tls: 'ok', signin: 'ok', person: 'skipped' });
    expect(r.steps.every((x) => x.ms >= 0)).toBe(true);
  });

  it('a certificate expiring within a month is a warning, not a failure', async () => {
    const s = await sim({ tls: pki.serverValidFor(20) });
    const { code, r } = await report({ url: s.url, tls: { caFile: pki.caFile } });
    expect(code).toBe(0);
    const tls = r.steps.find((x) => x.id === 'tls')!;
    expect(tls.status).toBe('warn');
    expect(tls.reason).toMatch(/^服务器证书将于 \d{4}-\d{2}-\d{2} 到期（剩 (19|20) 天）/);
  });
});

describe('the failing step, with its reason, and exit 3', () => {
  it('TCP: nothing listens on the port', async () => {
    const port = await new Promise<number>((r) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => r(p));
      });
    });
    const { code, r } = await report({ url: `http://127.0.0.1:${port}` });
    expect(code).toBe(3);
    expect(statuses(r)).toEqual({ dns: 'ok', tcp: 'failed', tls: 'skipped', http: 'skipped', envelope: 'skipped', signature: 'skipped', signin: 'skipped', person: 'skipped' });
    expect(r.steps[1].reason).toMatch(/^对方拒绝连接：.*（ECONNREFUSED）$/);
  });

  it('name resolution: a host that does not exist', async () => {
    const { code, r } = await report({ url: 'https://no-such-center.invalid' });
    expect(code).toBe(3);
    expect(r.steps[0]).toMatchObject({ id: 'dns', status: 'failed', reason: expect.stringMatching(/（(ENOTFOUND|EAI_AGAIN)）$/) });
  });

  it('TLS: the center uses a private CA the terminal was not told about', async () => {
    const s = await sim({ tls: pki.server });
    const { code, out } = await check({ url: s.url });
    expect(code).toBe(3);
    expect(out).toMatch(/\[失败\] TLS 证书 .*主题 CN=center\.test.*\n\s+原因：服务器证书不受信任：.*center\.tls\.caFile/);
    expect(out).toMatch(/\[跳过\] HTTP 请求/);
  });

  it('TLS: the center wants a client certificate', async () => {
    const s = await sim({ tls: { ...pki.server, clientCa: pki.ca } });
    const { code, r } = await report({ url: s.url, tls: { caFile: pki.caFile } });
    expect(code).toBe(3);
    expect(r.steps[2]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/客户端证书/) });
    const ok = await report({ url: s.url, tls: { caFile: pki.caFile, certFile: pki.client.certFile, keyFile: pki.client.keyFile } });
    expect(ok.code).toBe(0);
  });

  it('HTTP: the URL points at the wrong path (404)', async () => {
    const s = await sim();
    const { code, r } = await report({ url: `${s.url}/wrong` });
    expect(code).toBe(3);
    expect(r.steps.find((x) => x.id === 'http')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^服务地址不存在：center\.url 应为/) });
  });

  it('signature: the center does not know the key (sm2-cainfo), and the gateway refuses a wrong secret (tif-header, HTTP 401)', async () => {
    const s = await sim({ security: { schemes: ['sm2-cainfo'], terminalPublicKey: Buffer.from(term.publicKey, 'hex') } });
    const other = smCrypto.sm2.generateKeyPairHex();
    const wrong = await report({ url: s.url, signing: { schemes: ['sm2-cainfo'], secretsFile: secretsFile({ sm2PrivateKey: b64(other.privateKey) }) } });
    expect(wrong.code).toBe(3);
    expect(statuses(wrong.r)).toMatchObject({ http: 'ok', envelope: 'ok', signature: 'failed', signin: 'skipped' });
    expect(wrong.r.steps.find((x) => x.id === 'signature')!.reason).toMatch(/^医保中心不接受签名：数字签名验证失败/);
    const unsigned = await report({ url: s.url });
    expect(unsigned.r.steps.find((x) => x.id === 'signature')!.reason).toMatch(/签名类型应为 SM2/);

    const gw = await sim({ security: { schemes: ['tif-header'], tif: { paasid: 'zt', secret: 'right-secret' } } });
    const tif = await report({ url: gw.url, signing: { schemes: ['tif-header'], tifHeader: { paasid: 'zt' }, secretsFile: secretsFile({ tifSecret: 'wrong-secret' }) } });
    expect(statuses(tif.r)).toMatchObject({ http: 'ok', envelope: 'skipped', signature: 'failed' });
    expect(tif.r.steps.find((x) => x.id === 'signature')!.reason).toMatch(/网关拒绝了签名：HTTP 401: 网关鉴权失败：签名不正确/);
  });

  it('9001: the center refuses the sign-in', async () => {
    const s = await sim();
    s.setFaults({ businessError: { infcode: -1, err_msg: '操作员 cli 未在医保中心备案' }, onlyInfno: '9001' });
    const { code, r } = await report({ url: s.url });
    expect(code).toBe(3);
    expect(statuses(r)).toMatchObject({ envelope: 'ok', signature: 'ok', signin: 'failed', person: 'skipped' });
    expect(r.steps.find((x) => x.id === 'signin')!.reason).toBe('医保中心拒绝签到：操作员 cli 未在医保中心备案');
  });

  it('envelope: an answer that is not the national envelope', async () => {
    const s = await sim();
    s.setFaults({ garbage: true });
    const { r } = await report({ url: s.url });
    expect(statuses(r)).toMatchObject({ http: 'ok', envelope: 'failed', signature: 'skipped' });
    expect(r.steps.find((x) => x.id === 'envelope')!.reason).toMatch(/^对方不像医保中心：/);
  });
});

describe('as a real process', () => {
  it('npm run pos -- check-center with SM2 signing prints the steps and exits by itself (nothing keeps it alive), code 0', async () => {
    const s = await sim({ security: { schemes: ['sm2-cainfo'], terminalPublicKey: Buffer.from(term.publicKey, 'hex') } });
    const cfg = path.join(t.dir, `pos-proc-${++n}.json`);
    fs.writeFileSync(cfg, JSON.stringify({ dataDir: path.join(t.dir, `data-proc-${n}`), center: { url: s.url, signing: { schemes: 'sm2-cainfo', secretsFile: secretsFile({ sm2PrivateKey: b64(term.privateKey) }) } } }));
    const root = path.resolve(import.meta.dirname, '../../..');
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli.ts'), 'check-center', '--config', cfg], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += String(d)));
      p.stderr.on('data', (d) => (out += String(d)));
      const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
      p.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });
    expect(r.out).toContain('[通过] 签名验证');
    expect(r.code).toBe(0);
  });
});

describe('usage and configuration: exit 2', () => {
  it('a bad --person, a configuration error, a secrets file others can read', async () => {
    expect((await check({ url: 'http://127.0.0.1:1' }, ['--person', '123'])).code).toBe(2);
    const bad = await check({ signing: { schemes: ['rsa'] } });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/配置错误 .*center\.signing\.schemes/);
    const open = await check({ signing: { schemes: ['sm2-cainfo'], secretsFile: secretsFile({ sm2PrivateKey: b64(term.privateKey) }, 0o644) } });
    expect(open.code).toBe(2);
    expect(open.err).toMatch(/chmod 600/);
    expect(open.err).not.toContain(b64(term.privateKey));
  });
});
