/**
 * The way to a real center: HTTPS to a loopback simulator whose certificate comes from a CA made in
 * this test, a required client certificate, a proxy / front-end processor in between (CONNECT for
 * https, absolute-form for http, with credentials), and certificates shown with their expiry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim, type SimTlsOptions } from '../../../src/center-sim/index.js';
import { CenterConfig } from '../../../src/main/center/config.js';
import { createCenterClient, createCenterTransport, formatMsgid, isCenterError, type CenterTransport } from '../../../src/main/center/index.js';
import { startProxy, type TestProxy } from '../../helpers/connect-proxy.js';
import { makePki, type Pki } from '../../helpers/pki.js';
import { tempDir } from '../../helpers/tmp.js';

const CODE = 'H53060200001';
const t = tempDir('tls-');
let pki: Pki;
const open: Array<{ close(): unknown }> = [];
let seq = 0;
const meta = () => ({ msgid: formatMsgid(CODE, new Date(), ++seq % 10000), insuplc_admdvs: '530600' });

beforeAll(() => {
  pki = makePki(path.join(t.dir, 'pki'));
});
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
  t.cleanup();
});

async function sim(tls?: SimTlsOptions): Promise<CenterSim> {
  const s = await startCenterSim({ dbPath: path.join(t.dir, `sim-${open.length}.db`), tls });
  open.push(s);
  return s;
}

function transport(center: unknown): CenterTransport {
  const tr = createCenterTransport(CenterConfig.parse(center));
  open.push(tr);
  return tr;
}

function signIn(url: string, tr: CenterTransport) {
  const c = createCenterClient({ url, fixmedins_code: CODE, fixmedins_name: '昭通测试医院', mdtrtarea_admvs: '530600', opter: '1001', opter_name: '李收费', timeoutMs: 5000, post: tr.post, chain: tr.chain });
  return c.signIn(meta());
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (!isCenterError(e)) throw e;
    return `${e.kind}: ${e.message}`;
  }
  throw new Error('expected a failure');
}

describe('HTTPS with a private CA', () => {
  let s: CenterSim;
  beforeAll(async () => {
    s = await sim(pki.server);
  });

  it('trusts the center through center.tls.caFile and shows its certificate and the CA with their expiry', async () => {
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tr = transport({ url: s.url, tls: { caFile: pki.caFile } });
    expect((await signIn(s.url, tr)).sign_no).toBeTruthy();
    const certs = tr.certificates();
    const server = certs.find((c) => c.role === 'server')!;
    expect(server).toMatchObject({ source: '127.0.0.1', subject: expect.stringContaining('CN=center.test'), issuer: expect.stringContaining('CN=Test Center Root CA'), expired: false, expiresSoon: false });
    expect(server.daysLeft).toBeGreaterThan(800);
    expect(certs.find((c) => c.role === 'ca')).toMatchObject({ source: pki.caFile, subject: expect.stringContaining('Test Center Root CA') });
  });

  it('without the CA (system trust only) the connection is refused: nothing is sent to an unverified center', async () => {
    const tr = transport({ url: s.url });
    expect(await failure(signIn(s.url, tr))).toMatch(/^unreachable: .*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  });

  it('a certificate our CA did not sign is refused', async () => {
    const other = await sim(pki.stranger);
    const tr = transport({ url: other.url, tls: { caFile: pki.caFile } });
    expect(await failure(signIn(other.url, tr))).toMatch(/^unreachable: .*(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED)/);
  });

  it('center.tls.servername: an address that is an IP, a certificate that names the host', async () => {
    const named = await sim(pki.serverValidFor(400, 'fsi.yn.test', false));
    expect(await failure(signIn(named.url, transport({ url: named.url, tls: { caFile: pki.caFile } })))).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    expect((await signIn(named.url, transport({ url: named.url, tls: { caFile: pki.caFile, servername: 'fsi.yn.test' } }))).sign_no).toBeTruthy();
  });

  it('a certificate expiring within the warning window is flagged a month ahead', async () => {
    const soon = await sim(pki.serverValidFor(12));
    const tr = transport({ url: soon.url, tls: { caFile: pki.caFile } });
    await signIn(soon.url, tr);
    const server = tr.certificates().find((c) => c.role === 'server')!;
    expect(server.expiresSoon).toBe(true);
    expect(server.daysLeft).toBeGreaterThanOrEqual(11);
    expect(server.daysLeft).toBeLessThanOrEqual(12);
    const later = tr.certificates(new Date(Date.now() + 13 * 86_400_000)).find((c) => c.role === 'server')!;
    expect(later.expired).toBe(true);
    const narrow = transport({ url: soon.url, tls: { caFile: pki.caFile, expiryWarningDays: 7 } });
    await signIn(soon.url, narrow);
    expect(narrow.certificates().find((c) => c.role === 'server')!.expiresSoon).toBe(false);
  });
});

describe('client certificate', () => {
  let s: CenterSim;
  beforeAll(async () => {
    s = await sim({ ...pki.server, clientCa: pki.ca });
  });

  it('a center that requires one refuses a terminal without it', async () => {
    expect(await failure(signIn(s.url, transport({ url: s.url, tls: { caFile: pki.caFile } })))).toMatch(/^unreachable: /);
  });

  it('center.tls.certFile / keyFile present it, and it is listed with its expiry', async () => {
    const tr = transport({ url: s.url, tls: { caFile: pki.caFile, certFile: pki.client.certFile, keyFile: pki.client.keyFile } });
    expect((await signIn(s.url, tr)).sign_no).toBeTruthy();
    expect(tr.certificates().find((c) => c.role === 'client')).toMatchObject({ source: pki.client.certFile, subject: expect.stringContaining('CN=H53060200001'), expiresSoon: false });
  });

  it('a key file that cannot be read stops the start, naming the field', () => {
    expect(() => createCenterTransport(CenterConfig.parse({ tls: { certFile: pki.client.certFile, keyFile: path.join(t.dir, 'nope.key') } }))).toThrow(/^center\.tls\.keyFile: .*ENOENT/);
    const notPem = path.join(t.dir, 'not.pem');
    fs.writeFileSync(notPem, 'hello');
    expect(() => createCenterTransport(CenterConfig.parse({ tls: { caFile: notPem } }))).toThrow(/^center\.tls\.caFile: holds no PEM certificate/);
    expect(CenterConfig.safeParse({ tls: { certFile: 'a.pem' } }).success).toBe(false);
  });
});

describe('proxy or front-end processor', () => {
  let tlsSim: CenterSim;
  let plainSim: CenterSim;
  let proxy: TestProxy;
  let authProxy: TestProxy;
  beforeAll(async () => {
    tlsSim = await sim(pki.server);
    plainSim = await sim();
    proxy = await startProxy();
    authProxy = await startProxy({ requireAuth: 'pos:pa55' });
    open.push(proxy, authProxy);
  });

  it('https goes through a CONNECT tunnel, TLS end to end', async () => {
    const tr = transport({ url: tlsSim.url, tls: { caFile: pki.caFile }, proxy: { url: proxy.url } });
    expect((await signIn(tlsSim.url, tr)).sign_no).toBeTruthy();
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${tlsSim.port}`);
    expect(tr.certificates().find((c) => c.role === 'server')?.subject).toContain('CN=center.test');
  });

  it('plain http goes as an absolute-form request', async () => {
    const tr = transport({ url: plainSim.url, proxy: { url: proxy.url } });
    expect((await signIn(plainSim.url, tr)).sign_no).toBeTruthy();
    expect(proxy.seen).toContain(`POST ${plainSim.url}/fsi/api/rsfComIfsService/callService`);
  });

  it('a proxy that wants credentials gets them from the secrets (proxyAuth), and says 407 without', async () => {
    expect(await failure(signIn(tlsSim.url, transport({ url: tlsSim.url, tls: { caFile: pki.caFile }, proxy: { url: authProxy.url } })))).toMatch(/refused CONNECT .*HTTP 407/);
    const secrets = path.join(t.dir, 'proxy-secrets.json');
    fs.writeFileSync(secrets, JSON.stringify({ proxyAuth: 'pos:pa55' }), { mode: 0o600 });
    const tr = transport({ url: tlsSim.url, tls: { caFile: pki.caFile }, proxy: { url: authProxy.url }, signing: { secretsFile: secrets } });
    expect((await signIn(tlsSim.url, tr)).sign_no).toBeTruthy();
  });
});
