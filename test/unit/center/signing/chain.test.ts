/**
 * The signing chain as configured by name: what each scheme writes on the wire, pinned by values
 * computed here from the definitions (not by the code under test), and the configuration rules.
 */
import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { canonicalFields } from '../../../../src/main/center/signing/canonical.js';
import { createTransportChain } from '../../../../src/main/center/signing/chain.js';
import { SigningConfig, type SigningSecrets } from '../../../../src/main/center/signing/config.js';
import type { LoadedSecrets } from '../../../../src/main/center/signing/secrets.js';
import { tifSignature } from '../../../../src/main/center/signing/tif-header.js';

const priv = smCrypto.sm2.generateKeyPairHex();
const b64 = (h: string) => Buffer.from(h, 'hex').toString('base64');
const SM4_KEY = '0123456789abcdeffedcba9876543210';

const secrets = (values: SigningSecrets): LoadedSecrets => ({ values, source: 'test' });
const allSecrets = secrets({ tifSecret: 'gateway-secret-1', sm2PrivateKey: b64(priv.privateKey), sm2PublicKey: b64(priv.publicKey), sm4Key: SM4_KEY });

const env = () => ({
  infno: '1101',
  msgid: 'H53060200001202606151000000001',
  mdtrtarea_admvs: '530602',
  insuplc_admdvs: '530600',
  recer_sys_code: 'YBXT',
  dev_no: '',
  dev_safe_info: '',
  cainfo: '',
  signtype: '',
  infver: 'V1.0',
  opter_type: '1',
  opter: '1001',
  opter_name: '李收费',
  inf_time: '2026-06-15 10:00:00',
  fixmedins_code: 'H53060200001',
  fixmedins_name: '昭通测试医院',
  sign_no: 'S1',
  input: { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '530602199001011234' } },
});
const ctx = { baseUrl: 'https://gw.example/fsi', url: 'https://gw.example/fsi/fsi/api/rsfComIfsService/callService', infno: '1101', msgid: 'm', now: new Date(1_781_000_000_123) };
const chain = (c: unknown, s: LoadedSecrets | null = allSecrets) => createTransportChain(SigningConfig.parse(c), s)!;

/** the canonical text written out by hand for env() with signtype SM2 */
const CANONICAL_SM2 =
  'fixmedins_code=H53060200001&fixmedins_name=昭通测试医院&inf_time=2026-06-15 10:00:00&infno=1101&infver=V1.0&insuplc_admdvs=530600' +
  '&mdtrtarea_admvs=530602&msgid=H53060200001202606151000000001&opter=1001&opter_name=李收费&opter_type=1&recer_sys_code=YBXT&sign_no=S1&signtype=SM2';

describe('canonical text of the envelope', () => {
  it('is name=value in ASCII order of names, without cainfo, input and empty values', () => {
    expect(canonicalFields({ ...env(), signtype: 'SM2' }, new Set(['cainfo', 'input']))).toBe(CANONICAL_SM2);
    expect(canonicalFields({ b: 1, a: { x: 'y' }, c: null, B: 'up' }, new Set())).toBe('B=up&a={"x":"y"}&b=1');
  });
});

describe('schemes on the wire', () => {
  it('none (or nothing) builds no chain: the client sends the plain envelope', () => {
    expect(createTransportChain(SigningConfig.parse({}), null)).toBeNull();
    expect(createTransportChain(SigningConfig.parse({ schemes: ['none'] }), null)).toBeNull();
  });

  it('tif-header: paasid, Unix-second timestamp, 32-hex nonce, SHA-256(ts + secret + nonce + ts), optional serviceId and /{infno}', () => {
    const c = chain({ schemes: 'tif-header', secretsFile: 'x', tifHeader: { paasid: 'yb_pos_zt', postToInfno: true, serviceIdHeader: true } });
    const out = c.seal(env(), ctx);
    const h = out.headers;
    expect(h['x-tif-paasid']).toBe('yb_pos_zt');
    expect(h['x-tif-timestamp']).toBe('1781000000');
    expect(h['x-tif-nonce']).toMatch(/^[0-9a-f]{32}$/);
    const expected = crypto.createHash('sha256').update(`1781000000gateway-secret-1${h['x-tif-nonce']}1781000000`).digest('hex');
    expect(h['x-tif-signature']).toBe(expected);
    expect(tifSignature('1781000000', 'gateway-secret-1', h['x-tif-nonce'])).toBe(expected);
    expect(h['x-tif-serviceId']).toBe('1101');
    expect(out.url).toBe('https://gw.example/fsi/1101');
    expect(JSON.parse(out.body)).toEqual(env());
    expect(c.seal(env(), ctx).headers['x-tif-nonce']).not.toBe(h['x-tif-nonce']);
  });

  it('sm3-cainfo: signtype SM3, cainfo = SM3 of the canonical text (salted with &key= when configured)', () => {
    const body = JSON.parse(chain({ schemes: ['sm3-cainfo'] }, null).seal(env(), ctx).body);
    const text = CANONICAL_SM2.replace('signtype=SM2', 'signtype=SM3');
    expect(body.signtype).toBe('SM3');
    expect(body.cainfo).toBe(smCrypto.sm3(text));
    expect(body.input).toEqual(env().input);
    const salted = JSON.parse(chain({ schemes: ['sm3-cainfo'], secretsFile: 'x' }, secrets({ sm3Key: 'salt' })).seal(env(), ctx).body);
    expect(salted.cainfo).toBe(smCrypto.sm3(`${text}&key=salt`));
  });

  it('sm2-cainfo: signtype SM2, cainfo = base64 SM3withSM2 of the canonical text (DER, or raw r‖s)', () => {
    for (const signatureFormat of ['der', 'raw'] as const) {
      const body = JSON.parse(chain({ schemes: ['sm2-cainfo'], secretsFile: 'x', sm2: { signatureFormat } }).seal(env(), ctx).body);
      expect(body.signtype).toBe('SM2');
      const sigHex = Buffer.from(body.cainfo, 'base64').toString('hex');
      expect(sigHex.length === 128).toBe(signatureFormat === 'raw');
      expect(smCrypto.sm2.doVerifySignature(CANONICAL_SM2, sigHex, priv.publicKey, { der: signatureFormat === 'der', hash: true })).toBe(true);
    }
  });

  it('sm4-envelope: input leaves as uppercase-hex SM4-ECB in encData, signData signs the rest; an SM4 output string is opened', () => {
    const c = chain({ schemes: ['sm4-envelope'], secretsFile: 'x' });
    const body = JSON.parse(c.seal(env(), ctx).body);
    expect(body.input).toBeUndefined();
    expect(body).toMatchObject({ encType: 'SM4', signType: 'SM2', encData: expect.stringMatching(/^[0-9A-F]+$/) });
    const plain = smCrypto.sm4.decrypt(Array.from(Buffer.from(body.encData, 'hex')), SM4_KEY, { output: 'array' });
    expect(JSON.parse(Buffer.from(plain).toString('utf8'))).toEqual(env().input);
    const signed = canonicalFields(body, new Set(['signData', 'cainfo', 'signtype', 'input']));
    expect(signed).toContain(`encData=${body.encData}`);
    expect(smCrypto.sm2.doVerifySignature(signed, Buffer.from(body.signData, 'base64').toString('hex'), priv.publicKey, { der: true, hash: true })).toBe(true);

    const output = { signinoutb: { sign_no: 'S9', sign_time: '2026-06-15 10:00:00' } };
    const cipher = Buffer.from(smCrypto.sm4.encrypt(Array.from(Buffer.from(JSON.stringify(output))), SM4_KEY, { output: 'array' })).toString('hex').toUpperCase();
    expect(c.openReply({ infcode: 0, output: cipher })).toEqual(output);
    expect(c.openReply({ infcode: 0, output })).toEqual(output);
    expect(() => c.openReply({ infcode: 0, output: 'ABCD' })).toThrow(/multiple of 16/);
  });

  it('combined, the parts apply in the fixed order whatever the order written, each covering the one before', () => {
    const c = chain({ schemes: ['tif-header', 'sm2-cainfo', 'sm4-envelope'], secretsFile: 'x', tifHeader: { paasid: 'p' } });
    expect(c.schemes).toEqual(['sm4-envelope', 'sm2-cainfo', 'tif-header']);
    const out = c.seal(env(), ctx);
    const body = JSON.parse(out.body);
    expect(body.encData).toBeTruthy();
    expect(body.signtype).toBe('SM2');
    // cainfo covers encData and signData (written before it)
    const text = canonicalFields(body, new Set(['cainfo', 'input']));
    expect(text).toContain('encData=');
    expect(text).toContain('signData=');
    expect(smCrypto.sm2.doVerifySignature(text, Buffer.from(body.cainfo, 'base64').toString('hex'), priv.publicKey, { der: true, hash: true })).toBe(true);
    expect(out.headers['x-tif-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(out.url).toBe(ctx.url);
  });

  it('a reply signature is required and checked when the center public key is configured', () => {
    const center = smCrypto.sm2.generateKeyPairHex();
    const c = chain({ schemes: ['sm4-envelope'], secretsFile: 'x', sm2: { centerPublicKey: b64(center.publicKey) } });
    const reply: Record<string, unknown> = { infcode: 0, output: { a: 1 }, inf_refmsgid: 'r' };
    expect(() => c.openReply(reply)).toThrow(/signData/);
    const text = canonicalFields(reply, new Set(['signData', 'cainfo', 'signtype', 'input']));
    reply.signData = Buffer.from(smCrypto.sm2.doSignature(text, center.privateKey, { der: true, hash: true }), 'hex').toString('base64');
    expect(c.openReply(reply)).toEqual({ a: 1 });
    expect(() => c.openReply({ ...reply, output: { a: 2 } })).toThrow(/signData/);
  });
});

describe('center.signing configuration', () => {
  const problem = (c: unknown) => {
    const r = SigningConfig.safeParse(c);
    return r.success ? null : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
  };
  it('takes a list, one name or names joined with "+"', () => {
    expect(SigningConfig.parse({ schemes: 'tif-header+sm2-cainfo', secretsFile: 'f', tifHeader: { paasid: 'p' } }).schemes).toEqual(['tif-header', 'sm2-cainfo']);
    expect(SigningConfig.parse({ schemes: 'sm3-cainfo' }).schemes).toEqual(['sm3-cainfo']);
  });
  it('refuses combinations that cannot work, naming the field', () => {
    expect(problem({ schemes: ['none', 'tif-header'] })).toMatch(/^schemes: "none" cannot be combined/);
    expect(problem({ schemes: ['sm3-cainfo', 'sm2-cainfo'], secretsFile: 'f' })).toMatch(/^schemes: .*choose one/);
    expect(problem({ schemes: ['tif-header'], secretsFile: 'f' })).toMatch(/^tifHeader: /);
    expect(problem({ schemes: ['sm2-cainfo'] })).toMatch(/^secretsFile: sm2-cainfo needs keys/);
    expect(problem({ schemes: ['sm2-cainfo'], secretsFile: 'f', keyStore: {} })).toMatch(/^keyStore: /);
    expect(problem({ schemes: ['rsa'] })).toMatch(/^schemes\.0: /);
    expect(problem({ keyStore: { service: 'yb pos; rm -rf /' } })).toMatch(/^keyStore\.service: /);
  });
  it('a missing key is named, with where it was looked for, and no value appears', () => {
    expect(() => chain({ schemes: ['sm4-envelope'], secretsFile: 'x' }, secrets({ sm2PrivateKey: b64(priv.privateKey) }))).toThrow(/sm4-envelope .*sm4Key \(test\)/);
    expect(() => chain({ schemes: ['tif-header'], secretsFile: 'x', tifHeader: { paasid: 'p' } }, secrets({}))).toThrow(/tifSecret/);
    const wrongPub = smCrypto.sm2.generateKeyPairHex().publicKey;
    expect(() => chain({ schemes: ['sm2-cainfo'], secretsFile: 'x' }, secrets({ sm2PrivateKey: b64(priv.privateKey), sm2PublicKey: b64(wrongPub) }))).toThrow(/does not belong/);
  });
});
