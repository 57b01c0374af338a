/** The simulator's envelope check point (src/center-sim/receive.ts): what is refused before anything is looked up. */
import { describe, expect, it } from 'vitest';
import { receiveEnvelope } from '../../../src/center-sim/receive.js';

const CODE = 'P53060200017';
const envelope = (over: Record<string, unknown> = {}) => ({
  infno: '9001',
  msgid: `${CODE}202606151000000001`,
  mdtrtarea_admvs: '530621',
  insuplc_admdvs: '530600',
  recer_sys_code: 'YBXT',
  dev_no: 'T01',
  dev_safe_info: '',
  cainfo: '',
  signtype: '',
  infver: 'V1.0',
  opter_type: '1',
  opter: '0001',
  opter_name: '收款员',
  inf_time: '2026-06-15 10:00:00',
  fixmedins_code: CODE,
  fixmedins_name: '测试药房',
  sign_no: '',
  input: { signIn: { opter_no: '0001' } },
  ...over,
});
const receive = (body: unknown, headers = {}) => receiveEnvelope({ body: typeof body === 'string' ? body : JSON.stringify(body), headers });

describe('receiveEnvelope', () => {
  it('passes a well-formed envelope with its infno, headers or not', () => {
    const r = receive(envelope(), { 'x-tif-paasid': 'pos' });
    expect(r).toMatchObject({ ok: true, infno: '9001', env: { msgid: `${CODE}202606151000000001`, fixmedins_code: CODE } });
  });

  it('refuses what cannot be read from the default division', () => {
    expect(receive('not json')).toEqual({ ok: false, division: '530600', err_msg: '报文不是合法的JSON' });
    expect(receive(envelope({ msgid: 'short' }))).toMatchObject({ ok: false, division: '530600', err_msg: expect.stringMatching(/^报文头校验失败: msgid/) });
  });

  it('refuses a read envelope from its treatment division, naming the field', () => {
    const refused = (over: Record<string, unknown>) => {
      const r = receive(envelope(over));
      expect(r).toMatchObject({ ok: false, division: '530621' });
      return r.ok || r.gateway ? '' : r.err_msg;
    };
    expect(refused({ infver: 'V2.0' })).toBe('接口版本号 V2.0 不支持，应为 V1.0 (infver)');
    expect(refused({ msgid: `${CODE}2026061510000000X1` })).toMatch(/\(msgid\)$/);
    expect(refused({ msgid: `P53060200099202606151000000001` })).toBe('报文ID前12位与定点医药机构编号不符 (msgid)');
    expect(refused({ infno: '9999' })).toBe('不支持的交易编号 9999 (infno)');
  });
});
