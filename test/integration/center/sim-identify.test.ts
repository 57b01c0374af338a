/** 9001 and 1101 between the real client and the simulator over loopback HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizerUnusableReason } from '../../../src/main/settle/index.js';
import { CenterError, personFrom1101 } from '../../../src/main/center/index.js';
import { startHarness, type Harness } from './harness.js';

// a fixed service date: the expired binding (2025-06-30) is expired, the filing (to 2030) is valid
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
});
afterAll(async () => {
  await h.close();
});

describe('9001 sign-in', () => {
  it('returns a sign_no', async () => {
    const out = await h.client.signIn(h.meta());
    expect(out.sign_no).toMatch(/^\d{20}$/);
    expect(out.sign_time).toBe('2026-06-15 10:00:00');
  });
});

describe('1101 person info by each credential', () => {
  it('finds a person by social-security card number and card_sn (03)', async () => {
    const p = h.person('账户充足');
    const out = await h.client.personInfo(
      { mdtrt_cert_type: '03', mdtrt_cert_no: p.card!.card_no, card_sn: p.card!.card_sn },
      h.meta(),
    );
    expect(out.baseinfo.psn_no).toBe(p.psn_no);
    expect(out.baseinfo.psn_name).toBe('张伟');
    expect(out.insuinfo[0].insutype).toBe('310');
    expect(out.insuinfo[0].balc).toBe(238650); // 2,386.50 yuan
    const person = personFrom1101(out, { today: NOW });
    expect(person.hasAccount).toBe(true);
    expect(person.ytd).toEqual({ year: 2026, dedc_used: 5000, hifp_paid: 0, hifmi_paid: 0 });
    expect(person.age).toBe(48);
  });

  it('refuses a card whose card_sn does not match', async () => {
    const p = h.person('账户充足');
    const err = await h.client
      .personInfo({ mdtrt_cert_type: '03', mdtrt_cert_no: p.card!.card_no, card_sn: '530600' + '0'.repeat(26) }, h.meta())
      .catch((e) => e);
    expect(err).toBeInstanceOf(CenterError);
    expect(err.kind).toBe('refused');
    expect(err.err_msg).toContain('卡识别码');
  });

  it('finds a person by ID number (02)', async () => {
    const p = h.person('城乡居民 王秀英');
    const out = await h.client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, certno: p.certno, psn_cert_type: '01' }, h.meta());
    const person = personFrom1101(out, { today: NOW });
    expect(person.psn_no).toBe(p.psn_no);
    expect(person.insutype).toBe('390');
    expect(person.hasAccount).toBe(false);
    expect(person.balc).toBe(0);
    expect(person.mulaid).toEqual([]);
  });

  it('finds a person by e-voucher token (01)', async () => {
    const p = h.person('家庭共济授权人');
    const out = await h.client.personInfo({ mdtrt_cert_type: '01', mdtrt_cert_no: p.qr! }, h.meta());
    expect(out.baseinfo.psn_no).toBe(p.psn_no);
    expect(personFrom1101(out).cvlserv_flag).toBe(true);
  });

  it('answers an unknown person with a refusal carrying the center text', async () => {
    const err = await h.client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: '11010519491231002X' }, h.meta()).catch((e) => e);
    expect(err).toBeInstanceOf(CenterError);
    expect(err.kind).toBe('refused');
    expect(err.infcode).toBe(-1);
    expect(err.err_msg).toBe('未查询到参保人员信息');
  });

  it('refuses a stale e-voucher token', async () => {
    const err = await h.client.personInfo({ mdtrt_cert_type: '01', mdtrt_cert_no: 'YBEC0000' }, h.meta()).catch((e) => e);
    expect(err.kind).toBe('refused');
    expect(err.err_msg).toContain('电子凭证');
  });
});

describe('1101 family co-pay extension', () => {
  async function personOf(label: string) {
    const p = h.person(label);
    return personFrom1101(await h.client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno }, h.meta()), { today: NOW });
  }

  it('lists the authorizer for the spouse, the child and the parent, all usable', async () => {
    for (const [label, relation] of [
      ['之妻', 'spouse'],
      ['之女', 'child'],
      ['之父', 'parent'],
    ] as const) {
      const person = await personOf(label);
      expect(person.mulaid).toHaveLength(1);
      const a = person.mulaid[0];
      expect(a.psn_name).toBe('陈建国');
      expect(a.relation).toBe(relation);
      expect(a.insutype).toBe('310');
      expect(a.balc).toBe(512000);
      expect(authorizerUnusableReason(a, TODAY)).toBeNull();
    }
  });

  it('carries the data for every unusable reason', async () => {
    const expired = await personOf('共济绑定已过期 赵小红');
    expect(expired.mulaid[0].bind_end_date).toBe('2025-06-30');
    expect(authorizerUnusableReason(expired.mulaid[0], TODAY)).toBe('binding_expired');

    const resident = await personOf('共济授权人非职工');
    expect(resident.mulaid[0].insutype).toBe('390');
    expect(authorizerUnusableReason(resident.mulaid[0], TODAY)).toBe('not_employee');

    const zero = await personOf('共济授权人余额为零');
    expect(zero.mulaid[0].psn_name).toBe('李娜');
    expect(zero.mulaid[0].balc).toBe(0);
    expect(authorizerUnusableReason(zero.mulaid[0], TODAY)).toBe('zero_balance');

    const sibling = await personOf('未绑定共济');
    expect(sibling.mulaid).toEqual([]);
  });

  it('reports the cross-region filing, or null without one', async () => {
    const filed = await personOf('已备案');
    expect(filed.insuplc_admdvs).toBe('530100');
    expect(filed.filing).toEqual({ insuplc_admdvs: '530100', begn_date: '2025-01-01', end_date: '2030-12-31' });
    const unfiled = await personOf('未备案');
    expect(unfiled.insuplc_admdvs).toBe('530300');
    expect(unfiled.filing).toBeNull();
  });
});
