/**
 * The client against a scripted loopback HTTP server: the request it sends (path, headers, envelope,
 * amounts) and how it classifies every kind of reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CenterError,
  CenterInputError,
  createCenterClient,
  formatMsgid,
  type CenterClientOptions,
} from '../../../src/main/center/index.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let reply: (req: Seen, res: http.ServerResponse) => void = (_r, res) => res.end('{}');
let last: Seen | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      last = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      reply(last, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const CODE = 'H53060200001';
let seq = 0;
const meta = () => ({ msgid: formatMsgid(CODE, new Date(), ++seq), insuplc_admdvs: '530600', sign_no: 'S1' });

function client(extra: Partial<CenterClientOptions> = {}) {
  return createCenterClient({
    url: `${base}/`,
    fixmedins_code: CODE,
    fixmedins_name: '昭通测试医院',
    mdtrtarea_admvs: '530600',
    opter: '0007',
    opter_name: '收款员七',
    dev_no: 'T01',
    timeoutMs: 2000,
    now: () => new Date('2026-03-01T01:02:03Z'),
    ...extra,
  });
}

function answer(status: number, body: unknown, contentType = 'application/json') {
  reply = (_r, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

const okEnvelope = (output: unknown, infcode: unknown = 0) => ({
  infcode,
  inf_refmsgid: '530600202603010902030000000001',
  refmsg_time: '20260301090203000',
  respond_time: '20260301090203050',
  err_msg: null,
  warn_msg: '',
  output,
  province_extra: { kept: true },
});

describe('the request', () => {
  it('POSTs the national envelope to the service path with UTF-8 JSON and signed headers', async () => {
    answer(200, okEnvelope({ signinoutb: { sign_time: '2026-03-01 09:02:03', sign_no: 'SN1' } }));
    const signer = { headers: ({ body }: { body: string }) => ({ 'x-tif-signature': `len=${body.length}`, 'x-tif-paasid': 'pos' }) };
    const m = meta();
    await client({ signer }).signIn(m);
    expect(last!.method).toBe('POST');
    expect(last!.url).toBe('/fsi/api/rsfComIfsService/callService');
    expect(last!.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(last!.headers['x-tif-signature']).toBe(`len=${last!.body.length}`);
    expect(last!.headers['x-tif-paasid']).toBe('pos');
    const env = JSON.parse(last!.body);
    expect(env).toMatchObject({
      infno: '9001',
      msgid: m.msgid,
      mdtrtarea_admvs: '530600',
      insuplc_admdvs: '530600',
      infver: 'V1.0',
      opter_type: '1',
      opter: '0007',
      opter_name: '收款员七',
      inf_time: '2026-03-01 09:02:03', // China time
      fixmedins_code: CODE,
      fixmedins_name: '昭通测试医院',
      sign_no: 'S1',
      dev_no: 'T01',
      input: { signIn: { opter_no: '0007' } },
    });
  });

  it('sends fen amounts as decimal yuan and flags as "0"/"1"', async () => {
    answer(200, okEnvelope({ setlinfo: {}, setldetail: [] }));
    await client()
      .preSettle2206(
        { psn_no: 'P1', mdtrt_cert_type: '02', mdtrt_cert_no: 'X', med_type: '11', medfee_sumamt: 123456, mdtrt_id: 'M1', insutype: '310', acct_used_flag: true, acct_mulaid_psn_no: 'A1' },
        meta(),
      )
      .catch(() => undefined);
    const input = JSON.parse(last!.body).input.data;
    expect(input.medfee_sumamt).toBe(1234.56);
    expect(input.acct_used_flag).toBe('1');
    expect(input.acct_mulaid_psn_no).toBe('A1');
  });

  it('refuses to send an input that fails the schema, naming the field', async () => {
    last = null;
    const err = await client()
      .call('2207', { data: { psn_no: 'P1', mdtrt_cert_type: '02', mdtrt_cert_no: 'X', med_type: '11', medfee_sumamt: 10.5, mdtrt_id: 'M', insutype: '310', acct_used_flag: false } }, meta())
      .catch((e) => e);
    expect(err).toBeInstanceOf(CenterInputError);
    expect(err.field).toBe('input.data.medfee_sumamt');
    expect(last).toBeNull();
  });

  it('refuses a malformed msgid before sending', async () => {
    const err = await client().signIn({ msgid: 'short', insuplc_admdvs: '530600' }).catch((e) => e);
    expect(err).toBeInstanceOf(CenterInputError);
    expect(err.field).toBe('msgid');
  });
});

describe('reply classification', () => {
  it('infcode "0" (string) is success; yuan strings, numbers and empties decode to fen', async () => {
    answer(
      200,
      okEnvelope(
        {
          setlinfo: {
            mdtrt_id: 'M1', setl_id: 'S1', psn_no: 'P1', insutype: 310, med_type: '11',
            medfee_sumamt: '100.50', fulamt_ownpay_amt: '', fund_pay_sumamt: 60.2, psn_part_amt: '40.3', acct_pay: 0,
            psn_cash_pay: '40.30', acct_mulaid_pay: null, unknown_provincial_field: 'x',
          },
          setldetail: [],
        },
        '0',
      ),
    );
    const out = await client().settle2207(
      { psn_no: 'P1', mdtrt_cert_type: '02', mdtrt_cert_no: 'X', med_type: '11', medfee_sumamt: 10050, mdtrt_id: 'M1', insutype: '310', acct_used_flag: false },
      meta(),
    );
    expect(out.setlinfo.medfee_sumamt).toBe(10050);
    expect(out.setlinfo.fund_pay_sumamt).toBe(6020);
    expect(out.setlinfo.psn_cash_pay).toBe(4030);
    expect(out.setlinfo.fulamt_ownpay_amt).toBe(0);
    expect(out.setlinfo.acct_mulaid_pay).toBe(0);
    expect(out.setlinfo.insutype).toBe('310');
    expect(out.setlinfo.unknown_provincial_field).toBe('x');
  });

  it('infcode -1 is a refusal with the center text', async () => {
    answer(200, { ...okEnvelope(null, -1), err_msg: '未查询到参保人员信息' });
    const err = await client().personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: 'X' }, meta()).catch((e) => e);
    expect(err).toBeInstanceOf(CenterError);
    expect(err.kind).toBe('refused');
    expect(err.infcode).toBe(-1);
    expect(err.err_msg).toBe('未查询到参保人员信息');
  });

  it('infcode "-2" (string) is a refusal too', async () => {
    answer(200, { ...okEnvelope(null, '-2'), err_msg: '签到编号无效' });
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('refused');
    expect(err.infcode).toBe(-2);
  });

  it('HTTP 5xx is a bad reply with the status', async () => {
    answer(503, '<html>Service Unavailable</html>', 'text/html');
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.httpStatus).toBe(503);
    expect(err.rawBody).toContain('Service Unavailable');
  });

  it('JSON that is not the envelope is a bad reply naming the field', async () => {
    answer(200, { code: 200, data: {} });
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.field).toBe('infcode');
  });

  it('an output failing the schema is a bad reply naming the field', async () => {
    answer(200, okEnvelope({ signinoutb: { sign_time: 'x' } }));
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.field).toBe('output.signinoutb.sign_no');
    expect(err.message).toContain('output.signinoutb.sign_no');
  });

  it('an amount with a third decimal place is a bad reply', async () => {
    answer(200, okEnvelope({ result: [{ feedetl_sn: '1', det_item_fee_sumamt: '1.005', cnt: 1, pric: 1, chrgitm_lv: '01' }] }));
    const err = await client()
      .uploadFees2204([{ feedetl_sn: '1', fee_ocur_time: 'x', med_list_codg: 'C', det_item_fee_sumamt: 100, cnt: '1', pric: 100 }], meta())
      .catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.field).toBe('output.result.0.det_item_fee_sumamt');
  });

  it('an encrypted output goes through the decrypt hook; without one it is a bad reply', async () => {
    const plain = { signinoutb: { sign_time: '2026-03-01 09:02:03', sign_no: 'SN9' } };
    answer(200, okEnvelope(Buffer.from(JSON.stringify(plain)).toString('base64')));
    const decryptOutput = (cipher: string) => JSON.parse(Buffer.from(cipher, 'base64').toString('utf8'));
    await expect(client({ decryptOutput }).signIn(meta())).resolves.toEqual(plain.signinoutb);
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('bad_reply');
    expect(err.field).toBe('output');
  });

  it('a socket closed without a reply is unreachable', async () => {
    reply = (_r, res) => res.socket?.destroy();
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('unreachable');
  });

  it('no reply in time is a timeout', async () => {
    reply = (_r, res) => setTimeout(() => res.end('{}'), 800);
    const err = await client({ timeoutMs: 150 }).signIn(meta()).catch((e) => e);
    expect(err.kind).toBe('timeout');
  });

  it('rawBody is truncated', async () => {
    answer(502, 'x'.repeat(10_000), 'text/plain');
    const err = await client().signIn(meta()).catch((e) => e);
    expect(err.rawBody.length).toBeLessThan(2100);
  });
});
