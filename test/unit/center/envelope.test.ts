import { describe, expect, it } from 'vitest';
import { RequestEnvelope, ResponseEnvelope, isSuccessInfcode } from '../../../src/main/center/envelope.js';

const reply = (infcode: unknown, extra: Record<string, unknown> = {}) => ({
  infcode,
  inf_refmsgid: '530600202611261000000000000001',
  refmsg_time: '20261126100000000',
  respond_time: '20261126100000123',
  err_msg: null,
  warn_msg: null,
  output: {},
  ...extra,
});

describe('response envelope', () => {
  it('accepts infcode "0" and 0 as success', () => {
    expect(isSuccessInfcode(ResponseEnvelope.parse(reply('0')).infcode)).toBe(true);
    expect(isSuccessInfcode(ResponseEnvelope.parse(reply(0)).infcode)).toBe(true);
  });

  it('reads -1 and "-1" as failure', () => {
    const a = ResponseEnvelope.parse(reply(-1, { err_msg: '参保人员信息不存在' }));
    expect(a.infcode).toBe(-1);
    expect(isSuccessInfcode(a.infcode)).toBe(false);
    expect(a.err_msg).toBe('参保人员信息不存在');
    expect(ResponseEnvelope.parse(reply('-1')).infcode).toBe(-1);
  });

  it('refuses an infcode that is not an integer, naming the field', () => {
    const r = ResponseEnvelope.safeParse(reply('ok'));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['infcode']);
    expect(ResponseEnvelope.safeParse(reply(undefined)).success).toBe(false);
  });

  it('keeps unknown fields and allows output as an object or a base64 string', () => {
    const e = ResponseEnvelope.parse(reply(0, { output: 'ZW5jcnlwdGVk', provincial: { a: 1 } }));
    expect(e.output).toBe('ZW5jcnlwdGVk');
    expect(e.provincial).toEqual({ a: 1 });
    expect(ResponseEnvelope.parse(reply(0, { output: null })).output).toBeNull();
    expect(ResponseEnvelope.safeParse(reply(0, { output: 42 })).success).toBe(false);
  });
});

describe('request envelope', () => {
  const req = {
    infno: '1101',
    msgid: 'H53060200001202611261000000001',
    mdtrtarea_admvs: '530600',
    insuplc_admdvs: '530600',
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter_type: '1',
    opter: '0001',
    opter_name: '收款员',
    inf_time: '2026-11-26 10:00:00',
    fixmedins_code: 'H53060200001',
    fixmedins_name: '测试',
    input: { data: {} },
    extra_header: 'kept',
  };

  it('parses with defaults and keeps extras', () => {
    const e = RequestEnvelope.parse(req);
    expect(e.sign_no).toBe('');
    expect(e.extra_header).toBe('kept');
  });

  it('names the bad field', () => {
    const r = RequestEnvelope.safeParse({ ...req, inf_time: '2026/11/26' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['inf_time']);
    expect(RequestEnvelope.safeParse({ ...req, msgid: 'x' }).error!.issues[0].path).toEqual(['msgid']);
  });
});
