/**
 * Both sides of every signing scheme over real loopback HTTP: the terminal's chain (as configured)
 * against the simulator verifying what it was told to expect, and the refusals a center gives for a
 * wrong signature, a stale time, a reused nonce, a tampered body or an unsigned message.
 */
import fs from 'node:fs';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterSim, type CenterSim, type SimSecurityOptions } from '../../../src/center-sim/index.js';
import { CenterConfig } from '../../../src/main/center/config.js';
import { createCenterClient, createCenterTransport, formatMsgid, isCenterError, serviceUrl, type CenterClient, type TransportChain } from '../../../src/main/center/index.js';
import { createTransportChain } from '../../../src/main/center/signing/chain.js';
import { SigningConfig, type SigningSecrets } from '../../../src/main/center/signing/config.js';
import { tempDir } from '../../helpers/tmp.js';

const CODE = 'H53060200001';
const term = smCrypto.sm2.generateKeyPairHex();
const center = smCrypto.sm2.generateKeyPairHex();
const stranger = smCrypto.sm2.generateKeyPairHex();
const b64 = (h: string) => Buffer.from(h, 'hex').toString('base64');
const SM4 = '00112233445566778899aabbccddeeff';
const TIF = { paasid: 'zt_pos', secret: 'gateway-secret-2026' };
const secrets: SigningSecrets = { tifSecret: TIF.secret, sm2PrivateKey: b64(term.privateKey), sm2PublicKey: b64(term.publicKey), sm4Key: SM4 };

const t = tempDir('signed-');
let seq = 0;
const meta = () => ({ msgid: formatMsgid(CODE, new Date(), ++seq % 10000), insuplc_admdvs: '530600' });
const sims: CenterSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
  t.cleanup();
});

async function sim(security: SimSecurityOptions | undefined): Promise<CenterSim> {
  const s = await startCenterSim({ dbPath: path.join(t.dir, `sim-${sims.length}.db`), security });
  sims.push(s);
  return s;
}

function chainOf(signing: unknown, values: SigningSecrets = secrets): TransportChain | null {
  return createTransportChain(SigningConfig.parse(signing), { values, source: 'test' });
}

function client(url: string, chain: TransportChain | null, now?: () => Date): CenterClient {
  return createCenterClient({ url, fixmedins_code: CODE, fixmedins_name: '昭通测试医院', mdtrtarea_admvs: '530600', opter: '1001', opter_name: '李收费', timeoutMs: 5000, chain, now });
}

/** the chain, with the body changed after it was sealed (someone on the way) */
function tampered(chain: TransportChain, change: (body: string) => string): TransportChain {
  return {
    ...chain,
    seal(env, ctx) {
      const sealed = chain.seal(env, ctx);
      return { ...sealed, body: change(sealed.body) };
    },
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isCenterError(e)) return { kind: e.kind, err_msg: e.err_msg, httpStatus: e.httpStatus, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

const simSecurity = (schemes: SimSecurityOptions['schemes'], extra: Partial<SimSecurityOptions> = {}): SimSecurityOptions => ({
  schemes,
  tif: TIF,
  terminalPublicKey: Buffer.from(term.publicKey, 'hex'),
  sm4Key: Buffer.from(SM4, 'hex'),
  ...extra,
});

describe.each([
  { name: 'tif-header', schemes: ['tif-header'] as const },
  { name: 'sm3-cainfo', schemes: ['sm3-cainfo'] as const },
  { name: 'sm2-cainfo', schemes: ['sm2-cainfo'] as const },
  { name: 'sm4-envelope', schemes: ['sm4-envelope'] as const },
  { name: 'sm4-envelope + sm2-cainfo + tif-header', schemes: ['sm4-envelope', 'sm2-cainfo', 'tif-header'] as const },
])('$name: the terminal signs, the simulator verifies', ({ schemes }) => {
  let s: CenterSim;
  let c: CenterClient;
  beforeAll(async () => {
    s = await sim(simSecurity([...schemes], { centerPrivateKey: Buffer.from(center.privateKey, 'hex') }));
    c = client(s.url, chainOf({ schemes: [...schemes], secretsFile: 'x', tifHeader: { paasid: TIF.paasid }, sm2: { centerPublicKey: b64(center.publicKey) } }));
  });

  it('9001 signs in and 1101 finds the person (the input arrived intact)', async () => {
    const signIn = await c.signIn(meta());
    expect(signIn.sign_no).toMatch(/\S/);
    const zhang = s.people().find((p) => p.label.includes('张伟'))!;
    const out = await c.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: zhang.certno }, meta());
    expect(out.baseinfo.psn_no).toBe(zhang.psn_no);
  });

  it('an unsigned terminal is refused and nothing is stored', async () => {
    const before = s.messageCount();
    const r = await refusal(client(s.url, null).signIn(meta()));
    if (schemes.includes('tif-header' as never)) expect(r).toMatchObject({ kind: 'bad_reply', httpStatus: 401, message: expect.stringMatching(/缺少请求头 x-tif-paasid/) });
    else expect(r.kind).toBe('refused');
    expect(s.messageCount()).toBe(before);
  });
});

describe('refusals a center gives', () => {
  let sm2: CenterSim;
  let tif: CenterSim;
  let sm4: CenterSim;
  beforeAll(async () => {
    sm2 = await sim(simSecurity(['sm2-cainfo']));
    tif = await sim(simSecurity(['tif-header'], { tif: { ...TIF, postToInfno: true } }));
    sm4 = await sim(simSecurity(['sm4-envelope'], { centerPrivateKey: Buffer.from(center.privateKey, 'hex') }));
  });

  it('sm2-cainfo: a key the center does not know, a wrong signtype, a stale inf_time', async () => {
    const wrongKey = chainOf({ schemes: ['sm2-cainfo'], secretsFile: 'x' }, { sm2PrivateKey: b64(stranger.privateKey) });
    expect(await refusal(client(sm2.url, wrongKey).signIn(meta()))).toMatchObject({ kind: 'refused', err_msg: expect.stringMatching(/^数字签名验证失败.*\(cainfo\)$/) });
    const otherType = chainOf({ schemes: ['sm2-cainfo'], secretsFile: 'x', cainfo: { signtype: 'SM2withSM3' } });
    expect(await refusal(client(sm2.url, otherType).signIn(meta()))).toMatchObject({ err_msg: '签名类型应为 SM2，收到 "SM2withSM3" (signtype)' });
    const late = client(sm2.url, chainOf({ schemes: ['sm2-cainfo'], secretsFile: 'x' }), () => new Date(Date.now() - 10 * 60_000));
    expect(await refusal(late.signIn(meta()))).toMatchObject({ err_msg: expect.stringMatching(/^报文时间与中心时间相差 6\d\d 秒，超过允许的 300 秒/) });
  });

  it('sm2-cainfo: a body changed after signing is refused', async () => {
    const tampering = client(sm2.url, tampered(chainOf({ schemes: ['sm2-cainfo'], secretsFile: 'x' })!, (body) => body.replace('"opter_name":"李收费"', '"opter_name":"王收费"')));
    expect(await refusal(tampering.signIn(meta()))).toMatchObject({ err_msg: expect.stringMatching(/^数字签名验证失败/) });
  });

  it('tif-header: wrong secret, unknown paasid, stale timestamp, reused nonce — the gateway answers 401 and the center sees nothing', async () => {
    const good = { schemes: ['tif-header'], secretsFile: 'x', tifHeader: { paasid: TIF.paasid, postToInfno: true } };
    const before = tif.messageCount();
    const wrong = chainOf(good, { tifSecret: 'not-the-secret' });
    expect(await refusal(client(tif.url, wrong).signIn(meta()))).toMatchObject({ httpStatus: 401, message: expect.stringContaining('签名不正确 (x-tif-signature)') });
    const paas = chainOf({ ...good, tifHeader: { paasid: 'someone_else', postToInfno: true } });
    expect(await refusal(client(tif.url, paas).signIn(meta()))).toMatchObject({ httpStatus: 401, message: expect.stringContaining('应用编号 someone_else 未授权') });
    const late = client(tif.url, chainOf(good), () => new Date(Date.now() - 3_600_000));
    expect(await refusal(late.signIn(meta()))).toMatchObject({ message: expect.stringMatching(/时间戳与网关时间相差 360\d 秒/) });
    expect(tif.messageCount()).toBe(before);

    // a captured request sent again word for word
    const sealed = chainOf(good)!.seal(
      JSON.parse(JSON.stringify({ infno: '9001', msgid: meta().msgid, mdtrtarea_admvs: '530600', insuplc_admdvs: '530600', recer_sys_code: 'YBXT', infver: 'V1.0', opter_type: '1', opter: '1001', opter_name: '李收费', inf_time: '', fixmedins_code: CODE, fixmedins_name: '昭通测试医院', input: { signIn: { opter_no: '1001' } } })),
      { baseUrl: tif.url, url: serviceUrl(tif.url), infno: '9001', msgid: 'x', now: new Date() },
    );
    expect(sealed.url).toBe(`${tif.url}/9001`);
    const send = () => fetch(sealed.url, { method: 'POST', headers: { 'content-type': 'application/json', ...sealed.headers }, body: sealed.body });
    const first = await send();
    expect(first.status).toBe(200);
    const again = await send();
    expect(again.status).toBe(401);
    expect((await again.json()).message).toBe('网关鉴权失败：随机数已使用，疑似重放请求 (x-tif-nonce)');
    // routed by infno: the address and the envelope must agree
    const misrouted = await fetch(`${tif.url}/1101`, { method: 'POST', headers: { ...chainOf(good)!.seal({}, { baseUrl: tif.url, url: '', infno: '1101', msgid: '', now: new Date() }).headers }, body: sealed.body });
    expect(misrouted.status).toBe(400);
  });

  it('sm4-envelope: the reply output arrives encrypted and signed, and a wrong center key is caught', async () => {
    const seen: string[] = [];
    const base = chainOf({ schemes: ['sm4-envelope'], secretsFile: 'x', sm2: { centerPublicKey: b64(center.publicKey) } })!;
    const spying = client(sm4.url, { ...base, openReply: (r) => (seen.push(typeof r.output), base.openReply(r)) });
    await spying.signIn(meta());
    expect(seen).toEqual(['string']);
    const mistrusting = client(sm4.url, chainOf({ schemes: ['sm4-envelope'], secretsFile: 'x', sm2: { centerPublicKey: b64(stranger.publicKey) } }));
    expect(await refusal(mistrusting.signIn(meta()))).toMatchObject({ kind: 'bad_reply', message: expect.stringContaining('signData') });
  });

  it('sm4-envelope: a tampered encData or another SM4 key is refused before anything is decrypted into the input', async () => {
    const flip = client(
      sm4.url,
      tampered(chainOf({ schemes: ['sm4-envelope'], secretsFile: 'x' })!, (text) => {
        const body = JSON.parse(text);
        body.encData = (body.encData[0] === 'A' ? 'B' : 'A') + body.encData.slice(1);
        return JSON.stringify(body);
      }),
    );
    expect(await refusal(flip.signIn(meta()))).toMatchObject({ err_msg: '验签失败：signData 与报文不符 (signData)' });
    const otherKey = chainOf({ schemes: ['sm4-envelope'], secretsFile: 'x' }, { ...secrets, sm4Key: 'ffeeddccbbaa99887766554433221100' });
    expect(await refusal(client(sm4.url, otherKey).signIn(meta()))).toMatchObject({ err_msg: expect.stringMatching(/^解密失败：.*\(encData\)$/) });
  });
});

describe('from the configuration file to the wire', () => {
  it('center.signing with a 0600 secrets file signs what the simulator accepts', async () => {
    const file = path.join(t.dir, 'center-secrets.json');
    fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    const s = await sim(simSecurity(['sm2-cainfo', 'tif-header']));
    const transport = createCenterTransport(CenterConfig.parse({ url: s.url, signing: { schemes: 'sm2-cainfo+tif-header', secretsFile: file, tifHeader: { paasid: TIF.paasid } } }));
    try {
      expect(transport.schemes).toBe('sm2-cainfo+tif-header');
      const c = createCenterClient({ url: s.url, fixmedins_code: CODE, fixmedins_name: '昭通测试医院', mdtrtarea_admvs: '530600', opter: '1001', opter_name: '李收费', post: transport.post, chain: transport.chain });
      expect((await c.signIn(meta())).sign_no).toBeTruthy();
    } finally {
      transport.close();
    }
    fs.chmodSync(file, 0o644);
    expect(() => createCenterTransport(CenterConfig.parse({ signing: { schemes: ['sm2-cainfo'], secretsFile: file } }))).toThrow(/^center\.signing\.secretsFile: .*chmod 600/);
  });
});
